package dev.irshell.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.irshell.action.Table;
import dev.irshell.transcript.Hashes;
import dev.irshell.transcript.TranscriptEntry;
import dev.irshell.transcript.TranscriptReader;
import dev.irshell.transcript.TranscriptVerifier;
import dev.irshell.transcript.VerifyResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A session as a reviewer reads it, rebuilt from its transcript alone: the header, every step run
 * with its findings and tables, every change with its approval, calls, undo and later undo, every
 * AWS call with its request id, the activity the investigation found in the account, and how far
 * the record can be trusted. Built from whatever lines can be read, so a damaged transcript still
 * gives a report, which says so ({@link #integrity()}).
 */
public final class SessionRecord {
    private final Path file;
    private final Integrity integrity;
    private final Header header;
    private final Instant start;
    private final Instant end;
    private final List<StepRun> steps;
    private final List<Change> changes;
    private final List<CallRecord> calls;
    private final List<Found> found;
    private final int ownEventsLeftOut;
    private final List<OperatorEvent> operator;
    private final List<JsonNode> history;
    /** The bundle's artifacts and signature as {@code transcript verify} judges them; null for a record not read from a file. */
    private dev.irshell.transcript.BundleVerifier.Report evidence;

    private SessionRecord(Path file, Integrity integrity, Parser p) {
        this.file = file;
        this.integrity = integrity;
        this.header = p.header;
        this.start = p.start;
        this.end = p.end;
        this.steps = List.copyOf(p.steps.stream().map(StepBuilder::build).toList());
        this.changes = List.copyOf(p.changes.stream().map(ChangeBuilder::build).toList());
        this.calls = List.copyOf(p.calls);
        List<Found> f = new ArrayList<>(p.found.values().stream().map(FoundBuilder::build).toList());
        f.sort(Comparator.comparing(Found::time));
        this.found = List.copyOf(f);
        this.ownEventsLeftOut = p.ownEvents.size();
        this.operator = List.copyOf(p.operator);
        this.history = List.copyOf(p.history);
    }

    /**
     * Verifies {@code file} and reads every line that holds an entry. Throws only when the file
     * cannot be read at all.
     */
    public static SessionRecord read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        VerifyResult verify = TranscriptVerifier.verify(file);
        List<TranscriptReader.Line> lines = TranscriptReader.readLines(file);
        SessionRecord r = of(file, verify, lines, lastLineHash(bytes));
        r.evidence = dev.irshell.transcript.BundleVerifier.verify(file, verify);
        return r;
    }

    /** The record of {@code lines} as {@code verify} judged them. */
    static SessionRecord of(Path file, VerifyResult verify, List<TranscriptReader.Line> lines, String lastLineHash) {
        Parser p = new Parser();
        List<String> unreadable = new ArrayList<>();
        TranscriptEntry last = null;
        for (TranscriptReader.Line l : lines) {
            if (l.entry() == null) {
                unreadable.add("line " + l.number() + ": " + l.problem());
            } else {
                p.accept(l.entry(), l.number());
                last = l.entry();
            }
        }
        p.finish();
        boolean sealed = last != null && "seal".equals(last.type());
        String digest = verify.ok() ? verify.finalHash() : null;
        return new SessionRecord(file, new Integrity(verify, unreadable, digest, lastLineHash, sealed), p);
    }

    private static String lastLineHash(byte[] bytes) {
        int endOfLast = bytes.length;
        while (endOfLast > 0 && bytes[endOfLast - 1] != '\n') {
            endOfLast--;     // an incomplete last line is not a line the chain can end on
        }
        if (endOfLast == 0) {
            return null;
        }
        int from = endOfLast - 1;
        while (from > 0 && bytes[from - 1] != '\n') {
            from--;
        }
        return Hashes.sha256Hex(Arrays.copyOfRange(bytes, from, endOfLast - 1));
    }

    public Path file() {
        return file;
    }

    public Integrity integrity() {
        return integrity;
    }

    /** The artifacts' and the signature's verdicts, when the record was read from a session folder. */
    public java.util.Optional<dev.irshell.transcript.BundleVerifier.Report> evidence() {
        return java.util.Optional.ofNullable(evidence);
    }

    public Header header() {
        return header;
    }

    /** When the session started (its header), or the first entry's time; null for an empty record. */
    public Instant start() {
        return start;
    }

    /** When it ended (the seal, else the last entry). */
    public Instant end() {
        return end;
    }

    public Duration duration() {
        return start == null || end == null ? Duration.ZERO : Duration.between(start, end);
    }

    public List<StepRun> steps() {
        return steps;
    }

    public List<Change> changes() {
        return changes;
    }

    public List<CallRecord> calls() {
        return calls;
    }

    /** Activity found in the account, oldest first, without the session's own calls. */
    public List<Found> found() {
        return found;
    }

    /** How many CloudTrail events the lookups returned that were this session's own calls (left out of {@link #found()}). */
    public int ownEventsLeftOut() {
        return ownEventsLeftOut;
    }

    public List<OperatorEvent> operator() {
        return operator;
    }

    /** The entries as {@code {seq, ts, type, data}}, the shape session actions read (see {@link SupportText}). */
    public List<JsonNode> history() {
        return history;
    }

    /** One moment of the timeline: something found in the account, or something the operator did. */
    public record Moment(Instant time, Found found, OperatorEvent operator) {
        public long line() {
            return found != null ? found.line() : operator.line();
        }
    }

    /** Found activity and the operator's actions merged, in time order (the operator's after found activity at the same instant). */
    public List<Moment> timeline() {
        List<Moment> m = new ArrayList<>();
        found.forEach(f -> m.add(new Moment(f.time(), f, null)));
        operator.forEach(o -> m.add(new Moment(o.time(), null, o)));
        m.sort(Comparator.comparing(Moment::time).thenComparing(x -> x.found() == null));
        return m;
    }

    /**
     * A row of the timeline as the reports print it: one moment, or a run of {@code count}
     * consecutive read-only CloudTrail events that differ only in time (the same call by the same
     * key from the same address and user agent, such as a CI job's daily DescribeInstances), from
     * {@code first}'s time to {@code last}. Every event still has its own mark in the chart.
     */
    public record Row(Moment first, int count, Instant last) {}

    /** {@link #timeline()} with runs of identical read-only events folded into one row each. */
    public List<Row> timelineRows() {
        List<Row> rows = new ArrayList<>();
        Moment runStart = null;
        int count = 0;
        Instant last = null;
        for (Moment m : timeline()) {
            if (runStart != null && foldable(runStart, m)) {
                count++;
                last = m.time();
                continue;
            }
            if (runStart != null) {
                rows.add(new Row(runStart, count, last));
            }
            runStart = m;
            count = 1;
            last = m.time();
        }
        if (runStart != null) {
            rows.add(new Row(runStart, count, last));
        }
        return rows;
    }

    private boolean foldable(Moment a, Moment b) {
        Found x = a.found();
        Found y = b.found();
        return x != null && y != null && "CloudTrail".equals(x.kind()) && "CloudTrail".equals(y.kind())
                && !Boolean.TRUE.equals(x.write()) && !Boolean.TRUE.equals(y.write())
                && untrusted(x.line()) == untrusted(y.line())
                && java.util.Objects.equals(x.what(), y.what()) && java.util.Objects.equals(x.who(), y.who())
                && java.util.Objects.equals(x.accessKeyId(), y.accessKeyId())
                && java.util.Objects.equals(x.sourceIp(), y.sourceIp())
                && java.util.Objects.equals(x.userAgent(), y.userAgent())
                && java.util.Objects.equals(x.region(), y.region())
                && java.util.Objects.equals(x.errorCode(), y.errorCode())
                && java.util.Objects.equals(x.resources(), y.resources());
    }

    /** Whether the item on {@code line} comes from the part of the file that did not verify. */
    public boolean untrusted(long line) {
        return line >= integrity.untrustedFrom();
    }

    // ------------------------------------------------------------------ parsing

    /** Walks the entries once, in file order, keeping what is open (a step running, a change, an undo). */
    private static final class Parser {
        Header header = Header.NONE;
        Instant start;
        Instant end;
        final List<StepBuilder> steps = new ArrayList<>();
        final Map<String, StepBuilder> running = new HashMap<>();
        final Map<String, StepBuilder> lastRun = new HashMap<>();
        final Map<String, String> names = new HashMap<>();
        final List<ChangeBuilder> changes = new ArrayList<>();
        final Map<String, ChangeBuilder> openChange = new HashMap<>();
        final Map<String, ChangeBuilder> lastChange = new HashMap<>();
        final Map<String, UndoBuilder> openUndo = new HashMap<>();
        final Map<String, String> promptKind = new HashMap<>();
        final List<CallRecord> calls = new ArrayList<>();
        final Map<String, FoundBuilder> found = new LinkedHashMap<>();
        final Set<String> ownEvents = new HashSet<>();
        final List<OperatorEvent> operator = new ArrayList<>();
        final List<JsonNode> history = new ArrayList<>();

        void accept(TranscriptEntry e, long line) {
            JsonNode d = e.data();
            history.add(JsonNodeFactory.instance.objectNode().put("seq", e.seq()).put("ts", e.ts().toString())
                    .put("type", e.type()).set("data", d));
            if (start == null) {
                start = e.ts();
            }
            String step = Header.text(d.path("step"));
            switch (e.type()) {
                case "header" -> {
                    header = Header.of(d);
                    start = e.ts();
                    operator.add(new OperatorEvent(e.ts(), "session", null, "session started: " + orUnknown(header.operator())
                            + " as " + orUnknown(header.callerArn()) + ", runbook " + orUnknown(header.runbookId()) + " "
                            + orUnknown(header.runbookVersion()) + ", " + header.modeLabel(), List.of(), line));
                }
                case "step.start" -> stepStart(e, d, step, line);
                case "step.end" -> stepEnd(e, d, step, line);
                case "step.skip" -> {
                    StepBuilder s = new StepBuilder(step, names.get(step), null, null, null, line);
                    s.state = "skipped";
                    s.reason = Header.text(d.path("reason"));
                    s.ended = e.ts();
                    steps.add(s);
                    lastRun.put(step, s);
                    if ("operator".equals(d.path("by").asText())) {
                        operator.add(new OperatorEvent(e.ts(), "skip", step, "skipped " + step + ": " + s.reason, List.of(), line));
                    }
                }
                case "plan" -> plan(e, d, step, line);
                case "prompt" -> promptKind.put(step, Header.text(d.path("kind")));
                case "answer" -> answer(e, d, step, line);
                case "aws.call" -> call(e, d, step, line);
                case "undo" -> undo(e, d, step, line);
                case "note" -> operator.add(new OperatorEvent(e.ts(), "note", step,
                        "note" + (step == null ? "" : " at " + step) + ": " + d.path("text").asText(""), List.of(), line));
                case "goto" -> operator.add(new OperatorEvent(e.ts(), "goto", step, "went to step " + step, List.of(), line));
                case "run.stop" -> operator.add(new OperatorEvent(e.ts(), "stop", step,
                        "run stopped at " + step + ": " + d.path("reason").asText(""), List.of(), line));
                case "session.end" -> operator.add(new OperatorEvent(e.ts(), "session", null, "session ended", List.of(), line));
                case "seal" -> operator.add(new OperatorEvent(e.ts(), "session", null, "transcript sealed", List.of(), line));
                default -> { }
            }
            end = e.ts();
        }

        void finish() {
            // what the transcript stops in the middle of stays open: say so rather than guess
            for (ChangeBuilder c : openChange.values()) {
                c.state = "running";
            }
            for (UndoBuilder u : openUndo.values()) {
                u.outcome = "running";
            }
            for (StepBuilder s : running.values()) {
                s.state = "running";
            }
        }

        private void stepStart(TranscriptEntry e, JsonNode d, String step, long line) {
            names.put(step, Header.text(d.path("name")));
            StepBuilder s = new StepBuilder(step, names.get(step), Header.text(d.path("section")), Header.text(d.path("kind")),
                    e.ts(), line);
            steps.add(s);
            running.put(step, s);
            lastRun.put(step, s);
            lastChange.remove(step);
        }

        private void stepEnd(TranscriptEntry e, JsonNode d, String step, long line) {
            StepBuilder open = running.remove(step);
            // a second step.end of the same run: items declined after the others ran
            boolean followUp = open == null && lastRun.get(step) != null;
            if (open == null) {
                open = lastRun.get(step);
                if (open == null) {
                    open = new StepBuilder(step, names.get(step), null, null, null, line);
                    steps.add(open);
                    lastRun.put(step, open);
                }
            }
            StepBuilder s = open;
            s.line = line;
            s.ended = e.ts();
            s.state = Header.text(d.path("state"));
            if (d.hasNonNull("reason")) {
                s.reason = d.get("reason").asText();
            }
            if (!followUp) {
                s.summary = Header.text(d.path("summary"));
                s.action = Header.text(d.path("action"));
                d.path("findings").forEach(f -> s.findings.add(new StepRun.Item(f.path("severity").asText("info"),
                        f.path("message").asText(""))));
                d.path("tables").forEach(t -> s.tables.add(table(t)));
                if (d.has("error")) {
                    JsonNode err = d.get("error");
                    s.findings.add(new StepRun.Item("critical", "failed: " + err.path("message").asText(s.reason == null ? "" : s.reason)));
                }
                if (d.has("decision") && s.answer == null) {
                    s.answer = "chose " + d.get("decision").asText();
                }
                found(d.path("data"), Header.text(d.path("action")), step, line);
            }
            ChangeBuilder c = openChange.remove(step);
            if (c == null && followUp && lastChange.get(step) != null) {
                c = lastChange.get(step);
                c.state = s.state;
                c.reason = s.reason;
            } else if (c != null) {
                ChangeBuilder closing = c;
                c.state = s.state;
                c.ended = e.ts();
                c.summary = s.summary;
                c.reason = s.reason;
                d.path("undos").forEach(u -> closing.undos.add(new Change.UndoOffer(u.path("action").asText(),
                        u.path("params").toString())));
                lastChange.put(step, c);
            }
            List<String> regions = c == null ? List.of() : c.regions();
            String why = followUp || s.summary == null ? s.reason : s.summary;
            String text = step + " " + s.state + (why != null ? ": " + why : "");
            operator.add(new OperatorEvent(e.ts(), "step", step, text, regions, line));
        }

        private void plan(TranscriptEntry e, JsonNode d, String step, long line) {
            List<String> planned = new ArrayList<>();
            Set<String> regions = new LinkedHashSet<>();
            d.path("calls").forEach(c -> {
                planned.add(c.path("service").asText() + ":" + c.path("operation").asText() + " in " + c.path("region").asText());
                regions.add(c.path("region").asText());
            });
            Change.PlanItem item = new Change.PlanItem(Header.text(d.path("summary")), Header.text(d.path("target")),
                    Header.text(d.path("item")), planned, List.copyOf(regions));
            if (d.path("undo").asBoolean(false)) {
                ChangeBuilder of = changeToUndo(step, e, line);
                UndoBuilder u = new UndoBuilder(e.ts(), Header.text(d.path("action")), item.summary(), line);
                of.undoRuns.add(u);
                openUndo.put(step, u);
                return;
            }
            ChangeBuilder c = openChange.get(step);
            if (c == null) {
                c = new ChangeBuilder(step, names.get(step), Header.text(d.path("action")), Header.text(d.path("effect")), e.ts(), line);
                changes.add(c);
                openChange.put(step, c);
            }
            c.plans.add(item);
        }

        /**
         * The change an undo of {@code step} reverses: the step's latest change that offered an undo
         * and has not been undone, else its latest change; a placeholder when the record holds none
         * (its plan lies in a part of the file that could not be read).
         */
        private ChangeBuilder changeToUndo(String step, TranscriptEntry e, long line) {
            ChangeBuilder latest = null;
            for (int i = changes.size() - 1; i >= 0; i--) {
                ChangeBuilder c = changes.get(i);
                if (step != null && step.equals(c.step)) {
                    if (latest == null) {
                        latest = c;
                    }
                    if (!c.undos.isEmpty() && c.undoRuns.stream().noneMatch(u -> "done".equals(u.outcome))) {
                        return c;
                    }
                }
            }
            if (latest == null) {
                latest = new ChangeBuilder(step, names.get(step), null, null, e.ts(), line);
                latest.state = "unknown";
                changes.add(latest);
            }
            return latest;
        }

        private void answer(TranscriptEntry e, JsonNode d, String step, long line) {
            String kind = Header.text(d.path("kind"));
            promptKind.remove(step);
            switch (kind == null ? "" : kind) {
                case "manual" -> {
                    StepBuilder s = running.get(step);
                    String answer = d.path("answer").asText("no answer");
                    String note = Header.text(d.path("note"));
                    if (s != null) {
                        s.answer = answer;
                        if (note != null && !note.isBlank()) {
                            s.notes.add(note);
                        }
                    }
                    operator.add(new OperatorEvent(e.ts(), "answer", step, "answered " + step + ": " + answer
                            + (note == null || note.isBlank() ? "" : " — " + note), List.of(), line));
                }
                case "decision" -> {
                    StepBuilder s = running.get(step);
                    String choice = Header.text(d.path("answer"));
                    boolean accepted = d.path("accepted").asBoolean(false);
                    String text = choice == null ? "no answer" : accepted ? "chose " + choice : "answered '" + choice + "', not a choice";
                    if (s != null) {
                        s.answer = text;
                    }
                    operator.add(new OperatorEvent(e.ts(), "answer", step, "decision " + step + ": " + text, List.of(), line));
                }
                default -> {
                    boolean lockout = "lockout".equals(kind);
                    boolean approved = lockout ? d.path("forced").asBoolean(false) : d.path("approved").asBoolean(false);
                    Change.Approval a = new Change.Approval(e.ts(), kind, Header.text(d.path("typed")), approved);
                    UndoBuilder u = openUndo.get(step);
                    ChangeBuilder c = openChange.get(step);
                    if (u != null) {
                        u.approvals.add(a);
                    } else if (c != null) {
                        c.approvals.add(a);
                    }
                    String what = u != null ? "the undo of " + step : kind + " " + step;
                    String text = (lockout ? (approved ? "overrode the lock-out warning for " : "did not override the lock-out warning for ")
                            : approved ? "approved " : "did not approve ") + what + ": " + a.describe();
                    operator.add(new OperatorEvent(e.ts(), "approval", step, text, List.of(), line));
                }
            }
        }

        private void call(TranscriptEntry e, JsonNode d, String step, long line) {
            CallRecord c = new CallRecord(e.ts(), d.path("service").asText("?"), d.path("operation").asText("?"),
                    d.path("region").asText("?"), d.path("outcome").asText("?"), d.path("httpStatus").asInt(0),
                    Header.text(d.path("errorCode")), Header.text(d.path("errorMessage")), Header.text(d.path("requestId")),
                    d.path("durationMillis").asLong(0), step, line);
            calls.add(c);
            if (step == null) {
                return;
            }
            UndoBuilder u = openUndo.get(step);
            if (u != null) {
                u.calls.add(c);
                return;
            }
            ChangeBuilder ch = openChange.get(step);
            if (ch != null) {
                ch.calls.add(c);
            }
        }

        private void undo(TranscriptEntry e, JsonNode d, String step, long line) {
            UndoBuilder u = openUndo.remove(step);
            if (u == null) {
                ChangeBuilder of = changeToUndo(step, e, line);
                u = new UndoBuilder(e.ts(), Header.text(d.path("action")), null, line);
                of.undoRuns.add(u);
            }
            u.time = e.ts();
            u.line = line;
            u.outcome = d.path("outcome").asText("unknown");
            u.summary = Header.text(d.path("summary"));
            u.reason = d.has("error") ? d.get("error").path("message").asText() : Header.text(d.path("reason"));
            if (d.hasNonNull("action")) {
                u.action = d.get("action").asText();
            }
            Set<String> regions = new LinkedHashSet<>();
            u.calls.stream().filter(c -> c.write() && c.ok()).forEach(c -> regions.add(c.region()));
            String text = switch (u.outcome) {
                case "done" -> "undid " + step + (u.summary == null ? "" : ": " + u.summary);
                case "failed" -> "undo of " + step + " failed: " + u.reason;
                default -> "undo of " + step + " " + u.outcome + (u.reason == null ? "" : ": " + u.reason);
            };
            operator.add(new OperatorEvent(e.ts(), "undo", step, text, List.copyOf(regions), line));
        }

        // -------------------------------------------------------------- found activity

        /** Activity in a step's result: CloudTrail events, identities created, instances and resources found. */
        private void found(JsonNode data, String action, String step, long line) {
            foundIn(data, action, step, line);
            data.path("results").forEach(r -> foundIn(r.path("data"), action, step, line));
        }

        private void foundIn(JsonNode data, String action, String step, long line) {
            data.path("events").forEach(ev -> event(ev, step, line));
            String a = action == null ? "" : action;
            switch (a) {
                case "iam.recentIdentities" -> {
                    identities(data.path("users"), "user", step, line);
                    identities(data.path("roles"), "role", step, line);
                    identities(data.path("policies"), "policy", step, line);
                }
                case "ec2.findInstance" -> {
                    if (data.path("found").asBoolean(false)) {
                        add("instance:" + data.path("instanceId").asText(), instant(data.path("launchTime")), "instance launched",
                                data.path("region").asText(null), "instance " + data.path("instanceId").asText() + " launched ("
                                        + data.path("instanceType").asText("?") + ", now " + data.path("state").asText("?") + ")",
                                null, null, null, null, null, true, data.path("instanceId").asText(), step, line);
                    }
                }
                case "inventory.allRegions" -> data.path("resources").forEach(r -> {
                    if (r.path("new").asBoolean(false)) {
                        String type = r.path("type").asText("resource");
                        add(type + ":" + r.path("id").asText(), instant(r.path("created")), "resource created",
                                r.path("region").asText(null), type + " " + r.path("id").asText() + " created"
                                        + (r.hasNonNull("size") ? " (" + r.get("size").asText() + ")" : "")
                                        + (r.hasNonNull("detail") ? ": " + r.get("detail").asText() : ""),
                                null, null, null, null, null, true, r.path("id").asText(), step, line);
                    }
                });
                default -> { }
            }
        }

        private void event(JsonNode ev, String step, long line) {
            Instant t = instant(ev.path("eventTime"));
            if (t == null) {
                return;
            }
            String id = ev.path("eventId").asText(ev.toString());
            String key = Header.text(ev.path("accessKeyId"));
            if (key != null && key.equals(header.callerAccessKeyId()) && start != null && !t.isBefore(start.minusSeconds(5))) {
                ownEvents.add(id);      // this session's own call, already in the AWS calls table
                return;
            }
            List<String> resources = new ArrayList<>();
            ev.path("resources").forEach(r -> resources.add(r.path("name").asText()));
            Boolean write = ev.has("readOnly") && !ev.get("readOnly").isNull() ? !ev.get("readOnly").asBoolean() : null;
            String who = Header.text(ev.path("username"));
            if (who == null) {
                who = Header.text(ev.path("userIdentityArn"));
            }
            add("event:" + id, t, "CloudTrail", Header.text(ev.path("region")), Header.text(ev.path("eventName")), who, key,
                    Header.text(ev.path("sourceIp")), Header.text(ev.path("userAgent")), Header.text(ev.path("errorCode")),
                    write, String.join(", ", resources), step, line);
        }

        private void identities(JsonNode list, String type, String step, long line) {
            list.forEach(i -> add(type + ":" + i.path("arn").asText(i.path("name").asText()), instant(i.path("created")),
                    "identity created", "global", type + " " + i.path("name").asText() + " created", null, null, null, null,
                    null, true, i.path("arn").asText(null), step, line));
        }

        private void add(String key, Instant time, String kind, String region, String what, String who, String accessKeyId,
                         String sourceIp, String userAgent, String errorCode, Boolean write, String resources, String step,
                         long line) {
            if (time == null) {
                return;
            }
            FoundBuilder f = found.get(key);
            if (f == null) {
                f = new FoundBuilder(new Found(time, kind, region == null || region.equals("aws-global") ? "global" : region,
                        what == null ? "?" : what, who, accessKeyId, sourceIp, userAgent, errorCode, write, resources,
                        List.of(), line));
                found.put(key, f);
            }
            if (step != null) {
                f.foundBy.add(step);
            }
        }

        private static Instant instant(JsonNode n) {
            if (n == null || !n.isTextual()) {
                return null;
            }
            try {
                return Instant.parse(n.textValue());
            } catch (RuntimeException e) {
                return null;
            }
        }

        private static Table table(JsonNode t) {
            List<String> columns = new ArrayList<>();
            t.path("columns").forEach(c -> columns.add(c.asText()));
            List<List<String>> rows = new ArrayList<>();
            t.path("rows").forEach(r -> {
                List<String> row = new ArrayList<>();
                r.forEach(c -> row.add(c.isNull() ? "" : c.asText()));
                rows.add(row);
            });
            Set<Integer> highlighted = new HashSet<>();
            t.path("highlighted").forEach(h -> highlighted.add(h.asInt()));
            return new Table(t.path("title").asText(""), columns, rows, highlighted);
        }

        private static String orUnknown(String s) {
            return s == null ? "(unknown)" : s;
        }
    }

    private static final class StepBuilder {
        final String id;
        final String name;
        final String section;
        final String kind;
        final Instant started;
        Instant ended;
        String action;
        String state;
        String summary;
        String reason;
        String answer;
        long line;
        final List<StepRun.Item> findings = new ArrayList<>();
        final List<Table> tables = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        StepBuilder(String id, String name, String section, String kind, Instant started, long line) {
            this.id = id;
            this.name = name;
            this.section = section;
            this.kind = kind;
            this.started = started;
            this.line = line;
        }

        StepRun build() {
            return new StepRun(id, name, section, kind, action, started, ended, state == null ? "running" : state, summary,
                    reason, findings, tables, notes, answer, line);
        }
    }

    private static final class ChangeBuilder {
        final String step;
        final String name;
        final String action;
        final String effect;
        final Instant planned;
        final long line;
        final List<Change.PlanItem> plans = new ArrayList<>();
        final List<Change.Approval> approvals = new ArrayList<>();
        final List<CallRecord> calls = new ArrayList<>();
        final List<Change.UndoOffer> undos = new ArrayList<>();
        final List<UndoBuilder> undoRuns = new ArrayList<>();
        String state;
        Instant ended;
        String summary;
        String reason;

        ChangeBuilder(String step, String name, String action, String effect, Instant planned, long line) {
            this.step = step;
            this.name = name;
            this.action = action;
            this.effect = effect;
            this.planned = planned;
            this.line = line;
        }

        List<String> regions() {
            return build().regions();
        }

        Change build() {
            return new Change(step, name, action, effect, planned, plans, approvals, calls, state == null ? "running" : state,
                    ended, summary, reason, undos, undoRuns.stream().map(UndoBuilder::build).toList(), line);
        }
    }

    private static final class UndoBuilder {
        final String plan;
        final List<Change.Approval> approvals = new ArrayList<>();
        final List<CallRecord> calls = new ArrayList<>();
        Instant time;
        String action;
        String outcome;
        String summary;
        String reason;
        long line;

        UndoBuilder(Instant time, String action, String plan, long line) {
            this.time = time;
            this.action = action;
            this.plan = plan;
            this.line = line;
        }

        Change.UndoRun build() {
            return new Change.UndoRun(time, action, plan, approvals, calls, outcome == null ? "running" : outcome, summary,
                    reason, line);
        }
    }

    private static final class FoundBuilder {
        final Found first;
        final Set<String> foundBy = new LinkedHashSet<>();

        FoundBuilder(Found first) {
            this.first = first;
        }

        Found build() {
            return new Found(first.time(), first.kind(), first.region(), first.what(), first.who(), first.accessKeyId(),
                    first.sourceIp(), first.userAgent(), first.errorCode(), first.write(), first.resources(),
                    List.copyOf(foundBy), first.line());
        }
    }
}
