package dev.irshell.engine;

import dev.irshell.action.ActionFailure;
import dev.irshell.action.ActionSpec;
import dev.irshell.action.Plan;
import dev.irshell.action.PlannedCall;
import dev.irshell.runbook.Choice;
import dev.irshell.runbook.Runbook;
import dev.irshell.runbook.Step;
import java.util.List;
import java.util.stream.Collectors;

/** Every sentence the engine says to the operator, in one place. Each says what to do next. */
final class Messages {
    private Messages() {}

    static String interrupted(List<String> calls) {
        return "interrupted: the session was cut off while this step was running"
                + (calls.isEmpty() ? "; it had made no AWS call yet, so it can simply be run again"
                : "; the AWS calls it had made are " + String.join("; ", calls)
                        + ". Check whether its change went through before running it again");
    }

    static String resumeSealed(java.nio.file.Path file, String digest) {
        return file + " is sealed (final digest " + digest + "): that session ended and nothing can be added to it; "
                + "start a new session to go on";
    }

    static String resumeBroken(java.nio.file.Path file, String problem) {
        return file + " does not verify, so it cannot be resumed (appending would hide the damage):\n" + problem;
    }

    static String resumeNoHeader(java.nio.file.Path file) {
        return file + " does not start with a session header; it is not an irshell session transcript";
    }

    static String resumeNoRunbook(String id) {
        return "the session ran runbook '" + id + "', which is not among the runbooks loaded now "
                + "(--runbooks DIR adds the folder it came from)";
    }

    static String resumeRunbookChanged(Runbook rb, String sha) {
        return "runbook " + rb.id() + " has changed since the session started (its file's SHA-256 was " + sha
                + ", now " + rb.sha256() + " from " + rb.origin() + "); resuming needs the same runbook: "
                + "--runbooks DIR with the version the session used";
    }

    static String resumeOtherAccount(String account, CallerIdentity caller) {
        return "the session is on account " + account + ", but the current credentials reach account " + caller.account()
                + " (" + caller.arn() + "); use credentials for " + account + " (--profile)";
    }

    static String noCurrentStep() {
        return "every step has been passed: use `status` to review, `goto STEP` to revisit one, or `end` to seal the session";
    }

    static String skipNeedsReason() {
        return "a skip needs a reason, which goes into the evidence: skip --reason \"why\"";
    }

    static String emptyNote() {
        return "the note is empty: note \"what you saw or did\"";
    }

    static String sessionEnded() {
        return "this session has ended and its transcript is sealed: start a new one with `start RUNBOOK`";
    }

    static String unknownStep(String id, Runbook rb, List<String> ids) {
        return "no step '" + id + "' in runbook " + rb.id() + "; its steps are: " + String.join(", ", ids);
    }

    static String forEachNotList(String expression, com.fasterxml.jackson.databind.JsonNode got) {
        return "forEach " + expression + " gave " + got.getNodeType().name().toLowerCase() + " " + got + ", not a list";
    }

    static String forEachItem(int index, String key, String problem) {
        return "item " + index + " (" + key + "): " + problem;
    }

    static String forEachItemFailed(com.fasterxml.jackson.databind.JsonNode failure) {
        com.fasterxml.jackson.databind.JsonNode item = failure.path("item");
        com.fasterxml.jackson.databind.JsonNode e = failure.path("error");
        return (item.isTextual() ? item.textValue() : item.toString()) + " failed: "
                + (e.hasNonNull("operation") ? e.path("service").asText() + ":" + e.path("operation").asText() + " " : "")
                + (e.hasNonNull("errorCode") ? e.path("errorCode").asText() + ": " : "") + e.path("message").asText()
                + (e.hasNonNull("requestId") ? " [request id " + e.path("requestId").asText() + "]" : "");
    }

    static String forEachNothing(String expression) {
        return "nothing to do: " + expression + " gave no items";
    }

    static String forEachFailed(int failed, int total) {
        return failed + " of " + total + " items failed (see each item's error); `run` again to retry only those not done";
    }

    static String forEachDeclined(List<String> declined) {
        return "not confirmed for " + String.join(", ", declined) + ": nothing was done to them; `run` again to be asked for them";
    }

    static String partOfSkipped(String call) {
        return "part of " + call + ", which was skipped";
    }

    static String callNotStarted(String call) {
        return "runs inside " + call + ", which has not started: `goto " + call + "` and run it first";
    }

    static String calledInputs(String runbook, List<String> problems) {
        return "cannot start runbook " + runbook + ": " + String.join("; ", problems);
    }

    static String enteredRunbook(Runbook rb) {
        return "runs the " + rb.steps().size() + " steps of " + rb.id() + " (" + rb.title() + ") next";
    }

    static String loop(String step, int max) {
        return "stopped: step '" + step + "' was attempted " + max + " times (its onFailure loops); fix the cause and run again";
    }

    static String conditionFalse(String when) {
        return "condition not met: " + when;
    }

