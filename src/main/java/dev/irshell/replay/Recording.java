package dev.irshell.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.engine.CallerIdentity;
import dev.irshell.shell.UsageException;
import dev.irshell.transcript.Hashes;
import dev.irshell.transcript.TranscriptEntry;
import dev.irshell.transcript.TranscriptReader;
import dev.irshell.transcript.TranscriptVerifier;
import dev.irshell.transcript.VerifyResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A saved session read back for replay: every line of its transcript (damaged ones too, so a
 * reviewer sees them), what {@link TranscriptVerifier} says of the chain, and the steps in the
 * order they first ran. Nothing here talks to AWS.
 */
public final class Recording {
    private static final Pattern USER_ARN = Pattern.compile("^arn:aws[a-z-]*:iam::\\d+:user/(?:.*/)?([^/]+)$");

    private final Path file;
    private final List<TranscriptReader.Line> lines;
    private final VerifyResult verify;
    private final String digest;
    private final ObjectNode header;
    private final Map<String, StepInfo> steps = new LinkedHashMap<>();
    private final Map<String, Outcome> outcomes = new LinkedHashMap<>();

    /**
     * One step as the recording knows it.
     *
     * @param id      the step's id in the session (qualified inside a called runbook)
     * @param name    display name, from its step.start (the id when it never started)
     * @param kind    action, manual, decision or runbook; "" when it never started
     * @param started when it first started, or null when it never ran
     * @param state   its last recorded state: the last step.end or step.skip, else session.end's, else
     *                "not reached"
     */
    public record StepInfo(String id, String name, String kind, String section, Instant started, String state) {
        public boolean ran() {
            return started != null;
        }
    }

    /**
     * How a step ended up, for comparing two runs: its last state, summary, reason and decision, and
     * the last answer given to it.
     *
     * @param approved for a change or destroy that asked: whether the last answer approved it; null
     *                 when no confirmation was asked
     * @param typed    what was typed at the last confirmation (null: nobody answered)
     * @param manual   a manual step's last answer (done, not_done, none), else null
     */
    public record Outcome(String state, String summary, String reason, String decision, Boolean approved, String typed,
                          String manual) {
        static final Outcome NOT_REACHED = new Outcome("not reached", null, null, null, null, null, null);
    }

    private Recording(Path file, List<TranscriptReader.Line> lines, VerifyResult verify, String digest) {
        this.file = file;
        this.lines = lines;
        this.verify = verify;
        this.digest = digest;
        this.header = entries().stream().filter(e -> e.type().equals("header")).findFirst().map(TranscriptEntry::data)
                .orElse(JsonNodeFactory.instance.objectNode());
        index();
    }

    /**
     * Reads a transcript, given as its transcript.jsonl or its session folder. A missing or empty
     * file is a usage error; a damaged one is read as far as it goes and reported by {@link #verify()}.
     */
    public static Recording load(Path fileOrFolder) {
        Path file = resolve(fileOrFolder);
        try {
            List<TranscriptReader.Line> lines = TranscriptReader.readLines(file);
            if (lines.isEmpty()) {
                throw new UsageException(file + " is empty: there is nothing to replay");
            }
            return new Recording(file, lines, TranscriptVerifier.verify(file), lastLineDigest(file));
        } catch (IOException e) {
            throw new UsageException("cannot read transcript " + file + ": " + e.getMessage());
        }
    }

    /** The transcript.jsonl a file or session folder names; a usage error when there is none. */
    public static Path resolve(Path fileOrFolder) {
        Path file = Files.isDirectory(fileOrFolder) ? fileOrFolder.resolve("transcript.jsonl") : fileOrFolder;
        if (!Files.isRegularFile(file)) {
            throw new UsageException("no transcript at " + fileOrFolder + " (give a transcript.jsonl or its session folder)");
        }
        return file;
    }

    /**
     * SHA-256 of the file's last complete line: for a sealed session its final digest, else the head
     * of its chain. What an annotations file and a replay's header name the transcript by.
     */
    public static String lastLineDigest(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        if (end == 0) {
            return Hashes.sha256Hex(new byte[0]);
        }
        int start = end - 1;
        while (start > 0 && bytes[start - 1] != '\n') {
            start--;
        }
        return Hashes.sha256Hex(java.util.Arrays.copyOfRange(bytes, start, end - 1));
    }

