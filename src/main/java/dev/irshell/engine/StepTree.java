package dev.irshell.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.runbook.Runbook;
import dev.irshell.runbook.Step;
import dev.irshell.runbook.StepKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A runbook with the runbooks it calls laid out in running order. A called runbook's steps
 * follow the step that calls it and carry qualified ids ({@code callStep.childStep}); their
 * expressions see their own runbook's inputs and steps, as if it ran alone.
 */
public final class StepTree {
    /** One runbook's place in the tree: its steps' id prefix and the step that called it. */
    public static final class Frame {
        final Runbook runbook;
        final String prefix;
        final Frame parent;
        final Slot call;
        /** The called runbook's resolved inputs, set when its calling step runs; the root's from the start. */
        ObjectNode inputs;

        Frame(Runbook runbook, String prefix, Frame parent, Slot call) {
            this.runbook = runbook;
            this.prefix = prefix;
            this.parent = parent;
            this.call = call;
        }

        public Runbook runbook() {
            return runbook;
        }

        /** The step that runs this runbook, or empty for the session's own runbook. */
        public Optional<Slot> call() {
            return Optional.ofNullable(call);
        }
    }

    /** One step in running order: its qualified id, the step, and the runbook it belongs to. */
    public record Slot(String id, Step step, Frame frame) {
        /** The frame of the runbook this RUNBOOK step runs (set for RUNBOOK steps only). */
        Frame child(List<Slot> all) {
            return all.stream().filter(s -> s.frame.call == this).map(Slot::frame).findFirst().orElse(null);
        }
    }

    private StepTree() {}

    /**
     * Lays out {@code root} and every runbook it calls. {@code resolve} finds a called runbook by id
     * (the loader has checked that each exists and that none calls itself).
     */
    public static List<Slot> flatten(Runbook root, Function<String, Optional<Runbook>> resolve) {
        List<Slot> out = new ArrayList<>();
        add(new Frame(root, "", null, null), resolve, out, 0);
        return out;
    }

    private static void add(Frame frame, Function<String, Optional<Runbook>> resolve, List<Slot> out, int depth) {
        if (depth > 8) {
            throw new IllegalStateException("runbooks nested more than 8 deep at " + frame.runbook.id());
        }
        for (Step s : frame.runbook.steps()) {
            Slot slot = new Slot(frame.prefix + s.id(), s, frame);
            out.add(slot);
            if (s.kind() == StepKind.RUNBOOK) {
                Runbook child = resolve.apply(s.runbook()).orElseThrow(() -> new IllegalStateException(
                        "step " + slot.id() + " runs runbook " + s.runbook() + ", which is not loaded"));
                add(new Frame(child, slot.id() + ".", frame, slot), resolve, out, depth + 1);
            }
        }
    }
}