    static String requiresNotDone(List<String> missing) {
        return "needs " + String.join(", ", missing) + " done first: `goto " + missing.get(0) + "` to do it";
    }

    static String paramEmpty(String param, String template) {
        return "parameter '" + param + "' has no value" + (template == null ? "" : " (" + template + " is empty)")
                + ": complete the steps it refers to first (`status` shows where they stand), or start the runbook again"
                + " giving the value as an input";
    }

    static String paramInvalid(String param, String expected, String got) {
        return "parameter '" + param + "' must be " + expected + ", got '" + got + "'";
    }

    static String readOnlyWouldExecute(Plan plan) {
        return "read-only session: would execute " + calls(plan) + " — nothing was changed";
    }

    static String dryRunWouldExecute(Plan plan) {
        return "dry run: would execute " + calls(plan) + " — nothing was changed";
    }

    private static String calls(Plan plan) {
        return plan.calls().stream().map(c -> c.service() + ":" + c.operation()).collect(Collectors.joining(", "));
    }

    static String lockoutKey(String key, String action) {
        return "refused: " + action + " would cut off access key " + key
                + ", which this session itself is signed with; irshell would lose access mid-incident."
                + " Run it from other credentials, or override with a recorded reason";
    }

    static String lockoutUser(String user, String action) {
        return "refused: " + action + " would disable IAM user " + user
                + ", whom this session runs as; irshell would lose access mid-incident."
                + " Run it from other credentials, or override with a recorded reason";
    }

    static String lockoutRole(String role, String action) {
        return "refused: " + action + " would cut off role " + role
                + ", whose session this is; irshell would lose access mid-incident."
                + " Run it from other credentials, or override with a recorded reason";
    }

    static String lockoutPrompt(String warning) {
        return warning + ".\nType a reason to override (it is recorded), or press Enter to leave it undone:";
    }

    static String confirmText(ConfirmRequest.Kind kind, Step step, ActionSpec spec, Plan plan, CallerIdentity caller,
                              SessionOptions options) {
        StringBuilder b = new StringBuilder();
        b.append(kind == ConfirmRequest.Kind.DESTROY ? "DESTROY" : kind == ConfirmRequest.Kind.UNDO ? "UNDO" : "CHANGE")
                .append(" — ").append(step.name()).append('\n');
        b.append(plan.summary()).append('\n');
        b.append("Account ").append(caller.account()).append(" as ").append(caller.arn())
                .append(" (").append(options.modeLabel()).append(")\n");
        b.append("Calls:\n");
        int i = 1;
        for (PlannedCall c : plan.calls()) {
            b.append("  ").append(i++).append(". ").append(c.service()).append(':').append(c.operation())
                    .append(" in ").append(c.region()).append(' ').append(c.parameters()).append('\n');
        }
        if (kind == ConfirmRequest.Kind.DESTROY) {
            b.append("This cannot be undone. Type ").append(plan.target()).append(" to go ahead, anything else to cancel:");
        } else {
            b.append(spec.undoAction() == null ? "No undo exists for this." : "Undo later with: undo " + step.id())
                    .append('\n');
            b.append("Go ahead? Type y to confirm, anything else to cancel:");
        }
        return b.toString();
    }

    static String notConfirmed(ConfirmRequest.Kind kind, String expected, Approval a) {
        if (!a.answered()) {
            return "awaiting approval: nothing was changed (approve it with --approve STEP, or run it in the shell)";
        }
        if (kind == ConfirmRequest.Kind.DESTROY) {
            return "not confirmed: you typed '" + (a.typed() == null ? "" : a.typed().trim()) + "', not " + expected
                    + ". Nothing was changed; `run` to be asked again";
        }
        return "not confirmed: nothing was changed; `run` to be asked again, or `skip --reason` to pass it";
    }

    static String manualPrompt(Step step) {
        return step.name() + "\nWhen you have done it, answer done, not done, or done with a note:";
    }

    static String manualNotDone() {
        return "not done yet: `run` again when it is, or `skip --reason` to pass it";
    }

    static String awaitingAnswer(String stepId) {
        return "awaiting the operator's answer to step '" + stepId + "' (give it in --answers FILE, or continue in the shell)";
    }

    static String decisionPrompt(Step step) {
        return step.question() + "\n" + step.choices().stream().map(c -> "  " + c.id() + " — " + c.label())
                .collect(Collectors.joining("\n"));
    }

    static String unknownChoice(Step step, String id) {
        return "'" + id + "' is not one of the choices: " + step.choices().stream().map(Choice::id)
                .collect(Collectors.joining(", "));
    }

    static String nothingToUndo(String step, StepState state) {
        return "step '" + step + "' has nothing to undo (it is " + state.label() + ", and only a completed change can be undone)";
    }

    static String alreadyUndone(String step) {
        return "step '" + step + "' was already undone";
    }

    static String undoFailed(String step, ActionFailure f) {
        return "undo of '" + step + "' failed: " + f.describe();
    }
}
