package dev.irshell.runbook;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves a context path named in an expression ({@code inputs.x}, {@code steps.y.outputs.z},
 * {@code session.region}) against the runbook, as seen from the step that evaluates it: only
 * declared inputs, only steps that run before it, only outputs those steps declare.
 */
final class ReferenceChecker {
    /** The fields of {@code session} in the evaluation context. */
    static final List<String> SESSION_FIELDS =
            List.of("account", "arn", "user", "region", "profile", "mode", "sessionId", "now");
    /** What the context holds under {@code steps.<id>}. */
    static final List<String> STEP_FIELDS = List.of("outputs", "decision", "state", "note");

    private final List<Step> steps;
    private final Map<String, Integer> order;
    private final Set<String> inputNames;

    ReferenceChecker(Runbook rb, List<Step> steps, Map<String, Integer> order) {
        this.steps = steps;
        this.order = order;
        this.inputNames = new java.util.TreeSet<>(rb.inputs().stream().map(InputDef::name)
                .filter(java.util.Objects::nonNull).toList());
    }

    /** The problem with {@code path} as named from step number {@code index}, if any. */
    Optional<String> check(List<String> path, Step current, int index) {
        if (path.size() < 2) {
            return Optional.empty();
        }
        String name = path.get(1);
        return switch (path.get(0)) {
            case "inputs" -> inputNames.contains(name)
                    ? Optional.empty()
                    : Optional.of(Messages.unknownInput(name, Names.nearest(name, inputNames)));
            case "session" -> SESSION_FIELDS.contains(name)
                    ? Optional.empty()
                    : Optional.of(Messages.unknownSessionField(name, Names.nearest(name, SESSION_FIELDS), SESSION_FIELDS));
            case "steps" -> step(path, current, index);
            default -> Optional.empty();
        };
    }

    private Optional<String> step(List<String> path, Step current, int index) {
        String id = path.get(1);
        String from = current.id() != null ? current.id() : "this step";
        Integer at = order.get(id);
        if (at == null) {
            return Optional.of(Messages.unknownStepRef(id, Names.nearest(id, order.keySet())));
        }
        String field = path.size() > 2 ? path.get(2) : null;
        if (field != null && !STEP_FIELDS.contains(field)) {
            return Optional.of(Messages.unknownStepField(id, field, Names.nearest(field, STEP_FIELDS), STEP_FIELDS));
        }
        if (at == index) {
            return Optional.of(Messages.selfReference(from));
        }
        if (at > index) {
            return Optional.of(Messages.laterStep(id, from, field));
        }
        Step target = steps.get(at);
        if ("outputs".equals(field) && path.size() > 3) {
            String output = path.get(3);
            if (target.kind() != StepKind.ACTION && target.kind() != StepKind.RUNBOOK) {
                return Optional.of(Messages.noOutputsOnKind(id, target.kind()));
            }
            if (!target.outputs().containsKey(output)) {
                return Optional.of(Messages.unknownOutput(id, output, Names.nearest(output, target.outputs().keySet()),
                        List.copyOf(target.outputs().keySet())));
            }
        }
        if ("decision".equals(field) && target.kind() != StepKind.DECISION) {
            return Optional.of(Messages.notDecision(id, target.kind()));
        }
        return Optional.empty();
    }
}
