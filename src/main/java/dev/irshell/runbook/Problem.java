package dev.irshell.runbook;

/** One thing wrong with a runbook, at a place, said so an author knows what to write instead. */
public record Problem(SourcePos pos, String message) {
    @Override
    public String toString() {
        return pos + ": " + message;
    }
}
