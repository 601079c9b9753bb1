package dev.irshell.engine;

/**
 * The operator's answer to a manual step: done or not done, with an optional note.
 * {@link #NONE} means no answer could be had (a non-interactive run without one).
 */
public record ManualAnswer(Status status, String note) {
    public enum Status { DONE, NOT_DONE, NONE }

    public static final ManualAnswer NONE = new ManualAnswer(Status.NONE, null);

    public static ManualAnswer done(String note) {
        return new ManualAnswer(Status.DONE, note);
    }

    public static ManualAnswer notDone(String note) {
        return new ManualAnswer(Status.NOT_DONE, note);
    }
}
