package dev.irshell.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Builds the account a scenario describes at a given start time: resources, then the timeline. */
final class ScenarioBuilder {
    private ScenarioBuilder() {
    }

    /** Builds a throw-away account to check the scenario's references; problems carry file:line:col. */
    static void check(Scenario scenario) {
        build(scenario, Instant.parse("2030-01-01T00:00:00Z"), new Ids(0));
    }

    static SandboxState build(Scenario s, Instant start, Ids ids) {
        List<RegionInfo> regions = new ArrayList<>();
        Regions.DEFAULT.forEach(r -> regions.add(new RegionInfo(r, RegionInfo.NOT_REQUIRED)));
        Regions.OPT_IN.forEach(r -> regions.add(new RegionInfo(r,
                s.optedInRegions().contains(r) ? RegionInfo.OPTED_IN : RegionInfo.NOT_OPTED_IN)));
        Set<String> customer = new HashSet<>();
        s.customerPolicies().forEach(p -> customer.add("arn:aws:iam::" + s.accountId() + ":policy/" + p));
        SandboxState state = new SandboxState(s.accountId(), regions, customer);

        for (Scenario.User u : s.users()) {
            if (state.user(u.name()).isPresent()) {
                throw fail(u.pos(), "user '" + u.name() + "' is defined twice");
            }
            for (String arn : u.attachedPolicies()) {
                if (!state.policyExists(arn)) {
                    throw fail(u.pos(), "user '" + u.name() + "': unknown policy " + arn + " (AWS managed policies "
                            + "known: " + String.join(", ", ManagedPolicies.AWS.stream().sorted().toList())
                            + "; customer policies go under 'policies:')");
                }
            }
            IamUser.LoginProfile profile = u.loginProfile() == null ? null
                    : new IamUser.LoginProfile(start.plus(u.loginProfile().created()),
                    u.loginProfile().passwordResetRequired());
            state.putUser(new IamUser(u.name(), u.id(), u.path(),
                    "arn:aws:iam::" + s.accountId() + ":user" + u.path() + u.name(), start.plus(u.created()),
                    u.passwordLastUsed() == null ? null : start.plus(u.passwordLastUsed()), profile,
                    u.attachedPolicies(), u.inlinePolicies(), u.groups(), u.mfaDevices(), u.tags(), "scenario"));
            for (Scenario.Key k : u.accessKeys()) {
                if (state.accessKey(k.id()).isPresent()) {
                    throw fail(k.pos(), "access key " + k.id() + " is defined twice");
                }
                state.putAccessKey(new AccessKey(k.id(), k.secret(), u.name(), k.status(), start.plus(k.created()),
                        null, null, null, "scenario"));
            }
        }
        for (Scenario.Role r : s.roles()) {
            state.putRole(new IamRole(r.name(), r.id(), r.path(),
                    "arn:aws:iam::" + s.accountId() + ":role" + r.path() + r.name(), start.plus(r.created()),
                    r.attachedPolicies(), r.trustedPrincipals(), r.maxSessionDuration(), "scenario"));
        }
        for (Scenario.Instance i : s.instances()) {
            if (state.instance(i.id()).isPresent()) {
                throw fail(i.pos(), "instance " + i.id() + " is defined twice");
            }
            if (state.region(i.region()).filter(RegionInfo::enabled).isEmpty()) {
                throw fail(i.pos(), "instance " + i.id() + " is in " + i.region() + ", which this account has not "
                        + "opted in to (add it to account.optedInRegions)");
            }
            state.putInstance(new Ec2Instance(i.id(), i.region(), i.reservationId(), i.imageId(), i.instanceType(),
                    i.state(), start.plus(i.launched()), i.availabilityZone(), i.publicIp(), i.privateIp(),
                    i.keyName(), i.vpcId(), i.subnetId(), i.tags(), "scenario"));
        }
        ServiceEffects.buildAccount(s, state, start);
        new Timeline(s, state, start, ids).play();
        return state;
    }

    static ScenarioException fail(Scenario.Pos pos, String message) {
        return new ScenarioException(List.of(new ScenarioException.Problem(pos.file(), pos.line(), pos.column(),
                message)));
    }
}
