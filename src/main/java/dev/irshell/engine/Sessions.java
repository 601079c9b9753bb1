package dev.irshell.engine;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.action.ActionCatalogue;
import dev.irshell.action.ActionContext;
import dev.irshell.runbook.Runbook;
import dev.irshell.transcript.Artifacts;
import dev.irshell.transcript.OperatorKey;
import dev.irshell.transcript.Redactor;
import dev.irshell.transcript.TranscriptWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;

/** Starts sessions: the evidence folder, the transcript and its header. */
public final class Sessions {
    private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ActionCatalogue catalogue;
    private final Clock clock;
    private final String toolVersion;
    private final Function<String, Optional<Runbook>> runbooks;
    private final Path keysDir;
    private final ObjectNode headerFields;

    /**
     * @param runbooks finds the runbooks that runbook steps call, by id
     * @param keysDir  where the operator's signing key lives (created on first use)
     */
    public Sessions(ActionCatalogue catalogue, Clock clock, String toolVersion, Function<String, Optional<Runbook>> runbooks,
                    Path keysDir) {
        this(catalogue, clock, toolVersion, runbooks, keysDir, JsonNodeFactory.instance.objectNode());
    }

    private Sessions(ActionCatalogue catalogue, Clock clock, String toolVersion, Function<String, Optional<Runbook>> runbooks,
                     Path keysDir, ObjectNode headerFields) {
        this.catalogue = catalogue;
        this.clock = clock;
        this.toolVersion = toolVersion;
        this.runbooks = runbooks;
        this.keysDir = keysDir;
        this.headerFields = headerFields;
    }

    /**
     * Sessions whose header also records {@code fields} (a replay's source, say); an object field
     * whose name the header already has is merged into it, so {@code {"mode": {"replay": ...}}} adds
     * to the mode.
     */
    public Sessions withHeaderFields(ObjectNode fields) {
        return new Sessions(catalogue, clock, toolVersion, runbooks, keysDir, fields.deepCopy());
    }

    /**
     * Creates {@code <evidenceDir>/<UTC time>-<runbook id>/transcript.jsonl}, writes the header and
     * returns the session, attached to {@code relay} so every AWS call is recorded.
     */
    public Session start(Runbook runbook, ObjectNode inputs, SessionOptions options, CallerIdentity caller,
                         Confirmer confirmer, CallRelay relay, ActionContext.Progress progress) throws IOException {
        String stamp = FOLDER_TIME.format(clock.instant());
        String sessionId = stamp + "-" + HexFormat.of().formatHex(randomBytes(3));
        Path folder = uniqueFolder(options.evidenceDir(), stamp + "-" + runbook.id());
        OperatorKey key = OperatorKey.loadOrCreate(keysDir);
        TranscriptWriter writer = TranscriptWriter.create(folder.resolve("transcript.jsonl"), new Redactor(), clock);
        ObjectNode header = header(runbook, inputs, options, caller, sessionId);
        header.set("signer", signer(key));
        writer.append("header", header);
        Session session = new Session(StepTree.flatten(runbook, runbooks), inputs, options, caller, catalogue, writer,
                new Artifacts(folder, writer.redactor()), key, confirmer, clock, sessionId, progress);
        relay.attach(session);
        return session;
    }

