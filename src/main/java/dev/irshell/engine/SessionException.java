package dev.irshell.engine;

/**
 * An operator request the session cannot carry out (unknown step, nothing to undo, a refused
 * confirmation). An expected outcome with a message for the operator, not a fault.
 */
public final class SessionException extends RuntimeException {
    public SessionException(String message) {
        super(message);
    }
}
