package dev.irshell.preflight;

import dev.irshell.action.ActionFailure;
import dev.irshell.action.aws.AwsClientSource;
import dev.irshell.engine.CallerIdentity;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.account.model.AlternateContactType;
import software.amazon.awssdk.services.costexplorer.model.Granularity;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;

/**
 * The dry run preflight falls back to when it may not simulate: each read IAM action is checked by
 * calling its operation once, with the smallest harmless request (one item, the caller's own key,
 * a user that does not exist). AccessDenied means the permission is missing; an answer, including
 * "no such user" or "no report yet", means IAM let the call through. Nothing is changed:
 * GenerateCredentialReport and GenerateServiceLastAccessedDetails only start IAM's own report jobs.
 */
final class ReadProbes {
    /** A user name no account is expected to have: IAM checks the permission before it looks for the user. */
    static final String NO_SUCH_USER = "irshell-preflight-no-such-user";
    /** A well-formed job id IAM never issued: GetServiceLastAccessedDetails answers NoSuchEntity once allowed. */
    static final String NO_SUCH_JOB = "00000000-0000-0000-0000-000000000000";
    /** Error codes that can only come after IAM or the service authorised the call. */
    static final Set<String> ANSWERS = Set.of("NoSuchEntity", "ReportNotPresent", "ReportExpired", "ReportInProgress",
            "AWSOrganizationsNotInUseException", "ResourceNotFoundException");

    /** One probe: calls the operation once; throws {@link ActionFailure} as the SDK call does. */
    @FunctionalInterface
    interface Probe {
        void call(AwsClientSource c, CallerIdentity caller, String region);
    }

    /** What the operator should know of a probe that was answered: it cost money. */
    static final Map<String, String> NOTES = Map.of("ce:GetCostAndUsage",
            "this check cost USD 0.01, as each Cost Explorer request does");
    /** What the operator should know of a probe that was refused. */
    static final Map<String, String> DENIAL_NOTES = Map.of("organizations:ListAccounts",
            "outside the management account and a delegated administrator AWS refuses it whatever the policy says");

    static final Map<String, Probe> PROBES = probes();

    private ReadProbes() {}

    private static Map<String, Probe> probes() {
        Map<String, Probe> p = new LinkedHashMap<>();
        String iamRegion = AwsClientSource.IAM_REGION;
        p.put("iam:GenerateCredentialReport", (c, who, r) -> c.calls().run("iam", "GenerateCredentialReport", iamRegion,
                () -> c.iam().generateCredentialReport()));
        p.put("iam:GetCredentialReport", (c, who, r) -> c.calls().run("iam", "GetCredentialReport", iamRegion,
                () -> c.iam().getCredentialReport()));
        p.put("iam:GenerateServiceLastAccessedDetails", (c, who, r) -> c.calls().run("iam",
                "GenerateServiceLastAccessedDetails", iamRegion,
                () -> c.iam().generateServiceLastAccessedDetails(b -> b.arn(entityArn(who)))));
        p.put("iam:GetServiceLastAccessedDetails", (c, who, r) -> c.calls().run("iam", "GetServiceLastAccessedDetails",
                iamRegion, () -> c.iam().getServiceLastAccessedDetails(b -> b.jobId(NO_SUCH_JOB))));
        p.put("iam:GetAccessKeyLastUsed", (c, who, r) -> {
            if (who.accessKeyId() == null || !who.accessKeyId().startsWith("AKIA")) {
                throw new Skip("the credentials are temporary, and IAM answers AccessDenied for a key it does not "
                        + "keep, so only a simulation can tell");
            }
            c.calls().run("iam", "GetAccessKeyLastUsed", iamRegion,
                    () -> c.iam().getAccessKeyLastUsed(b -> b.accessKeyId(who.accessKeyId())));
        });
        p.put("iam:ListAccessKeys", (c, who, r) -> c.calls().run("iam", "ListAccessKeys", iamRegion,
                () -> c.iam().listAccessKeys(b -> b.userName(userName(who)).maxItems(1))));
        p.put("iam:ListAttachedUserPolicies", (c, who, r) -> c.calls().run("iam", "ListAttachedUserPolicies", iamRegion,
                () -> c.iam().listAttachedUserPolicies(b -> b.userName(userName(who)).maxItems(1))));
        p.put("iam:ListGroups", (c, who, r) -> c.calls().run("iam", "ListGroups", iamRegion,
                () -> c.iam().listGroups(b -> b.maxItems(1))));
        p.put("iam:ListPolicies", (c, who, r) -> c.calls().run("iam", "ListPolicies", iamRegion,
                () -> c.iam().listPolicies(b -> b.scope(PolicyScopeType.LOCAL).maxItems(1))));
        p.put("iam:ListRoles", (c, who, r) -> c.calls().run("iam", "ListRoles", iamRegion,
                () -> c.iam().listRoles(b -> b.maxItems(1))));
        p.put("iam:ListUsers", (c, who, r) -> c.calls().run("iam", "ListUsers", iamRegion,
                () -> c.iam().listUsers(b -> b.maxItems(1))));
        p.put("sts:GetAccessKeyInfo", (c, who, r) -> c.calls().run("sts", "GetAccessKeyInfo", c.defaultRegion(),
                () -> c.sts().getAccessKeyInfo(b -> b.accessKeyId(who.accessKeyId()))));
        p.put("cloudtrail:LookupEvents", (c, who, r) -> c.calls().run("cloudtrail", "LookupEvents", r,
                () -> c.cloudTrail(r).lookupEvents(b -> b.maxResults(1))));
        p.put("ec2:DescribeRegions", (c, who, r) -> c.calls().run("ec2", "DescribeRegions", r,
                () -> c.ec2(r).describeRegions()));
        p.put("ec2:DescribeInstances", (c, who, r) -> c.calls().run("ec2", "DescribeInstances", r,
                () -> c.ec2(r).describeInstances(b -> b.maxResults(5))));
        p.put("ec2:DescribeImages", (c, who, r) -> c.calls().run("ec2", "DescribeImages", r,
                () -> c.ec2(r).describeImages(b -> b.owners("self").maxResults(5))));
        p.put("ec2:DescribeVolumes", (c, who, r) -> c.calls().run("ec2", "DescribeVolumes", r,
                () -> c.ec2(r).describeVolumes(b -> b.maxResults(5))));
        p.put("ec2:DescribeSnapshots", (c, who, r) -> c.calls().run("ec2", "DescribeSnapshots", r,
                () -> c.ec2(r).describeSnapshots(b -> b.ownerIds("self").maxResults(5))));
        p.put("lambda:ListFunctions", (c, who, r) -> c.calls().run("lambda", "ListFunctions", r,
                () -> c.lambda(r).listFunctions(b -> b.maxItems(1))));
        p.put("lambda:ListLayers", (c, who, r) -> c.calls().run("lambda", "ListLayers", r,
                () -> c.lambda(r).listLayers(b -> b.maxItems(1))));
        p.put("ce:GetCostAndUsage", (c, who, r) -> {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            c.calls().run("ce", "GetCostAndUsage", "us-east-1", () -> c.costExplorer().getCostAndUsage(b -> b
                    .timePeriod(t -> t.start(today.minusDays(1).toString()).end(today.toString()))
                    .granularity(Granularity.DAILY).metrics("UnblendedCost")));
        });
        p.put("organizations:DescribeOrganization", (c, who, r) -> c.calls().run("organizations", "DescribeOrganization",
                "us-east-1", () -> c.organizations().describeOrganization()));
        p.put("organizations:ListAccounts", (c, who, r) -> c.calls().run("organizations", "ListAccounts", "us-east-1",
                () -> c.organizations().listAccounts(b -> b.maxResults(1))));
        p.put("account:GetContactInformation", (c, who, r) -> c.calls().run("account", "GetContactInformation",
                "us-east-1", () -> c.account().getContactInformation(b -> { })));
        p.put("account:GetAlternateContact", (c, who, r) -> c.calls().run("account", "GetAlternateContact", "us-east-1",
                () -> c.account().getAlternateContact(b -> b.alternateContactType(AlternateContactType.SECURITY))));
        return java.util.Collections.unmodifiableMap(p);
    }

