package dev.irshell.preflight;

import dev.irshell.action.Action;
import dev.irshell.action.ActionCatalogue;
import dev.irshell.action.Effect;
import dev.irshell.engine.StepTree;
import dev.irshell.runbook.Runbook;
import dev.irshell.runbook.StepKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** What each step of a runbook, and of the runbooks it calls, needs: its action, effect and IAM actions. */
public final class RunbookNeeds {
    /**
     * One step in running order.
     *
     * @param id         qualified id ({@code trace001.findInstance} for a called runbook's step)
     * @param action     the catalogue action (ACTION steps), else null
     * @param effect     the action's effect (ACTION steps), else null
     * @param runbook    the runbook a RUNBOOK step runs, else null
     * @param iamActions every IAM action the action may call, in the catalogue's order (empty for
     *                   steps that make no AWS call)
     */
    public record StepNeed(String id, String name, StepKind kind, String action, Effect effect, String runbook,
                           List<String> iamActions) {
        public StepNeed {
            iamActions = List.copyOf(iamActions);
        }
    }

    private RunbookNeeds() {}

    /** The steps of {@code root} and the runbooks it calls, laid out as the session runs them. */
    public static List<StepNeed> of(Runbook root, Function<String, Optional<Runbook>> resolve, ActionCatalogue catalogue) {
        List<StepNeed> out = new ArrayList<>();
        for (StepTree.Slot slot : StepTree.flatten(root, resolve)) {
            var step = slot.step();
            if (step.kind() == StepKind.ACTION) {
                Action a = catalogue.find(step.action()).orElseThrow(() -> new IllegalStateException(
                        "step " + slot.id() + " names action " + step.action() + ", which the catalogue does not have"));
                out.add(new StepNeed(slot.id(), step.name(), step.kind(), step.action(), a.spec().effect(), null,
                        a.spec().iamActions()));
            } else {
                out.add(new StepNeed(slot.id(), step.name(), step.kind(), null, null, step.runbook(), List.of()));
            }
        }
        return out;
    }
}
