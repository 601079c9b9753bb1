package dev.irshell.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who ran the session, against what, with which runbook: the transcript's header entry. Any field
 * may be null when the header is missing or damaged.
 *
 * @param environment "live", "SANDBOX scenario" or "endpoint ..." as the session recorded it
 * @param inputs      the runbook's inputs as given, rendered as text
 */
public record Header(String toolVersion, String sessionId, String runbookId, String runbookVersion, String runbookTitle,
                     String runbookOrigin, String runbookSha256, String operatorUser, String operatorHost, String account,
                     String callerArn, String callerUserId, String callerAccessKeyId, String profile, String region,
                     String environment, boolean dryRun, boolean readOnly, Map<String, String> inputs) {
    public Header {
        inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    }

    static final Header NONE = new Header(null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, false, false, Map.of());

    static Header of(JsonNode h) {
        Map<String, String> inputs = new LinkedHashMap<>();
        h.path("inputs").fields().forEachRemaining(e -> inputs.put(e.getKey(), e.getValue().isNull() ? null
                : e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
        return new Header(text(h.at("/tool/version")), text(h.path("sessionId")), text(h.at("/runbook/id")),
                text(h.at("/runbook/version")), text(h.at("/runbook/title")), text(h.at("/runbook/origin")),
                text(h.at("/runbook/sha256")), text(h.at("/operator/user")), text(h.at("/operator/host")),
                text(h.at("/caller/account")), text(h.at("/caller/arn")), text(h.at("/caller/userId")),
                text(h.at("/caller/accessKeyId")), text(h.path("profile")), text(h.path("region")),
                text(h.at("/mode/environment")), h.at("/mode/dryRun").asBoolean(false),
                h.at("/mode/readOnly").asBoolean(false), inputs);
    }

    /** "sandbox (leaked-key-cryptomining)", "live AWS account", ... plus dry run / read-only. */
    public String modeLabel() {
        String env = environment == null ? "unknown" : environment;
        String where = env.startsWith("SANDBOX") ? "sandbox (simulated account" + (env.length() > 8 ? ": " + env.substring(8) : "")
                + ")" : env.equals("live") ? "live AWS account" : env;
        return where + (dryRun ? ", dry run (nothing changed)" : "") + (readOnly ? ", read-only" : "");
    }

    /** "root@vm" */
    public String operator() {
        if (operatorUser == null && operatorHost == null) {
            return null;
        }
        return (operatorUser == null ? "?" : operatorUser) + "@" + (operatorHost == null ? "?" : operatorHost);
    }

    static String text(JsonNode n) {
        return n == null || n.isMissingNode() || n.isNull() ? null : n.isValueNode() ? n.asText() : n.toString();
    }
}
