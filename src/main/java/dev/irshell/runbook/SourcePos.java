package dev.irshell.runbook;

/** A place in a runbook file, 1-based, printed the way editors and compilers print it. */
public record SourcePos(String file, int line, int col) {
    public static SourcePos unknown(String file) {
        return new SourcePos(file, 0, 0);
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ":" + col : file;
    }
}
