package dev.irshell.engine;

import java.util.Locale;

/** Where a step stands. */
public enum StepState {
    PENDING,
    DONE,
    SKIPPED,
    FAILED,
    /** Cannot run yet: a required step is not done, or a parameter has no value. */
    BLOCKED,
    /** Waiting for the operator: an approval or an answer a non-interactive run could not give. */
    AWAITING;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state a transcript names by its label; PENDING for a label this version does not know. */
    public static StepState fromLabel(String label) {
        for (StepState s : values()) {
            if (s.label().equals(label)) {
                return s;
            }
        }
        return PENDING;
    }

    /** Done or skipped: nothing more to do here. */
    public boolean settled() {
        return this == DONE || this == SKIPPED;
    }
}
