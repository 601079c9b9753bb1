package dev.irshell.transcript;

/**
 * What {@link TranscriptVerifier} found.
 *
 * @param entries      entries that verified: every line when OK, the intact chain when UNSEALED, the
 *                     lines before {@code brokenAtLine} when BROKEN
 * @param finalHash    OK: hash of the seal line (the session's final digest); UNSEALED: hash of the
 *                     last intact line (64 zeros if none); BROKEN: null
 * @param brokenAtLine 1-based line of the problem (BROKEN, or the incomplete last line when
 *                     UNSEALED); 0 when there is none or the file could not be read
 * @param problem      the first problem in words, starting "line N" where there is a line; null when OK
 */
public record VerifyResult(Status status, long entries, String finalHash, long brokenAtLine, String problem) {

    public enum Status { OK, UNSEALED, BROKEN }

    static VerifyResult sealed(long entries, String finalHash) {
        return new VerifyResult(Status.OK, entries, finalHash, 0, null);
    }

    static VerifyResult unsealed(long entries, String headHash, long tornLine) {
        String problem = tornLine > 0
                ? "line " + tornLine + ": last line is incomplete (cut off mid-write)"
                : unsealedSummary(entries);
        return new VerifyResult(Status.UNSEALED, entries, headHash, tornLine, problem);
    }

    static VerifyResult broken(long line, String problem) {
        return new VerifyResult(Status.BROKEN, Math.max(line - 1, 0), null, line, problem);
    }

    public boolean ok() {
        return status == Status.OK;
    }

    /** One or two lines a reviewer reads. */
    public String describe() {
        return switch (status) {
            case OK -> "OK: " + entries + " entries, sealed, final digest " + finalHash;
            case UNSEALED -> "UNSEALED: " + unsealedSummary(entries) + (brokenAtLine > 0 ? "\n" + problem : "");
            case BROKEN -> "BROKEN: " + problem + (brokenAtLine == 0 ? ""
                    : brokenAtLine == 1 ? "\nnothing in this file can be trusted"
                    : "\nlines 1-" + (brokenAtLine - 1) + " verify; treat line " + brokenAtLine
                            + " and everything after it as untrusted");
        };
    }

    private static String unsealedSummary(long entries) {
        return "chain intact for " + entries + " entries, but the session was never sealed ("
                + (entries == 0 ? "cut off before the first entry" : "cut off after seq " + (entries - 1)) + ")";
    }
}
