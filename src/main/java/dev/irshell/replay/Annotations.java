package dev.irshell.replay;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.engine.Sessions;
import dev.irshell.shell.UsageException;
import dev.irshell.shell.Version;
import dev.irshell.transcript.Redactor;
import dev.irshell.transcript.TranscriptEntry;
import dev.irshell.transcript.TranscriptFormatException;
import dev.irshell.transcript.TranscriptReader;
import dev.irshell.transcript.TranscriptVerifier;
import dev.irshell.transcript.TranscriptWriter;
import dev.irshell.transcript.VerifyResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A reviewer's annotations of a saved session, in {@code <transcript>.annotations.jsonl} beside the
 * transcript, which is never modified. The file is a chain of its own, written by
 * {@link TranscriptWriter}: a header naming the transcript (its file, path and digest, the SHA-256
 * of its last line) and the annotator, then one {@code annotation} entry per note. It is never
 * sealed, since a review may go on; its chain verifies line by line like a transcript's, and its
 * header ties it to one exact version of the transcript.
 */
public final class Annotations {
    static final String KIND = "annotations";
    static final String ENTRY = "annotation";

    private Annotations() {}

    /** One annotation: the step it is about (null for the session as a whole), its text and who wrote it. */
    public record Annotation(long seq, Instant at, String step, String text, String user) {}

    /** What {@link #check} found. */
    public enum Status {
        /** No annotations file. */
        NONE,
        /** The chain verifies and names this transcript's digest. */
        OK,
        /** The chain does not verify, or its header is missing or damaged. */
        BROKEN,
        /** The chain verifies but names another digest: the transcript changed after it was annotated. */
        OTHER_TRANSCRIPT
    }

    /**
     * @param annotations the annotations that verify (all of them when OK)
     * @param problem     what is wrong, in words; null when OK or NONE
     */
    public record Check(Path file, Status status, List<Annotation> annotations, String problem) {
        public boolean ok() {
            return status == Status.OK || status == Status.NONE;
        }

        /** One line for `transcript verify` and the replay's banner. */
        public String describe() {
            return switch (status) {
                case NONE -> "no annotations";
                case OK -> "annotations: " + count(annotations.size()) + by(annotations) + " in " + file.getFileName()
                        + ", chain intact, for this transcript";
                case BROKEN, OTHER_TRANSCRIPT -> "annotations: " + status.name().replace('_', ' ') + ": " + problem
                        + " (" + file.getFileName() + ")";
            };
        }

        private static String count(int n) {
            return n + " annotation" + (n == 1 ? "" : "s");
        }

        private static String by(List<Annotation> all) {
            Set<String> users = new LinkedHashSet<>();
            all.forEach(a -> users.add(a.user()));
            return users.isEmpty() ? "" : " by " + String.join(", ", users);
        }
    }

    /** {@code transcript.jsonl} → {@code transcript.annotations.jsonl}, in the same folder. */
    public static Path fileFor(Path transcript) {
        String name = transcript.getFileName().toString();
        String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        return transcript.resolveSibling(stem + ".annotations.jsonl");
    }

