package dev.irshell.transcript;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Finds and names the first problem in a {@link Chain}. Lines are checked in order; line i is only
 * looked at once lines 0..i-1 are known to be consistent with each other.
 *
 * <p>Two kinds of evidence tell tampering kinds apart. The {@code seq} says where a line believes it
 * stands; the {@code prev} says which line it was written after, and can be followed to that line
 * anywhere in the file. A line whose own seq and prev are right but whose successor does not point
 * back to it was modified (or inserted, if the successor points past it to the line before); a
 * line that points forward to a later line was moved; a gap in seq with a prev that names no line
 * in the file is a deletion.
 */
final class ChainDiagnosis {
    /** A problem at a 1-based line. */
    record Finding(long line, String text) {}

    private final Chain chain;

    private ChainDiagnosis(Chain chain) {
        this.chain = chain;
    }

    /** The first problem in the chain, or null when every complete line is in order. */
    static Finding firstProblem(Chain chain) {
        ChainDiagnosis diagnosis = new ChainDiagnosis(chain);
        for (int i = 0; i < chain.size(); i++) {
            Finding finding = diagnosis.check(i);
            if (finding != null) {
                return finding;
            }
        }
        return null;
    }

    private Finding check(int i) {
        if (!chain.valid(i)) {
            return at(i, chain.problem(i));
        }
        int original = chain.duplicateOf(i);
        if (original >= 0) {
            return at(i, "an entry was duplicated — it is an identical copy of line %d (seq %d)",
                    original + 1, chain.seq(original));
        }
        if (chain.seq(i) != i || !chain.linked(i)) {
            return explainOutOfPlace(i);
        }
        if (chain.isSeal(i)) {
            return checkSeal(i);
        }
        Finding finding = checkSuccessor(i);
        return finding != null ? finding : checkTime(i);
    }

    /**
     * Line i is in place (right seq, prev links it to line i - 1). If the next line does not link
     * back to it, decide whether line i itself is to blame: inserted (the next line links past it,
     * see {@link #insertedRun}) or modified (no line in the file links to it, and nothing shows the
     * next line changed instead). Problems that are the next line's own are left for when that
     * line is checked.
     */
    private Finding checkSuccessor(int i) {
        int j = i + 1;
        if (j >= chain.size() || !chain.valid(j) || chain.duplicateOf(j) >= 0 || chain.linked(j)) {
            return null;
        }
        int p = chain.pred(j);
        if (p != Chain.NONE && p < i) {
            return insertedRun(p + 1, i, j);
        }
        if (p == Chain.NONE && chain.seq(j) == j && !chain.linkedFromAfter(i, i) && nextLineIsIntact(i, j)) {
            return modified(i, j);
        }
        return null;
    }

    /**
     * Line j links past lines first..last to line first - 1: either that run or line j is the
     * interloper. The one that a later line still continues from is genuine; when that does not
     * decide, the explanation with fewer inserted lines wins (a single line run is blamed, being
     * first). Returns null when line j is to blame, to be reported when j is checked.
     */
    private Finding insertedRun(int first, int last, int j) {
        boolean runContinued = chain.linkedFromAfter(last, j);
        boolean jContinued = chain.linkedFromAfter(j, j);
        boolean runIsInserted = jContinued != runContinued ? jContinued : first == last;
        return runIsInserted ? inserted(first, last, j) : null;
    }

    /**
     * Line j (in place by seq) does not link to line i. Is j intact, so that i was modified? Yes if
     * the line after j links to j; if j is a seal whose lastHash agrees with its prev; and, lacking
     * evidence either way, yes. No if the line after j is in place yet does not link to j, or j is a
     * seal whose lastHash matches line i (then j's prev was changed).
     */
    private boolean nextLineIsIntact(int i, int j) {
        int k = j + 1;
        if (k < chain.size()) {
            return !chain.valid(k) || chain.seq(k) != k || chain.pred(k) == j;
        }
        if (chain.isSeal(j)) {
            String lastHash = text(chain.entry(j).data().get("lastHash"));
            return !chain.hash(i).equals(lastHash) && chain.entry(j).prev().equals(lastHash);
        }
        return true;
    }