    /** A probe that cannot tell for these credentials, with why. */
    static final class Skip extends RuntimeException {
        Skip(String why) {
            super(why);
        }
    }

    /**
     * Probes every action in {@code actions} that has a probe; the others are not checked, with why.
     * Throws {@link ActionFailure} when the credentials do not work at all.
     */
    static Map<String, Verdict> run(List<String> actions, AwsClientSource clients, CallerIdentity caller, String region) {
        Map<String, Verdict> out = new LinkedHashMap<>();
        for (String a : actions) {
            Probe probe = PROBES.get(a);
            if (probe == null) {
                out.put(a, Verdict.notChecked("no harmless call checks it; only a simulation can tell"));
                continue;
            }
            out.put(a, probe(a, probe, clients, caller, region));
        }
        return out;
    }

    private static Verdict probe(String action, Probe probe, AwsClientSource clients, CallerIdentity caller, String region) {
        String note = NOTES.getOrDefault(action, "");
        try {
            probe.call(clients, caller, region);
            return Verdict.allowed(note.isEmpty() ? "the call was answered" : "the call was answered; " + note, List.of());
        } catch (Skip s) {
            return Verdict.notChecked(s.getMessage());
        } catch (ActionFailure f) {
            switch (f.kind()) {
                case ACCESS_DENIED:
                    String why = DENIAL_NOTES.get(action);
                    return Verdict.denied("the call was refused (" + f.errorCode() + ")" + (why == null ? "" : "; " + why),
                            List.of());
                case CREDENTIALS:
                    throw f;
                case READ_ONLY:
                    return Verdict.notChecked("refused by --read-only");
                default:
                    if (f.errorCode() != null && ANSWERS.contains(f.errorCode())) {
                        return Verdict.allowed("the call was answered (" + f.errorCode() + ")", List.of());
                    }
                    return Verdict.notChecked("inconclusive: " + inconclusive(action, f));
            }
        }
    }

    /** What the service answered instead of a yes or a no, in a few words (the code, else the HTTP status). */
    private static String inconclusive(String action, ActionFailure f) {
        String service = dev.irshell.action.IamActionNames.service(action);
        if (f.kind() == ActionFailure.Kind.UNREACHABLE) {
            return "could not reach " + service;
        }
        return service + " answered " + (f.errorCode() != null ? f.errorCode()
                : f.httpStatus() > 0 ? "HTTP " + f.httpStatus() : "an error");
    }

    /** The IAM user or role whose last-accessed report the probe asks for: the caller's own. */
    private static String entityArn(CallerIdentity who) {
        List<String> principals = PolicySimulator.principals(who.arn(), "us-east-1");
        if (!principals.isEmpty()) {
            return principals.get(0);
        }
        return "arn:aws:iam::" + who.account() + ":user/" + NO_SUCH_USER;
    }

    private static String userName(CallerIdentity who) {
        return who.userName() != null ? who.userName() : NO_SUCH_USER;
    }
}
