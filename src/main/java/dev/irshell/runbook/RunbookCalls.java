package dev.irshell.runbook;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks what no single file can: that every runbook step calls a runbook that exists, gives only
 * inputs it declares and every input it requires, and that no runbook ends up calling itself.
 */
public final class RunbookCalls {
    private RunbookCalls() {}

    /** Problems of every call in {@code runbooks}, each at the calling step's line and column. */
    public static List<Problem> check(Collection<Runbook> runbooks) {
        Map<String, Runbook> byId = new LinkedHashMap<>();
        runbooks.forEach(rb -> byId.putIfAbsent(rb.id(), rb));
        List<Problem> problems = new ArrayList<>();
        for (Runbook rb : runbooks) {
            for (Step s : rb.steps()) {
                if (s.kind() != StepKind.RUNBOOK || s.runbook() == null) {
                    continue;
                }
                Runbook target = byId.get(s.runbook());
                if (target == null) {
                    problems.add(new Problem(s.posOf("runbook"), "step '" + s.id() + "' runs runbook '" + s.runbook()
                            + "', which is not loaded; the runbooks are: " + String.join(", ", byId.keySet())));
                    continue;
                }
                for (String given : s.with().keySet()) {
                    if (target.input(given).isEmpty()) {
                        problems.add(new Problem(s.posOf("with." + given), "runbook " + target.id() + " has no input '"
                                + given + "'; its inputs are: " + target.inputs().stream().map(InputDef::name)
                                .collect(Collectors.joining(", "))));
                    }
                }
                for (InputDef in : target.inputs()) {
                    if (in.required() && in.defaultValue() == null && !s.with().containsKey(in.name())) {
                        problems.add(new Problem(s.posOf("runbook"), "step '" + s.id() + "' runs " + target.id()
                                + " without its required input '" + in.name() + "' (" + in.description() + "): add it under with"));
                    }
                }
                List<String> cycle = cycle(rb.id(), target, byId, new ArrayList<>(List.of(rb.id())));
                if (cycle != null) {
                    problems.add(new Problem(s.posOf("runbook"), "step '" + s.id() + "' makes runbooks call each other in a circle: "
                            + String.join(" -> ", cycle)));
                }
            }
        }
        return problems;
    }

    private static List<String> cycle(String start, Runbook at, Map<String, Runbook> byId, List<String> path) {
        path.add(at.id());
        if (at.id().equals(start)) {
            return path;
        }
        for (Step s : at.steps()) {
            if (s.kind() == StepKind.RUNBOOK && byId.containsKey(s.runbook()) && !path.subList(1, path.size()).contains(s.runbook())) {
                List<String> found = cycle(start, byId.get(s.runbook()), byId, new ArrayList<>(path));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
