package dev.irshell.action;

/**
 * A value the operator must see exactly once (a new secret access key, a new password). It is
 * never put in result data, outputs, transcripts, logs or exports: the redactor is told the value
 * so that any accidental copy is masked too.
 */
public record Secret(String label, String value) {
    @Override
    public String toString() {
        return label + "=[REDACTED]";
    }
}
