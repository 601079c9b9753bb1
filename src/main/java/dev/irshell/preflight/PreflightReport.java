package dev.irshell.preflight;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.preflight.RunbookNeeds.StepNeed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The answer of {@code preflight}: every step with the verdict on each IAM action it needs, how the
 * verdicts were reached, and what is missing with the shipped policy that grants it.
 *
 * @param rootSteps  how many steps the runbook itself has (the rest belong to runbooks it calls)
 * @param principal  the IAM entity whose policies were simulated, or null (dry run, root)
 * @param methodNote how the verdicts were reached, and why this method (one or two sentences)
 * @param verdicts   by IAM action
 */
public record PreflightReport(String runbook, int rootSteps, String account, String callerArn, Method method,
                              String principal, String methodNote, List<StepNeed> steps, Map<String, Verdict> verdicts,
                              ShippedPolicies policies) {
    /** How the verdicts were reached. */
    public enum Method {
        SIMULATION("simulation", "IAM policy simulation"),
        DRY_RUN("dry-run", "dry run of the read steps' calls"),
        ROOT("root", "none needed (root user)");

        private final String id;
        private final String label;

        Method(String id, String label) {
            this.id = id;
            this.label = label;
        }

        public String id() {
            return id;
        }

        public String label() {
            return label;
        }
    }

    public PreflightReport {
        steps = List.copyOf(steps);
        verdicts = Map.copyOf(verdicts);
    }

    public Verdict verdict(String iamAction) {
        return verdicts.getOrDefault(iamAction, Verdict.notChecked("no verdict"));
    }

    /** Steps that need something denied: they cannot run. */
    public List<StepNeed> blocked() {
        return steps.stream().filter(s -> s.iamActions().stream().anyMatch(a -> verdict(a).denied())).toList();
    }

    /** Steps nothing denies but something was not checked for. */
    public List<StepNeed> unconfirmed() {
        return steps.stream().filter(s -> s.iamActions().stream().noneMatch(a -> verdict(a).denied())
                && s.iamActions().stream().anyMatch(a -> verdict(a).status() == Verdict.Status.NOT_CHECKED)).toList();
    }

    /** Denied IAM actions, in the order the steps need them. */
    public Set<String> missing() {
        return actions(Verdict.Status.DENIED);
    }

    public Set<String> notChecked() {
        return actions(Verdict.Status.NOT_CHECKED);
    }

    private Set<String> actions(Verdict.Status status) {
        Set<String> out = new LinkedHashSet<>();
        steps.forEach(s -> s.iamActions().stream().filter(a -> verdict(a).status() == status).forEach(out::add));
        return out;
    }

    /** True when every IAM action every step needs is allowed: the runbook can run end to end. */
    public boolean ok() {
        return missing().isEmpty() && notChecked().isEmpty();
    }

    /** The missing IAM actions by the shipped policy file that grants them ("" for none). */
    public Map<String, List<String>> missingByPolicy() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String a : missing()) {
            out.computeIfAbsent(policies.fileFor(a).orElse(""), k -> new ArrayList<>()).add(a);
        }
        return out;
    }

    /** The summary lines: "can run all N steps", or what cannot run, what is missing and which policy grants it. */
    public List<String> summary() {
        List<String> lines = new ArrayList<>();
        if (ok()) {
            lines.add("can run all " + steps.size() + " steps");
            return lines;
        }
        List<StepNeed> blocked = blocked();
        if (!blocked.isEmpty()) {
            lines.add(blocked.size() + " step" + (blocked.size() == 1 ? "" : "s") + " cannot run: missing "
                    + String.join(", ", missing()));
            missingByPolicy().forEach((file, actions) -> lines.add(file.isEmpty()
                    ? "  no policy in policies/ grants " + String.join(", ", actions)
                    : "  policies/" + file + " grants " + String.join(", ", actions)));
        }
        List<StepNeed> unconfirmed = unconfirmed();
        if (!unconfirmed.isEmpty()) {
            lines.add(unconfirmed.size() + " step" + (unconfirmed.size() == 1 ? "" : "s") + " could not be checked ("
                    + method.label() + "): " + String.join(", ", unconfirmed.stream().map(StepNeed::id).toList()));
        }
        return lines;
    }

    /** The whole report as one JSON document (--output json). */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode n = f.objectNode().put("runbook", runbook).put("account", account).put("arn", callerArn)
                .put("method", method.id()).put("principal", principal).put("methodNote", methodNote)
                .put("ok", ok()).put("steps", steps.size());
        ArrayNode list = n.putArray("stepResults");
        for (StepNeed s : steps) {
            ObjectNode st = list.addObject().put("id", s.id()).put("name", s.name())
                    .put("kind", s.kind().name().toLowerCase(Locale.ROOT));
            if (s.action() != null) {
                st.put("action", s.action()).put("effect", s.effect().name().toLowerCase(Locale.ROOT));
            }
            if (s.runbook() != null) {
                st.put("runbook", s.runbook());
            }
            boolean denied = s.iamActions().stream().anyMatch(a -> verdict(a).denied());
            boolean unchecked = s.iamActions().stream().anyMatch(a -> verdict(a).status() == Verdict.Status.NOT_CHECKED);
            st.put("canRun", denied ? "no" : unchecked ? "unknown" : "yes");
            ArrayNode actions = st.putArray("iamActions");
            for (String a : s.iamActions()) {
                Verdict v = verdict(a);
                ObjectNode an = actions.addObject().put("action", a).put("result", v.status().label()).put("detail", v.detail());
                ArrayNode ps = an.putArray("policies");
                v.policies().forEach(ps::add);
                policies.fileFor(a).ifPresent(file -> an.put("grantedBy", "policies/" + file));
            }
        }
        ArrayNode missing = n.putArray("missing");
        for (String a : missing()) {
            ObjectNode m = missing.addObject().put("action", a);
            policies.fileFor(a).ifPresentOrElse(file -> m.put("grantedBy", "policies/" + file), () -> m.putNull("grantedBy"));
            ArrayNode by = m.putArray("steps");
            steps.stream().filter(s -> s.iamActions().contains(a)).forEach(s -> by.add(s.id()));
        }
        ArrayNode notChecked = n.putArray("notChecked");
        notChecked().forEach(a -> notChecked.addObject().put("action", a).put("why", verdict(a).detail()));
        ArrayNode summary = n.putArray("summary");
        summary().forEach(summary::add);
        return n;
    }
}
