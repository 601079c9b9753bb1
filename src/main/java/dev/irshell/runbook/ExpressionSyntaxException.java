package dev.irshell.runbook;

/**
 * A JMESPath expression that does not compile. The message is the parser's, cleaned of grammar
 * noise, e.g. {@code unexpected end of expression at position 11}; {@link #position()} is
 * 0-based in the expression, or -1 if the parser gave none.
 */
public final class ExpressionSyntaxException extends IllegalArgumentException {
    private final int position;

    public ExpressionSyntaxException(int position, String message) {
        super(message);
        this.position = position;
    }

    public int position() {
        return position;
    }
}
