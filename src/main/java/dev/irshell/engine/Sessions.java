package dev.irshell.engine;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.action.ActionCatalogue;
import dev.irshell.action.ActionContext;
import dev.irshell.runbook.Runbook;
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
    private final ObjectNode headerFields;

    /** @param runbooks finds the runbooks that runbook steps call, by id */
    public Sessions(ActionCatalogue catalogue, Clock clock, String toolVersion, Function<String, Optional<Runbook>> runbooks) {
        this(catalogue, clock, toolVersion, runbooks, JsonNodeFactory.instance.objectNode());
    }

    private Sessions(ActionCatalogue catalogue, Clock clock, String toolVersion, Function<String, Optional<Runbook>> runbooks,
                     ObjectNode headerFields) {
        this.catalogue = catalogue;
        this.clock = clock;
        this.toolVersion = toolVersion;
        this.runbooks = runbooks;
        this.headerFields = headerFields;
    }

    /**
     * Sessions whose header also records {@code fields} (a replay's source, say); an object field
     * whose name the header already has is merged into it, so {@code {"mode": {"replay": ...}}} adds
     * to the mode.
     */
    public Sessions withHeaderFields(ObjectNode fields) {
        return new Sessions(catalogue, clock, toolVersion, runbooks, fields.deepCopy());
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
        TranscriptWriter writer = TranscriptWriter.create(folder.resolve("transcript.jsonl"), new Redactor(), clock);
        writer.append("header", header(runbook, inputs, options, caller, sessionId));
        Session session = new Session(StepTree.flatten(runbook, runbooks), inputs, options, caller, catalogue, writer,
                confirmer, clock, sessionId, progress);
        relay.attach(session);
        return session;
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

    static String hostName() {
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