    /**
     * Verifies the annotations of {@code transcript}, if it has any: their chain, their header, and
     * that the header names the transcript's current digest.
     */
    public static Check check(Path transcript) {
        Path file = fileFor(transcript);
        if (!Files.exists(file)) {
            return new Check(file, Status.NONE, List.of(), null);
        }
        VerifyResult chain = TranscriptVerifier.verify(file);
        List<TranscriptEntry> entries;
        try {
            entries = TranscriptReader.read(file);
        } catch (TranscriptFormatException e) {
            entries = readUpTo(file, e.lineNumber() - 1);
        } catch (IOException e) {
            return new Check(file, Status.BROKEN, List.of(), "cannot read it: " + e.getMessage());
        }
        int trusted = chain.status() == VerifyResult.Status.BROKEN ? (int) chain.entries() : entries.size();
        List<Annotation> annotations = annotations(entries.subList(0, Math.min(trusted, entries.size())));
        if (chain.status() == VerifyResult.Status.BROKEN) {
            return new Check(file, Status.BROKEN, annotations, chain.problem()
                    + (chain.brokenAtLine() > 1 ? "; lines 1-" + (chain.brokenAtLine() - 1) + " verify" : ""));
        }
        if (chain.brokenAtLine() > 0) {
            return new Check(file, Status.BROKEN, annotations, chain.problem());
        }
        if (entries.isEmpty() || !entries.get(0).type().equals("header")
                || !KIND.equals(entries.get(0).data().path("kind").asText())) {
            return new Check(file, Status.BROKEN, annotations, "line 1 is not an annotations header");
        }
        String named = entries.get(0).data().path("transcript").path("digest").asText("");
        String actual;
        try {
            actual = Recording.lastLineDigest(transcript);
        } catch (IOException e) {
            return new Check(file, Status.BROKEN, annotations, "cannot read the transcript: " + e.getMessage());
        }
        if (!named.equals(actual)) {
            return new Check(file, Status.OTHER_TRANSCRIPT, annotations, "they were written for a transcript whose last"
                    + " line hashes to " + named + ", but this one's hashes to " + actual
                    + " (the transcript changed after it was annotated)");
        }
        return new Check(file, Status.OK, annotations, null);
    }

    private static List<TranscriptEntry> readUpTo(Path file, int lines) {
        // the lines before the first malformed one, for display; TranscriptReader stops at it
        List<TranscriptEntry> out = new ArrayList<>();
        try {
            for (TranscriptReader.Line l : TranscriptReader.readLines(file)) {
                if (l.number() > lines || l.entry() == null) {
                    break;
                }
                out.add(l.entry());
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    private static List<Annotation> annotations(List<TranscriptEntry> entries) {
        List<Annotation> out = new ArrayList<>();
        for (TranscriptEntry e : entries) {
            if (e.type().equals(ENTRY)) {
                ObjectNode d = e.data();
                out.add(new Annotation(e.seq(), e.ts(), d.hasNonNull("step") ? d.get("step").asText() : null,
                        d.path("text").asText(""), d.path("by").path("user").asText("?")));
            }
        }
        return out;
    }

    /**
     * Appends one annotation, creating the file with its header on the first. Refuses (usage error,
     * exit 2) to add to a file whose chain is broken or that was written for another version of the
     * transcript: annotations stay with the exact record they review.
     *
     * @param step the step it is about, or null for the session as a whole
     */
    public static Annotation append(Recording recording, String step, String text, String user, Clock clock) {
        if (text == null || text.isBlank()) {
            throw new UsageException("an annotation needs some text");
        }
        Path transcript = recording.file();
        Path file = fileFor(transcript);
        try {
            TranscriptWriter w;
            if (Files.exists(file)) {
                Check c = check(transcript);
                if (c.status() != Status.OK) {
                    throw new UsageException("cannot annotate: " + c.describe());
                }
                w = TranscriptWriter.openForAppend(file, new Redactor(), clock);
            } else {
                w = TranscriptWriter.create(file, new Redactor(), clock);
                w.append("header", header(recording, user));
            }
            try (w) {
                ObjectNode a = JsonNodeFactory.instance.objectNode();
                if (step == null) {
                    a.putNull("step");
                } else {
                    a.put("step", step);
                }
                a.put("text", text.strip());
                a.putObject("by").put("user", user).put("host", Sessions.hostName());
                long seq = w.append(ENTRY, a);
                return new Annotation(seq, clock.instant(), step, text.strip(), user);
            }
        } catch (IOException e) {
            throw new UsageException("cannot write annotations to " + file + ": " + e.getMessage());
        }
    }

    private static ObjectNode header(Recording r, String user) {
        ObjectNode h = JsonNodeFactory.instance.objectNode();
        h.put("kind", KIND);
        h.putObject("tool").put("name", "irshell").put("version", Version.get());
        h.putObject("transcript").put("file", r.file().getFileName().toString())
                .put("path", r.file().toAbsolutePath().normalize().toString()).put("digest", r.digest())
                .put("sessionId", r.sessionId()).put("runbook", r.runbookId());
        h.putObject("annotator").put("user", user).put("host", Sessions.hostName());
        return h;
    }
}
