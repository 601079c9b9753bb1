package dev.irshell.replay;

import java.time.Instant;

/**
 * One piece of what the operator saw, at the transcript time it appeared: a step's header, a
 * confirmation, what was typed, a step's result, a note. A replay prints screens in order; an
 * asciicast export writes each as an output event.
 *
 * @param at   the time of the transcript entry the screen comes from
 * @param step the step it belongs to, or null (the session's header and end)
 * @param text what was shown, with ANSI styles when the renderer has them
 */
public record Screen(Instant at, String step, Kind kind, String text) {
    public enum Kind {
        /** The session's header: runbook, account, identity, mode. */
        SESSION,
        /** A step starts: its header (where navigation, --step and asciicast markers land). */
        STEP,
        /** A confirmation, a manual step's or a decision's question. */
        PROMPT,
        /** What the operator typed or answered. */
        ANSWER,
        /** A step's result: tables, findings, its state. */
        RESULT,
        /** A note, a goto, an undo, a skip, a stop. */
        EVENT,
        /** A reviewer's annotation. */
        ANNOTATION,
        /** A line that is damaged, or where the record stops verifying. */
        DAMAGE,
        /** The session ended or was sealed. */
        END
    }

    public boolean stepStart() {
        return kind == Kind.STEP;
    }
}
