package dev.irshell.report;

import dev.irshell.transcript.VerifyResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the record a report is made from can be trusted, in the words the report opens with.
 *
 * @param verify      what {@link dev.irshell.transcript.TranscriptVerifier} found
 * @param unreadable  lines that hold no valid entry ("line 7: not valid JSON: ..."); their content
 *                    is missing from the report
 * @param finalDigest the seal line's SHA-256 when the transcript verifies; otherwise null
 * @param lastLineHash SHA-256 of the last complete line, whatever it is (to compare with a digest
 *                    noted elsewhere); null for an empty file
 * @param sealed      the last readable entry is a seal (a broken transcript may still end in one)
 */
public record Integrity(VerifyResult verify, List<String> unreadable, String finalDigest, String lastLineHash,
                        boolean sealed) {
    public Integrity {
        unreadable = List.copyOf(unreadable);
    }

    /** The chain verifies and the session was sealed. */
    public boolean verified() {
        return verify.ok();
    }

    /**
     * The first line number not to trust: the broken line of a tampered transcript, the torn last
     * line of a cut-off one; {@link Long#MAX_VALUE} when every line verifies.
     */
    public long untrustedFrom() {
        return verify.brokenAtLine() > 0 ? verify.brokenAtLine() : Long.MAX_VALUE;
    }

    /** The one line a report opens with. */
    public String headline() {
        return switch (verify.status()) {
            case OK -> "Chain verified: " + verify.entries() + " entries, sealed; final digest " + finalDigest;
            case UNSEALED -> "WARNING: UNSEALED TRANSCRIPT — the session was cut off before it was sealed; "
                    + "this report may be incomplete";
            case BROKEN -> "WARNING: THIS TRANSCRIPT DID NOT VERIFY — the hash chain is broken; "
                    + "part of this record may have been altered";
        };
    }

    /** Why, in the verifier's words, and what to make of the rest. Empty when verified. */
    public List<String> details() {
        List<String> d = new ArrayList<>();
        if (verify.status() != VerifyResult.Status.OK) {
            verify.describe().lines().forEach(d::add);
        }
        if (verify.status() == VerifyResult.Status.BROKEN && verify.brokenAtLine() > 0) {
            d.add("Items from line " + verify.brokenAtLine() + " on are marked UNTRUSTED in this report.");
        }
        if (verify.status() == VerifyResult.Status.UNSEALED) {
            d.add(verify.brokenAtLine() > 0 ? "The incomplete line " + verify.brokenAtLine() + " is marked UNTRUSTED in this report."
                    : "Without a seal, a change to the last line would leave no trace in the chain.");
        }
        if (verify.status() == VerifyResult.Status.BROKEN && !sealed) {
            d.add("It does not end with a seal either: the session may also have been cut off.");
        }
        unreadable.forEach(u -> d.add("Unreadable, left out of this report: " + u));
        if (verify.status() == VerifyResult.Status.BROKEN && lastLineHash != null) {
            d.add("There is no verified final digest. The last line's SHA-256 is " + lastLineHash
                    + "; even if it matches the digest printed when the session ended, the lines named above stay untrusted.");
        }
        if (verify.status() == VerifyResult.Status.UNSEALED && lastLineHash != null) {
            d.add("There is no final digest (no seal). The last complete line's SHA-256 is " + lastLineHash + ".");
        }
        return d;
    }
}
