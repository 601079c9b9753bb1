package dev.irshell.runbook;

/** What the session does when a step fails. {@code gotoStep} is set only for {@link Kind#GOTO}. */
public record OnFailure(Kind kind, String gotoStep) {
    public enum Kind { ABORT, CONTINUE, GOTO }

    public static final OnFailure ABORT = new OnFailure(Kind.ABORT, null);
    public static final OnFailure CONTINUE = new OnFailure(Kind.CONTINUE, null);

    public static OnFailure gotoStep(String step) {
        return new OnFailure(Kind.GOTO, step);
    }

    @Override
    public String toString() {
        return kind == Kind.GOTO ? "goto:" + gotoStep : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
