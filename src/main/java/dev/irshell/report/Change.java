package dev.irshell.report;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One change or destroy a step proposed: what the plan said it would do and with which calls, what
 * the operator typed to approve it, what happened, how it can be undone (or why it cannot), and
 * whether it was undone later.
 *
 * @param effect    change or destroy
 * @param plans     one per item (a forEach step plans each item)
 * @param approvals every prompt answer for it, in order (a destroy of several items asks for each)
 * @param calls     the AWS calls made while it ran, reads included
 * @param state     the step's state when it ended (done, failed, pending, awaiting, skipped), or
 *                  "running" when the transcript stops before it ended
 * @param undos     the undo irshell recorded for it (from step.end {@code undos})
 * @param undoRuns  every attempt to undo it
 * @param line      the transcript line of its first plan
 */
public record Change(String step, String stepName, String action, String effect, Instant planned, List<PlanItem> plans,
                     List<Approval> approvals, List<CallRecord> calls, String state, Instant ended, String summary,
                     String reason, List<UndoOffer> undos, List<UndoRun> undoRuns, long line) {
    public Change {
        plans = List.copyOf(plans);
        approvals = List.copyOf(approvals);
        calls = List.copyOf(calls);
        undos = List.copyOf(undos);
        undoRuns = List.copyOf(undoRuns);
    }

    /** What a plan said: its summary, the resource id a destroy asks for, and the calls it would make. */
    public record PlanItem(String summary, String target, String item, List<String> calls, List<String> regions) {
        public PlanItem {
            calls = List.copyOf(calls);
            regions = List.copyOf(regions);
        }
    }

    /**
     * One answer to a prompt for this change.
     *
     * @param kind     change, destroy, undo or lockout
     * @param typed    exactly what the operator typed; null when there was no answer
     * @param approved whether irshell took it as approval (a lock-out override: whether it was forced)
     */
    public record Approval(Instant time, String kind, String typed, boolean approved) {
        /** "typed 'y' (approved)" */
        public String describe() {
            String what = typed == null ? "no answer" : "typed '" + typed + "'";
            return switch (kind == null ? "" : kind) {
                case "lockout" -> what + (approved ? " to override the lock-out warning" : " (lock-out not overridden)");
                default -> what + (approved ? " (approved)" : " (not approved)");
            };
        }
    }

    /** An undo irshell offers: the action and its parameters (JSON). */
    public record UndoOffer(String action, String params) {}

    /**
     * One attempt to undo the change.
     *
     * @param outcome done, failed or "not run" (dry run, read-only), or "running" when the transcript
     *                stops first
     */
    public record UndoRun(Instant time, String action, String plan, List<Approval> approvals, List<CallRecord> calls,
                          String outcome, String summary, String reason, long line) {
        public UndoRun {
            approvals = List.copyOf(approvals);
            calls = List.copyOf(calls);
        }
    }

    /** Whether the account was changed: at least one call that is not a read succeeded. */
    public boolean made() {
        return calls.stream().anyMatch(c -> c.write() && c.ok());
    }

    /** The calls that changed something and succeeded. */
    public List<CallRecord> writes() {
        return calls.stream().filter(c -> c.write() && c.ok()).toList();
    }

    /** The regions its changes went to ("aws-global" for IAM), in order; empty when nothing changed. */
    public List<String> regions() {
        Set<String> r = new LinkedHashSet<>();
        writes().forEach(c -> r.add(c.region()));
        return List.copyOf(r);
    }

    /** Whether a later undo of it completed. */
    public boolean undone() {
        return undoRuns.stream().anyMatch(u -> "done".equals(u.outcome()));
    }

    /** Why there is no undo to offer; null when there is one. */
    public String noUndoReason() {
        if (!undos.isEmpty()) {
            return null;
        }
        if (!made()) {
            return "nothing to undo: the account was not changed";
        }
        if ("destroy".equals(effect)) {
            return "none: a destroy cannot be undone (irshell said so before asking for the resource id)";
        }
        return "none: " + action + " offers no undo";
    }

    /** "done", "not made: ...", "failed: ..." in one phrase. */
    public String outcome() {
        String base = state == null ? "unknown" : state;
        return switch (base) {
            case "done" -> made() ? "done" : "done, no change was needed";
            case "running" -> "unknown: the transcript stops before the step ended";
            case "failed" -> made() ? "partly done, then failed" : "failed, nothing changed";
            default -> (made() ? "partly done (" : "not made (") + base + ")";
        };
    }
}
