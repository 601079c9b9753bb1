package dev.irshell.transcript;

import java.io.IOException;

/** A transcript line that is not a valid entry. The message starts with "line N: ". */
public final class TranscriptFormatException extends IOException {
    private final int lineNumber;

    public TranscriptFormatException(int lineNumber, String problem) {
        super("line " + lineNumber + ": " + problem);
        this.lineNumber = lineNumber;
    }

    /** 1-based number of the offending line. */
    public int lineNumber() {
        return lineNumber;
    }
}