    /** Line i is out of place: its seq is not i, or its prev does not link it to line i - 1. */
    private Finding explainOutOfPlace(int i) {
        long seq = chain.seq(i);
        int p = chain.pred(i);
        int j = i + 1;
        if (p != Chain.NONE && p > i) {
            int expectedAt = chain.indexOfSeq(i, j);
            return at(i, "expected seq %d but found seq %d — entries were reordered (%s)", i, seq,
                    expectedAt >= 0 ? "seq " + i + " is at line " + (expectedAt + 1)
                            : "it was written after line " + (p + 1) + ", which comes later in the file");
        }
        if (chain.valid(j) && chain.duplicateOf(j) < 0) {
            int pj = chain.pred(j);
            Finding run = pj != Chain.NONE && pj < i ? insertedRun(pj + 1, i, j) : null;
            if (run != null) {
                return run;
            }
        }
        if (seq == i) {
            return modifiedPrev(i);
        }
        if (seq > i) {
            int expectedAt = chain.indexOfSeq(i, j);
            if (expectedAt >= 0) {
                return at(i, "expected seq %d but found seq %d — entries were reordered (seq %d is at line %d)",
                        i, seq, i, expectedAt + 1);
            }
            if (chain.linked(i)) {
                return at(i, "expected seq %d but found seq %d — its seq was altered (its 'prev' links it to line %d)",
                        i, seq, i);
            }
            long missing = seq - i;
            return at(i, "expected seq %d but found seq %d — %s deleted before it", i, seq,
                    missing == 1 ? "an entry was" : missing + " entries were");
        }
        int sameSeq = chain.indexOfSeq(seq, 0);
        if (sameSeq >= 0 && sameSeq < i && p == sameSeq - 1) {
            return at(i, "an entry was inserted — seq %d appears twice (first at line %d)", seq, sameSeq + 1);
        }
        return at(i, "expected seq %d but found seq %d — entries were reordered or one was inserted", i, seq);
    }

    /** Lines first..last are not part of the chain: line j links past them to line first - 1. */
    private Finding inserted(int first, int last, int j) {
        String target = first == 0 ? "the start of the transcript" : "line " + first;
        int count = last - first + 1;
        if (chain.seq(j) != first) {
            return at(first, "%s inserted or moved here — line %d links past %s to %s, and its seq was rewritten to %d",
                    count == 1 ? "an entry was" : count + " entries were", j + 1, count == 1 ? "it" : "them",
                    target, chain.seq(j));
        }
        if (count > 1) {
            return at(first, "%d entries were inserted (lines %d-%d) — line %d links past them to %s",
                    count, first + 1, last + 1, j + 1, target);
        }
        if (chain.seq(first) == chain.seq(j)) {
            return at(first, "an entry was inserted — seq %d appears twice", chain.seq(j));
        }
        return at(first, "an entry was inserted — line %d links past it to %s", j + 1, target);
    }

    private Finding modified(int i, int j) {
        return atSeq(i, "modified — its hash no longer matches the 'prev' recorded by line %d", j + 1);
    }

    /** Line i has the right seq but its prev names the wrong line: its prev (at least) was changed. */
    private Finding modifiedPrev(int i) {
        StringBuilder what = new StringBuilder(i == 0
                ? "its 'prev' should be 64 zeros for the first entry"
                : "its 'prev' does not match the hash of line " + i);
        int k = i + 1;
        if (chain.valid(k) && chain.seq(k) == k && chain.pred(k) != i) {
            what.append(", and its own hash no longer matches the 'prev' recorded by line ").append(k + 1);
        }
        if (chain.isSeal(i) && chain.expectedPrev(i).equals(text(chain.entry(i).data().get("lastHash")))) {
            what.append(" (its 'lastHash' still does)");
        }
        return atSeq(i, "modified — %s", what);
    }

    private Finding checkSeal(int i) {
        JsonNode data = chain.entry(i).data();
        JsonNode entries = data.get("entries");
        String lastHash = text(data.get("lastHash"));
        if (entries == null || !entries.isIntegralNumber()) {
            return atSeq(i, "seal is malformed — 'entries' must be a number but is %s", entries);
        }
        if (lastHash == null) {
            return atSeq(i, "seal is malformed — 'lastHash' must be a string but is %s", data.get("lastHash"));
        }
        if (entries.longValue() != i) {
            return atSeq(i, "seal is wrong — it records %d entries but %d precede it", entries.longValue(), i);
        }
        if (!lastHash.equals(chain.expectedPrev(i))) {
            return atSeq(i, "seal is wrong — its 'lastHash' %s does not match the hash of line %d (%s)",
                    lastHash, i, chain.expectedPrev(i));
        }
        if (i + 1 < chain.size() || chain.tornTail()) {
            return new Finding(i + 2, String.format("line %d: found after the seal on line %d — nothing may follow a seal%s",
                    i + 2, i + 1, i + 1 < chain.size() ? "" : " (and the line is incomplete)"));
        }
        return null;
    }

    private Finding checkTime(int i) {
        if (i > 0 && chain.entry(i).ts().isBefore(chain.entry(i - 1).ts())) {
            return atSeq(i, "its timestamp %s is earlier than %s on line %d — time went backwards",
                    EntryCodec.formatTs(chain.entry(i).ts()), EntryCodec.formatTs(chain.entry(i - 1).ts()), i);
        }
        return null;
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    private static Finding at(int i, String format, Object... args) {
        return new Finding(i + 1, "line " + (i + 1) + ": " + String.format(format, args));
    }

    private Finding atSeq(int i, String format, Object... args) {
        return new Finding(i + 1, "line " + (i + 1) + " (seq " + chain.seq(i) + "): " + String.format(format, args));
    }
}
