package dev.irshell.action;

/** Something a step found that the operator must not miss. */
public record Finding(Severity severity, String message) {
    public static Finding info(String m) { return new Finding(Severity.INFO, m); }
    public static Finding warn(String m) { return new Finding(Severity.WARN, m); }
    public static Finding critical(String m) { return new Finding(Severity.CRITICAL, m); }
}