    private void index() {
        JsonNode finalStates = null;
        for (TranscriptEntry e : entries()) {
            ObjectNode d = e.data();
            String id = d.path("step").asText(null);
            switch (e.type()) {
                case "step.start" -> {
                    StepInfo old = steps.get(id);
                    steps.put(id, new StepInfo(id, d.path("name").asText(id), d.path("kind").asText(""),
                            d.path("section").asText(""), old != null && old.started() != null ? old.started() : e.ts(),
                            old != null ? old.state() : "started"));
                }
                case "step.end" -> {
                    update(id, d.path("state").asText("?"));
                    Outcome o = outcome(id);
                    outcomes.put(id, new Outcome(d.path("state").asText("?"), d.hasNonNull("summary")
                            ? d.get("summary").asText() : null, d.hasNonNull("reason") ? d.get("reason").asText() : null,
                            d.hasNonNull("decision") ? d.get("decision").asText() : o.decision(), o.approved(), o.typed(),
                            o.manual()));
                }
                case "step.skip" -> {
                    update(id, "skipped");
                    Outcome o = outcome(id);
                    String why = d.path("reason").asText("");
                    outcomes.put(id, new Outcome("skipped", null, "operator".equals(d.path("by").asText())
                            ? "skipped by the operator: " + why : why, o.decision(),
                            o.approved(), o.typed(), o.manual()));
                }
                case "answer" -> {
                    Outcome o = outcome(id);
                    String kind = d.path("kind").asText("");
                    if (kind.equals("change") || kind.equals("destroy")) {
                        outcomes.put(id, new Outcome(o.state(), o.summary(), o.reason(), o.decision(),
                                d.path("approved").asBoolean(false), d.hasNonNull("typed") ? d.get("typed").asText() : null,
                                o.manual()));
                    } else if (kind.equals("manual")) {
                        outcomes.put(id, new Outcome(o.state(), o.summary(), o.reason(), o.decision(), o.approved(),
                                o.typed(), d.path("answer").asText("none")));
                    } else if (kind.equals("decision")) {
                        outcomes.put(id, new Outcome(o.state(), o.summary(), o.reason(),
                                d.hasNonNull("answer") ? d.get("answer").asText() : null, o.approved(), o.typed(), o.manual()));
                    }
                }
                case "session.end" -> finalStates = d.path("states");
                default -> { }
            }
        }
        if (finalStates != null && finalStates.isObject()) {
            Map<String, StepInfo> ordered = new LinkedHashMap<>();
            finalStates.fields().forEachRemaining(f -> {
                StepInfo s = steps.get(f.getKey());
                ordered.put(f.getKey(), s == null ? new StepInfo(f.getKey(), f.getKey(), "", "", null, f.getValue().asText())
                        : new StepInfo(s.id(), s.name(), s.kind(), s.section(), s.started(), f.getValue().asText()));
            });
            steps.forEach(ordered::putIfAbsent);
            steps.clear();
            steps.putAll(ordered);
        }
    }

    private void update(String id, String state) {
        if (id == null) {
            return;
        }
        StepInfo s = steps.get(id);
        steps.put(id, s == null ? new StepInfo(id, id, "", "", null, state)
                : new StepInfo(s.id(), s.name(), s.kind(), s.section(), s.started(), state));
    }

    public Path file() {
        return file;
    }

    /** How the step ended up in this recording ({@link Outcome#NOT_REACHED} when it never ran). */
    public Outcome outcome(String id) {
        return id == null ? Outcome.NOT_REACHED : outcomes.getOrDefault(id, Outcome.NOT_REACHED);
    }

    /** Every line, in file order, damaged ones included. */
    public List<TranscriptReader.Line> lines() {
        return lines;
    }

    /** The lines that are valid entries, in file order. */
    public List<TranscriptEntry> entries() {
        List<TranscriptEntry> out = new ArrayList<>(lines.size());
        lines.stream().filter(l -> l.entry() != null).forEach(l -> out.add(l.entry()));
        return out;
    }

    public VerifyResult verify() {
        return verify;
    }

    /** SHA-256 of the transcript's last complete line (the final digest of a sealed session). */
    public String digest() {
        return digest;
    }

    /** The header entry's data (empty when the header is missing or damaged). */
    public ObjectNode header() {
        return header;
    }

    public String runbookId() {
        return header.path("runbook").path("id").asText("?");
    }

    public String title() {
        return header.path("runbook").path("title").asText(runbookId());
    }

    public String sessionId() {
        return header.path("sessionId").asText("?");
    }

    public String region() {
        return header.path("region").asText("us-east-1");
    }

    public String environment() {
        return header.path("mode").path("environment").asText("live");
    }

    /** Who the recorded session ran as, from its header. */
    public CallerIdentity caller() {
        JsonNode c = header.path("caller");
        String arn = c.path("arn").asText(null);
        String user = null;
        if (arn != null) {
            Matcher m = USER_ARN.matcher(arn);
            if (m.matches()) {
                user = m.group(1);
            }
        }
        return new CallerIdentity(c.path("account").asText(null), arn, c.path("userId").asText(null), user,
                c.path("accessKeyId").asText(null));
    }

    /** The recorded session's resolved inputs (header.inputs). */
    public ObjectNode inputs() {
        JsonNode in = header.path("inputs");
        return in.isObject() ? (ObjectNode) in.deepCopy() : JsonNodeFactory.instance.objectNode();
    }

    /** When the session started: the header's time, else the first entry's. */
    public Instant started() {
        return entries().stream().filter(e -> e.type().equals("header")).findFirst()
                .or(() -> entries().stream().findFirst()).map(TranscriptEntry::ts).orElse(Instant.EPOCH);
    }

    /** Every step in running order (those the session listed at its end but never ran too). */
    public List<StepInfo> steps() {
        return List.copyOf(steps.values());
    }

    public Optional<StepInfo> step(String id) {
        return Optional.ofNullable(steps.get(id));
    }

    /** The ids of the steps that ran, in the order they first started. */
    public List<String> ranStepIds() {
        return steps.values().stream().filter(StepInfo::ran).sorted(java.util.Comparator.comparing(StepInfo::started))
                .map(StepInfo::id).toList();
    }
}
