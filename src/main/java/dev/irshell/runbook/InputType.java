package dev.irshell.runbook;

/** What an input holds; each type checks its value beyond any pattern. */
public enum InputType {
    /** Free text, checked only by the input's pattern. */
    STRING,
    /** An AWS region code that {@link Regions#isKnown} accepts. */
    REGION,
    /** A whole number. */
    INTEGER,
    /** An ISO-8601 instant such as 2026-11-01T00:00:00Z, or a time back from now such as -14d ({@link RelativeTime}). */
    DATETIME;

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
