package dev.irshell.shell;

/** The command line is wrong: the message says what and how to write it (exit 2). */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
