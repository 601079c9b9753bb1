package dev.irshell.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.action.ActionCatalogue;
import dev.irshell.transcript.TranscriptEntry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recorded session standing in for AWS (irshell --replay FILE): a runbook runs as usual, every
 * AWS answer comes from the recording, and the new session's own transcript records in its header
 * that it is a replay of this transcript, with its digest. The caller identity and region are the
 * recording's; inputs not given default to the recorded ones, and relative times (-30d) count back
 * from when the recording started, so the same runbook resolves to the same parameters.
 */
public final class ReplaySource {
    private final Recording recording;

    private ReplaySource(Recording recording) {
        this.recording = recording;
    }

    public static ReplaySource load(Path fileOrFolder) {
        return new ReplaySource(Recording.load(fileOrFolder));
    }

    public Recording recording() {
        return recording;
    }

    public ActionCatalogue catalogue() {
        return ReplayCatalogue.of(recording);
    }

    /** "REPLAY of SANDBOX leaked-key-cryptomining": shown in the prompt, the header and every confirmation. */
    public String environment() {
        return "REPLAY of " + recording.environment();
    }

    /** What the new session's header records: mode.replay names the source transcript and its digest. */
    public ObjectNode headerFields() {
        ObjectNode f = JsonNodeFactory.instance.objectNode();
        ObjectNode r = f.putObject("mode").putObject("replay");
        r.put("transcript", recording.file().toAbsolutePath().normalize().toString());
        r.put("digest", recording.digest());
        r.put("sessionId", recording.sessionId());
        r.put("runbook", recording.runbookId());
        r.put("runbookSha256", recording.header().path("runbook").path("sha256").asText(null));
        r.put("verified", recording.verify().status().name().toLowerCase(java.util.Locale.ROOT));
        return f;
    }

    /** The recorded inputs, with {@code given} taking precedence. */
    public Map<String, String> inputs(Map<String, String> given) {
        Map<String, String> in = new LinkedHashMap<>();
        recording.inputs().fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (!v.isNull()) {
                in.put(e.getKey(), v.isTextual() ? v.asText() : v.toString());
            }
        });
        in.putAll(given);
        return in;
    }

    /** The clock relative inputs resolve against: the recording's start. */
    public Clock inputClock() {
        return Clock.fixed(recording.started(), ZoneOffset.UTC);
    }

    /** Labels of the secrets the recording showed once at this step (never recorded, so never replayed). */
    public List<String> secretsShownOnce(String step) {
        List<String> labels = new ArrayList<>();
        for (TranscriptEntry e : recording.entries()) {
            if (e.type().equals("step.end") && e.data().path("step").asText("").equals(step)) {
                labels.clear();
                e.data().path("secretsShownOnce").forEach(l -> labels.add(l.asText()));
            }
        }
        return labels;
    }

    /**
     * When the runbook run now is not the one recorded (another id, or the same id changed since), a
     * line saying so: differences in the comparison may then come from the runbook, not the operator.
     */
    public java.util.Optional<String> runbookDiffers(dev.irshell.runbook.Runbook rb) {
        JsonNode recorded = recording.header().path("runbook");
        String id = recorded.path("id").asText("?");
        String sha = recorded.path("sha256").asText("");
        if (rb.id().equals(id) && rb.sha256().equals(sha)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("the recording ran runbook " + id + " v" + recorded.path("version").asText("?")
                + " (sha256 " + sha + "); this run is " + rb.id() + " v" + rb.version() + " (sha256 " + rb.sha256()
                + "): differences may come from the runbook as well as from the operator's choices");
    }

    /** For the operator before the run: what is replayed and whether it verifies. */
    public String describe() {
        String line = "replaying against " + recording.file() + " (session " + recording.sessionId() + ", "
                + recording.verify().describe().lines().findFirst().orElse("") + "): no AWS call is made";
        return recording.verify().ok() ? line : line + "\nWARNING: this recording does not verify; answers served from"
                + " it cannot be trusted (the new transcript's header records mode.replay.verified="
                + recording.verify().status().name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
