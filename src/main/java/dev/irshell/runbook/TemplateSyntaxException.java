package dev.irshell.runbook;

/** A {@code ${{ expression }}} template that cannot be read; {@link #offset()} is 0-based in the text. */
public final class TemplateSyntaxException extends IllegalArgumentException {
    private final int offset;

    public TemplateSyntaxException(int offset, String message) {
        super(message);
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
