package dev.irshell.engine;

/** Why a cut-off session cannot be resumed, in words for the operator. */
public final class ResumeException extends RuntimeException {
    /** SEALED: nothing to resume; BROKEN: the chain does not verify; MISMATCH: another runbook or account. */
    public enum Kind { SEALED, BROKEN, MISMATCH }

    private final Kind kind;

    public ResumeException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