    /** The id of the runbook a transcript's header names, or "" when its first line is not a header. */
    public static String runbookIdOf(Path transcript) {
        try (java.io.BufferedReader r = Files.newBufferedReader(transcript)) {
            String first = r.readLine();
            com.fasterxml.jackson.databind.JsonNode n = first == null ? null : new com.fasterxml.jackson.databind.ObjectMapper().readTree(first);
            return n != null && "header".equals(n.path("type").asText()) ? n.path("data").path("runbook").path("id").asText("") : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** A resumed session and what the operator must be told about the interruption. */
    public record Resumed(Session session, String interruptedStep, java.util.List<String> interruptedCalls,
                          java.time.Instant cutOffAt, int tornBytes) {}

    /**
     * Goes on with a session that was cut off: checks its chain, rebuilds its state from the
     * entries and reopens the same transcript, appending a {@code session.resume} entry that records
     * the interruption (when, which step was running and the calls it had made, an incomplete last
     * line cut away) and who resumed it with which signing key.
     *
     * @param caller       who the current credentials are; must be in the session's account
     * @param extraOptions the current launch's modes: --read-only and --dry-run add to the session's own
     * @throws ResumeException saying why it cannot be resumed, with the exit code that fits
     */
    public Resumed resume(Path transcript, CallerIdentity caller, SessionOptions extraOptions, Confirmer confirmer,
                          CallRelay relay, ActionContext.Progress progress) throws IOException {
        dev.irshell.transcript.VerifyResult v = dev.irshell.transcript.TranscriptVerifier.verify(transcript);
        switch (v.status()) {
            case OK -> throw new ResumeException(ResumeException.Kind.SEALED, Messages.resumeSealed(transcript, v.finalHash()));
            case BROKEN -> throw new ResumeException(ResumeException.Kind.BROKEN, Messages.resumeBroken(transcript, v.describe()));
            case UNSEALED -> { }
        }
        java.util.List<dev.irshell.transcript.TranscriptEntry> entries = new java.util.ArrayList<>(
                dev.irshell.transcript.TranscriptReader.read(transcript));
        if (entries.isEmpty() || !entries.get(0).type().equals("header")) {
            throw new ResumeException(ResumeException.Kind.BROKEN, Messages.resumeNoHeader(transcript));
        }
        ObjectNode h = entries.get(0).data();
        String runbookId = h.path("runbook").path("id").asText();
        Runbook rb = runbooks.apply(runbookId).orElseThrow(() -> new ResumeException(ResumeException.Kind.MISMATCH,
                Messages.resumeNoRunbook(runbookId)));
        String sha = h.path("runbook").path("sha256").asText();
        if (!sha.equals(rb.sha256())) {
            throw new ResumeException(ResumeException.Kind.MISMATCH, Messages.resumeRunbookChanged(rb, sha));
        }
        String account = h.path("caller").path("account").asText();
        if (!account.equals(caller.account())) {
            throw new ResumeException(ResumeException.Kind.MISMATCH, Messages.resumeOtherAccount(account, caller));
        }
        ObjectNode mode = (ObjectNode) h.path("mode");
        SessionOptions options = new SessionOptions(h.path("profile").asText(null), h.path("region").asText(),
                mode.path("dryRun").asBoolean() || extraOptions.dryRun(), mode.path("readOnly").asBoolean() || extraOptions.readOnly(),
                transcript.toAbsolutePath().getParent().getParent(), mode.path("environment").asText());
        OperatorKey key = OperatorKey.loadOrCreate(keysDir);
        TranscriptWriter writer = TranscriptWriter.reopen(transcript, new Redactor(), clock);
        dev.irshell.transcript.TranscriptEntry last = entries.get(entries.size() - 1);
        if (writer.count() < entries.size()) {
            entries = entries.subList(0, (int) writer.count());
            last = entries.get(entries.size() - 1);
        }
        Session session = new Session(StepTree.flatten(rb, runbooks), (ObjectNode) h.path("inputs").deepCopy(), options, caller,
                catalogue, writer, new Artifacts(transcript.toAbsolutePath().getParent(), writer.redactor()), key, confirmer,
                clock, h.path("sessionId").asText(), progress);
        Session.Interruption cut = session.restore(entries);
        byte[] torn = writer.tornTail();
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.putObject("cutOffAfter").put("seq", last.seq()).put("ts", last.ts().toString()).put("type", last.type());
        n.put("resumedAt", clock.instant().toString());
        if (torn != null) {
            n.putObject("tornTail").put("bytes", torn.length).put("sha256", dev.irshell.transcript.Hashes.sha256Hex(torn))
                    .put("note", "an incomplete last line, cut off mid-write, was removed before going on");
        }
        if (cut != null) {
            n.put("interruptedStep", cut.step());
            cut.calls().forEach(n.withArray("interruptedCalls")::add);
        }
        n.putObject("tool").put("name", "irshell").put("version", toolVersion);
        n.putObject("operator").put("user", System.getProperty("user.name")).put("host", hostName());
        n.putObject("caller").put("account", caller.account()).put("arn", caller.arn()).put("accessKeyId", caller.accessKeyId());
        n.set("signer", signer(key));
        writer.append("session.resume", n);
        relay.attach(session);
        return new Resumed(session, cut == null ? null : cut.step(), cut == null ? java.util.List.of() : cut.calls(),
                last.ts(), torn == null ? 0 : torn.length);
    }

    /** The key that will sign the seal, as the header declares it: the verifier trusts only this one. */
    static ObjectNode signer(OperatorKey key) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("algorithm", OperatorKey.ALGORITHM).put("fingerprint", key.fingerprint()).put("publicKey", key.publicKeyBase64());
        return s;
    }

    private ObjectNode header(Runbook rb, ObjectNode inputs, SessionOptions o, CallerIdentity c, String sessionId) {
        ObjectNode h = JsonNodeFactory.instance.objectNode();
        h.putObject("tool").put("name", "irshell").put("version", toolVersion);
        h.put("sessionId", sessionId);
        h.putObject("runbook").put("id", rb.id()).put("version", rb.version()).put("title", rb.title())
                .put("origin", rb.origin()).put("sha256", rb.sha256());
        h.putObject("operator").put("user", System.getProperty("user.name")).put("host", hostName());
        h.putObject("caller").put("account", c.account()).put("arn", c.arn()).put("userId", c.userId())
                .put("accessKeyId", c.accessKeyId());
        h.put("profile", o.profile());
        h.put("region", o.region());
        h.putObject("mode").put("environment", o.environment()).put("dryRun", o.dryRun()).put("readOnly", o.readOnly());
        h.set("inputs", inputs.deepCopy());
        headerFields.fields().forEachRemaining(f -> {
            if (h.get(f.getKey()) instanceof ObjectNode own && f.getValue().isObject()) {
                own.setAll((ObjectNode) f.getValue().deepCopy());
            } else {
                h.set(f.getKey(), f.getValue().deepCopy());
            }
        });
        return h;
    }

    private static Path uniqueFolder(Path dir, String name) {
        Path p = dir.resolve(name);
        for (int i = 2; Files.exists(p); i++) {
            p = dir.resolve(name + "-" + i);
        }
        return p;
    }

    /** The machine's name for the record of who did something: HOSTNAME, else /etc/hostname, else "unknown". */
    public static String hostName() {
        String h = System.getenv("HOSTNAME");
        if (h != null && !h.isBlank()) {
            return h;
        }
        try {
            return Files.readString(Path.of("/etc/hostname")).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
