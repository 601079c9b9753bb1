package dev.irshell.replay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.irshell.action.Table;
import dev.irshell.shell.Renderer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Step by step, what a recorded session did and what a replay run of a runbook against it did, so a
 * reviewer sees where the original operator's choices differ from the runbook followed as given
 * (or from another reviewer's choices). Both sides are read from their transcripts.
 */
public final class Comparison {
    /** How a step compares. */
    public enum Verdict {
        SAME("same"),
        DIFFERENT_RESULT("different result"),
        RAN_HERE_ONLY("ran here, not in the recording"),
        RAN_THERE_ONLY("ran in the recording, not here"),
        DECIDED_DIFFERENTLY("decided differently"),
        ANSWERED_DIFFERENTLY("answered differently"),
        APPROVED_DIFFERENTLY("approved differently"),
        NO_RECORDED_ANSWER("no recorded answer"),
        DIFFERENT("different");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One step: what the recording did, what this run did, and how they compare. */
    public record Row(String step, String recording, String here, Verdict verdict) {}

    private final List<Row> rows;

    private Comparison(List<Row> rows) {
        this.rows = rows;
    }

    public List<Row> rows() {
        return rows;
    }

    /** The rows that are not {@link Verdict#SAME}. */
    public List<Row> differences() {
        return rows.stream().filter(r -> r.verdict() != Verdict.SAME).toList();
    }

    /** Compares every step either run knows, in this run's order, then the recording's other steps. */
    public static Comparison of(Recording original, Recording rerun) {
        Set<String> ids = new LinkedHashSet<>();
        rerun.steps().forEach(s -> ids.add(s.id()));
        original.steps().forEach(s -> ids.add(s.id()));
        List<Row> rows = new ArrayList<>();
        for (String id : ids) {
            Recording.Outcome o = original.outcome(id);
            Recording.Outcome r = rerun.outcome(id);
            rows.add(new Row(id, describe(o), describe(r), verdict(o, r)));
        }
        return new Comparison(rows);
    }

    static Verdict verdict(Recording.Outcome o, Recording.Outcome r) {
        boolean oRan = o.state().equals("done");
        boolean rRan = r.state().equals("done");
        if (r.state().equals("failed") && r.reason() != null && r.reason().contains("the recording has no answer")) {
            return Verdict.NO_RECORDED_ANSWER;
        }
        if (o.decision() != null && r.decision() != null && !o.decision().equals(r.decision())) {
            return Verdict.DECIDED_DIFFERENTLY;
        }
        if (o.manual() != null && r.manual() != null && !o.manual().equals(r.manual())) {
            return Verdict.ANSWERED_DIFFERENTLY;
        }
        if (o.approved() != null && r.approved() != null && !o.approved().equals(r.approved())) {
            return Verdict.APPROVED_DIFFERENTLY; // both were asked; one approved
        }
        if (o.state().equals(r.state())) {
            return Objects.equals(o.summary(), r.summary()) && Objects.equals(o.decision(), r.decision())
                    ? Verdict.SAME : Verdict.DIFFERENT_RESULT;
        }
        if (rRan && !oRan) {
            return Verdict.RAN_HERE_ONLY;
        }
        if (oRan && !rRan) {
            return Verdict.RAN_THERE_ONLY;
        }
        return Verdict.DIFFERENT;
    }

    private static String describe(Recording.Outcome o) {
        StringBuilder b = new StringBuilder(o.state());
        if (o.approved() != null) {
            b.append(o.approved() ? ", approved" : o.typed() == null ? ", not approved" : ", declined ('" + o.typed() + "')");
        }
        if (o.decision() != null) {
            b.append(": ").append(o.decision());
        } else if (o.manual() != null && !o.state().equals("done")) {
            b.append(": answered ").append(o.manual().replace('_', ' '));
        } else if (o.summary() != null && o.state().equals("done")) {
            b.append(": ").append(o.summary());
        } else if (o.reason() != null) {
            b.append(": ").append(o.reason());
        }
        return b.toString();
    }

    /** The comparison as a table (differences highlighted) and a line counting them. */
    public String render(Renderer render) {
        List<List<String>> cells = new ArrayList<>();
        Set<Integer> hot = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            cells.add(List.of(r.step(), r.recording(), r.here(), r.verdict().label()));
            if (r.verdict() != Verdict.SAME) {
                hot.add(i);
            }
        }
        StringBuilder b = new StringBuilder(render.table(new Table("Recording against this run",
                List.of("Step", "Recording", "This run", "Comparison"), cells, hot), Integer.MAX_VALUE));
        List<Row> diff = differences();
        if (diff.isEmpty()) {
            b.append(render.ansi().green("every step went as recorded")).append('\n');
        } else {
            b.append(render.ansi().yellow(diff.size() + " of " + rows.size() + " steps differ from the recording:")).append('\n');
            for (Row r : diff) {
                b.append("  ").append(r.step()).append(": ").append(r.verdict().label()).append(" — recording ")
                        .append(r.recording()).append("; this run ").append(r.here()).append('\n');
            }
        }
        return b.toString();
    }

    public ArrayNode json() {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        rows.forEach(r -> a.addObject().put("step", r.step()).put("recording", r.recording()).put("here", r.here())
                .put("comparison", r.verdict().name().toLowerCase(java.util.Locale.ROOT)));
        return a;
    }
}
