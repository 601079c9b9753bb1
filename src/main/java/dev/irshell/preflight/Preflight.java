package dev.irshell.preflight;

import dev.irshell.action.ActionFailure;
import dev.irshell.action.Effect;
import dev.irshell.action.IamActionNames;
import dev.irshell.action.aws.AwsClientSource;
import dev.irshell.engine.CallerIdentity;
import dev.irshell.preflight.RunbookNeeds.StepNeed;
import dev.irshell.runbook.Runbook;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks, before an incident, whether the credentials can run a runbook: every IAM action each step
 * needs is asked of IAM's policy simulator for the caller's principal; when the simulator may not be
 * used, each read operation the runbook needs is called once instead (a dry run), and the change and
 * destroy steps are reported as not checked. Root credentials need no check.
 */
public final class Preflight {
    private Preflight() {}

    /**
     * @param steps  the runbook's steps with their needs ({@link RunbookNeeds#of})
     * @param region the region the session would act in (regional probes go there)
     * @throws ActionFailure when the credentials do not work or AWS cannot be reached
     */
    public static PreflightReport check(Runbook runbook, List<StepNeed> steps, CallerIdentity caller,
                                        AwsClientSource clients, String region, ShippedPolicies policies) {
        Set<String> needed = new LinkedHashSet<>();
        steps.forEach(s -> needed.addAll(s.iamActions()));
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        List<String> toCheck = new ArrayList<>();
        for (String a : needed) {
            if (IamActionNames.needsPermission(a)) {
                toCheck.add(a);
            } else {
                verdicts.put(a, Verdict.allowed("needs no permission", List.of()));
            }
        }
        int rootSteps = runbook.steps().size();
        if (caller.arn() != null && caller.arn().endsWith(":root")) {
            toCheck.forEach(a -> verdicts.put(a, Verdict.allowed("root user", List.of())));
            return new PreflightReport(runbook.id(), rootSteps, caller.account(), caller.arn(),
                    PreflightReport.Method.ROOT, null, "These are the account's root user credentials: AWS allows them "
                    + "everything, so nothing was asked. Use them only for what only root can do.", steps, verdicts,
                    policies);
        }
        try {
            PolicySimulator.Outcome o = new PolicySimulator(clients).simulate(caller, region, toCheck, policies);
            verdicts.putAll(o.verdicts());
            return new PreflightReport(runbook.id(), rootSteps, caller.account(), caller.arn(),
                    PreflightReport.Method.SIMULATION, o.principal(), "IAM's policy simulator (iam:SimulatePrincipalPolicy) "
                    + "evaluated the policies of " + o.principal() + ": its identity policies, its permissions boundary "
                    + "and the organization's SCPs (not session or resource policies). Actions the shipped policies grant "
                    + "only on some users, roles, policies, instances or snapshots were simulated on a stand-in of that "
                    + "type named " + PolicySimulator.STAND_IN + ".", steps, verdicts, policies);
        } catch (PolicySimulator.Unavailable u) {
            Set<String> reads = new LinkedHashSet<>();
            steps.stream().filter(s -> s.effect() == Effect.READ).forEach(s -> reads.addAll(s.iamActions()));
            List<String> probed = toCheck.stream().filter(reads::contains).toList();
            verdicts.putAll(ReadProbes.run(probed, clients, caller, region));
            toCheck.stream().filter(a -> !reads.contains(a)).forEach(a -> verdicts.put(a, Verdict.notChecked(
                    "only change or destroy steps call it; only the simulator can tell")));
            return new PreflightReport(runbook.id(), rootSteps, caller.account(), caller.arn(),
                    PreflightReport.Method.DRY_RUN, null, "IAM's policy simulator could not be used: " + u.getMessage()
                    + ". So each read operation the runbook needs was called once with a harmless request (in "
                    + region + "); change and destroy steps cannot be checked this way.", steps, verdicts, policies);
        }
    }
}
