package dev.irshell.report;

import dev.irshell.action.Table;
import java.time.Instant;
import java.util.List;

/**
 * One run of one step, from its {@code step.start} to its {@code step.end} (or a {@code step.skip}).
 * A step run again (after {@code goto}) has one StepRun per run.
 *
 * @param started  null for a step skipped without being started
 * @param ended    null when the transcript stops before the step ended
 * @param state    done, failed, skipped, pending, awaiting, blocked, or "running" when it never ended
 * @param findings what the step found, in the order shown
 * @param tables   the tables the operator saw
 * @param notes    notes the operator wrote at this step and notes given with manual answers
 * @param answer   the operator's answer to a manual step or decision, or null
 * @param line     the transcript line of the step's last entry
 */
public record StepRun(String id, String name, String section, String kind, String action, Instant started, Instant ended,
                      String state, String summary, String reason, List<Item> findings, List<Table> tables,
                      List<String> notes, String answer, long line) {
    public StepRun {
        findings = List.copyOf(findings);
        tables = List.copyOf(tables);
        notes = List.copyOf(notes);
    }

    /** One finding: severity (info, warn, critical) and message. */
    public record Item(String severity, String message) {}

    /** "findInstance — Find the instance in every enabled region" */
    public String title() {
        return name == null || name.isBlank() ? id : id + " — " + name;
    }
}
