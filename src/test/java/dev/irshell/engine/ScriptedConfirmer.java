package dev.irshell.engine;

import dev.irshell.runbook.Step;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** A Confirmer for tests: answers from queues, remembers what it was shown. */
final class ScriptedConfirmer implements Confirmer {
    final Deque<Approval> approvals = new ArrayDeque<>();
    final Deque<ManualAnswer> manuals = new ArrayDeque<>();
    final Deque<String> decisions = new ArrayDeque<>();
    final List<ConfirmRequest> shown = new ArrayList<>();

    ScriptedConfirmer typing(String... typed) {
        for (String t : typed) {
            approvals.add(t == null ? Approval.NONE : Approval.typed(t));
        }
        return this;
    }

    @Override
    public Approval confirm(ConfirmRequest request) {
        shown.add(request);
        return approvals.isEmpty() ? Approval.NONE : approvals.poll();
    }

    @Override
    public ManualAnswer manual(String stepId, Step step) {
        return manuals.isEmpty() ? ManualAnswer.NONE : manuals.poll();
    }

    @Override
    public Optional<String> decide(String stepId, Step step) {
        return Optional.ofNullable(decisions.poll());
    }
}
