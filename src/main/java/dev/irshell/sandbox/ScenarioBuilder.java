package dev.irshell.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
        SandboxState state = new SandboxState(s.accountId(), regions);
        for (Scenario.Policy p : s.policies()) {
            String arn = "arn:aws:iam::" + s.accountId() + ":policy" + p.path() + p.name();
            if (state.policyExists(arn)) {
                throw fail(p.pos(), "policy '" + p.name() + "' is defined twice");
            }
            Instant created = start.plus(p.created());
            state.putCustomerPolicy(new ManagedPolicy(arn, p.name(), p.id() != null ? p.id()
                    : ManagedPolicies.derivedId("ANPA", arn), p.path(), created,
                    List.of(new ManagedPolicy.Version("v1", p.document(), true, created)), "scenario"));
        }
        for (Scenario.Group g : s.groups()) {
            if (state.group(g.name()).isPresent()) {
                throw fail(g.pos(), "group '" + g.name() + "' is defined twice");
            }
            for (String arn : g.attachedPolicies()) {
                if (!state.policyExists(arn)) {
                    throw fail(g.pos(), "group '" + g.name() + "': unknown policy " + arn);
                }
            }
            state.putGroup(new IamGroup(g.name(), g.id(), g.path(), "arn:aws:iam::" + s.accountId() + ":group"
                    + g.path() + g.name(), start.plus(g.created()), g.attachedPolicies(), "scenario"));
        }

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
                    u.attachedPolicies(), List.of(), u.groups(), u.mfaDevices(), u.tags(), "scenario"));
            for (String g : u.groups()) {
                if (state.group(g).isEmpty()) {
                    throw fail(u.pos(), "user '" + u.name() + "' is in group '" + g + "', which is not defined "
                            + "under 'groups:'");
                }
            }
            u.inlinePolicies().forEach(p -> state.putInlinePolicy("user", u.name(), p.name(), p.document()));
            for (String serial : u.mfaDevices()) {
                if (state.mfaDevice(serial).isPresent()) {
                    throw fail(u.pos(), "MFA device " + serial + " is assigned twice");
                }
                state.putMfaDevice(new MfaDevice(serial, u.name(), start.plus(u.created()), "scenario"));
            }
            for (Scenario.Credential c : u.credentials()) {
                if (state.userCredential(c.id()).isPresent()) {
                    throw fail(c.pos(), "credential " + c.id() + " is defined twice");
                }
                state.putUserCredential(new UserCredential(c.kind(), c.id(), u.name(), c.status(),
                        start.plus(c.created()), c.serviceName(), c.serviceUserName() != null ? c.serviceUserName()
                        : c.serviceName() == null ? null : u.name() + "-at-" + s.accountId(), "scenario"));
            }
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
            r.inlinePolicies().forEach(p -> state.putInlinePolicy("role", r.name(), p.name(), p.document()));
            for (Scenario.Profile p : r.instanceProfiles()) {
                if (state.instanceProfile(p.name()).isPresent()) {
                    throw fail(r.pos(), "instance profile '" + p.name() + "' is defined twice");
                }
                state.putInstanceProfile(new InstanceProfile(p.name(), p.id(), p.path(), "arn:aws:iam::"
                        + s.accountId() + ":instance-profile" + p.path() + p.name(), start.plus(r.created()),
                        List.of(r.name()), "scenario"));
            }
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
                    i.keyName(), i.vpcId(), i.subnetId(), i.tags(), i.disableApiTermination(), "scenario"));
            addVolumes(state, i.id(), i.region(), i.availabilityZone(), start.plus(i.launched()), i.volumes(),
                    "scenario", i.pos());
        }
        for (Scenario.Image im : s.images()) {
            state.putImage(new Ec2Image(im.id(), im.region(), im.name(), im.description(), start.plus(im.created()),
                    im.isPublic(), im.tags(), im.origin()));
        }
        for (Scenario.Snapshot sn : s.snapshots()) {
            state.putSnapshot(new Ec2Snapshot(sn.id(), sn.region(), sn.volumeId(), sn.volumeSize(), "completed",
                    start.plus(sn.created()), sn.description() == null ? "" : sn.description(), false, sn.tags(),
                    sn.origin()));
        }
        ServiceEffects.buildAccount(s, state, start);
        new Timeline(s, state, start, ids).play();
        return state;
    }

    /**
     * The EBS volumes of a new instance: those given, or one 8 GiB gp3 root volume whose id derives
     * from the instance id (so every run of a scenario has the same volume ids).
     */
    static void addVolumes(SandboxState state, String instanceId, String region, String zone, Instant created,
                           List<Scenario.Volume> volumes, String origin, Scenario.Pos pos) {
        List<Scenario.Volume> list = volumes.isEmpty()
                ? List.of(new Scenario.Volume(Ec2Volume.rootVolumeId(instanceId), 8, "gp3", "/dev/xvda", true, false))
                : volumes;
        for (Scenario.Volume v : list) {
            if (state.volume(v.id()).isPresent()) {
                throw fail(pos, "volume " + v.id() + " is defined twice");
            }
            state.putVolume(new Ec2Volume(v.id(), region, zone, v.size(), v.type(), v.encrypted(), created, instanceId,
                    v.device(), v.deleteOnTermination(), java.util.Map.of(), origin));
        }
    }

    static ScenarioException fail(Scenario.Pos pos, String message) {
        return new ScenarioException(List.of(new ScenarioException.Problem(pos.file(), pos.line(), pos.column(),
                message)));
    }
}
