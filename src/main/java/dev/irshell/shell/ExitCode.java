package dev.irshell.shell;

/** The documented exit codes (README, "Exit codes"). */
public enum ExitCode {
    /** Done. */
    OK(0),
    /** An AWS or runtime failure stopped the run. */
    FAILURE(1),
    /** Bad usage or an invalid runbook. */
    USAGE(2),
    /** A transcript failed verification (tampered, or cut off before its seal). */
    INTEGRITY(3),
    /** Stopped waiting for the operator: an approval, a manual step or a decision. */
    AWAITING_OPERATOR(4);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
