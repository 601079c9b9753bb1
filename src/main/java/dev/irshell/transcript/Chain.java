package dev.irshell.transcript;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The complete lines of a transcript file, parsed, hashed and indexed by hash so that each line's
 * {@code prev} can be followed to the line it names, wherever in the file that line is.
 * Positions are 0-based indexes; index i is line i + 1.
 */
final class Chain {
    /** {@link #pred} of a line whose prev names no line in the file. */
    static final int NONE = Integer.MIN_VALUE;
    /** {@link #pred} of a line whose prev is 64 zeros: it claims to be the first. */
    static final int START = -1;

    private final List<byte[]> lines;
    private final TranscriptEntry[] entries;
    private final String[] problems;
    private final String[] hashes;
    private final Map<String, Integer> firstWithHash = new HashMap<>();
    private final boolean tornTail;

    Chain(RawLines raw) {
        this.lines = raw.complete();
        this.tornTail = raw.torn() != null;
        int n = lines.size();
        entries = new TranscriptEntry[n];
        problems = new String[n];
        hashes = new String[n];
        for (int i = 0; i < n; i++) {
            hashes[i] = Hashes.sha256Hex(lines.get(i));
            firstWithHash.putIfAbsent(hashes[i], i);
            try {
                entries[i] = EntryCodec.decode(lines.get(i));
            } catch (EntryCodec.BadLine e) {
                problems[i] = e.getMessage();
            }
        }
    }

    int size() {
        return lines.size();
    }

    /** Whether an incomplete line follows the last complete one. */
    boolean tornTail() {
        return tornTail;
    }

    boolean valid(int i) {
        return i >= 0 && i < size() && entries[i] != null;
    }

    String problem(int i) {
        return problems[i];
    }

    TranscriptEntry entry(int i) {
        return entries[i];
    }

    long seq(int i) {
        return entries[i].seq();
    }

    boolean isSeal(int i) {
        return valid(i) && TranscriptWriter.SEAL.equals(entries[i].type());
    }

    String hash(int i) {
        return hashes[i];
    }

    /** What line i's prev must be: the hash of line i - 1, or 64 zeros for the first line. */
    String expectedPrev(int i) {
        return i == 0 ? Hashes.GENESIS : hashes[i - 1];
    }

    /** Whether line i's prev is the hash of the line just before it. */
    boolean linked(int i) {
        return valid(i) && entries[i].prev().equals(expectedPrev(i));
    }

    /** The index of the line whose hash line i's prev holds; {@link #START} or {@link #NONE}. */
    int pred(int i) {
        String prev = entries[i].prev();
        if (prev.equals(Hashes.GENESIS)) {
            return START;
        }
        return firstWithHash.getOrDefault(prev, NONE);
    }

    /** Whether some valid line after index {@code after} has line {@code target}'s hash as its prev. */
    boolean linkedFromAfter(int target, int after) {
        for (int k = after + 1; k < size(); k++) {
            if (valid(k) && pred(k) == target) {
                return true;
            }
        }
        return false;
    }

    /** The earlier line with exactly the same bytes, or -1. */
    int duplicateOf(int i) {
        int first = firstWithHash.get(hashes[i]);
        return first < i ? first : -1;
    }

    /** The first valid line at or after {@code from} whose seq is {@code seq}, or -1. */
    int indexOfSeq(long seq, int from) {
        for (int j = Math.max(from, 0); j < size(); j++) {
            if (valid(j) && entries[j].seq() == seq) {
                return j;
            }
        }
        return -1;
    }
}
