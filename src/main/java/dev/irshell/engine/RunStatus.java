package dev.irshell.engine;

/** How a non-interactive run ended. */
public enum RunStatus {
    /** Every step is done or skipped. */
    COMPLETED,
    /** A step failed and its onFailure said abort. */
    FAILED,
    /** A change awaits approval, or a manual step or decision awaits an answer. */
    AWAITING_OPERATOR
}
