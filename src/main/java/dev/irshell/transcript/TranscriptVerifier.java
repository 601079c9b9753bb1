package dev.irshell.transcript;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Checks a transcript file line by line and explains the first problem: its line number and, as
 * precisely as the seq and prev evidence allows, what was done (modified, inserted, deleted,
 * reordered, duplicated, cut off, written after the seal).
 *
 * <p>Limits, inherent to a chain: a session cut at a line boundary looks like one that was never
 * sealed, and the last line of an unsealed session can be changed without trace. Compare the
 * final digest with the one recorded when the session was sealed to rule both out.
 */
public final class TranscriptVerifier {
    private TranscriptVerifier() {}

    /** Never throws for bad content; an unreadable file is BROKEN with the I/O message. */
    public static VerifyResult verify(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return VerifyResult.broken(0, "cannot read " + file + ": " + ioMessage(e));
        }
        RawLines raw = RawLines.split(bytes);
        if (raw.isEmpty()) {
            return VerifyResult.broken(1, "line 1: the file is empty — not even a header was written");
        }
        Chain chain = new Chain(raw);
        ChainDiagnosis.Finding finding = ChainDiagnosis.firstProblem(chain);
        if (finding != null) {
            return VerifyResult.broken(finding.line(), finding.text());
        }
        int n = chain.size();
        if (n > 0 && chain.isSeal(n - 1)) {
            return VerifyResult.sealed(n, chain.hash(n - 1));
        }
        return VerifyResult.unsealed(n, n == 0 ? Hashes.GENESIS : chain.hash(n - 1), raw.torn() != null ? n + 1 : 0);
    }

    private static String ioMessage(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
