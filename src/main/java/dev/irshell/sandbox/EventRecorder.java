package dev.irshell.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes CloudTrail management events into event history, for calls made to the sandbox and for
 * the scenario's timeline alike. Secrets (passwords, secret keys, session tokens) never enter a
 * record.
 */
final class EventRecorder {
    private static final Set<String> ALWAYS_SECRET = Set.of(
            "password", "newpassword", "oldpassword", "secretaccesskey", "sessiontoken", "privatekey");

    private final SandboxState state;
    private final Ids ids;

    EventRecorder(SandboxState state, Ids ids) {
        this.state = state;
        this.ids = ids;
    }

    /** What happened, in the terms of a CloudTrail record. */
    record Happening(
            String eventName,
            String eventSource,
            String region,
            Instant time,
            boolean readOnly,
            Principal principal,
            String sourceIp,
            String userAgent,
            JsonNode requestParameters,
            JsonNode responseElements,
            String errorCode,
            String errorMessage,
            List<TrailEvent.Resource> resources,
            String requestId,
            String eventType,
            String apiVersion) {
    }

    TrailEvent record(Happening h) {
        String eventId = ids.uuid();
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("eventVersion", "1.09");
        r.set("userIdentity", h.principal().userIdentity());
        r.put("eventTime", Times.iso(h.time()));
        r.put("eventSource", h.eventSource());
        r.put("eventName", h.eventName());
        r.put("awsRegion", h.region());
        r.put("sourceIPAddress", h.sourceIp());
        r.put("userAgent", h.userAgent());
        if (h.errorCode() != null) {
            r.put("errorCode", h.errorCode());
            r.put("errorMessage", h.errorMessage());
        }
        r.set("requestParameters", redact(h.requestParameters(), Set.of()));
        r.set("responseElements", redact(h.responseElements(), Set.of()));
        if (h.requestId() != null) {
            r.put("requestID", h.requestId());
        }
        r.put("eventID", eventId);
        r.put("readOnly", h.readOnly());
        if (!h.resources().isEmpty()) {
            ArrayNode resources = r.putArray("resources");
            for (TrailEvent.Resource res : h.resources()) {
                ObjectNode n = resources.addObject();
                n.put("type", res.type());
                if (res.name().startsWith("arn:")) {
                    n.put("ARN", res.name());
                } else {
                    n.put("resourceName", res.name());
                }
            }
        }
        r.put("eventType", h.eventType());
        if (h.apiVersion() != null) {
            r.put("apiVersion", h.apiVersion());
        }
        r.put("managementEvent", true);
        r.put("recipientAccountId", state.accountId());
        r.put("eventCategory", "Management");
        TrailEvent event = new TrailEvent(eventId, h.eventName(), h.eventSource(), h.region(), h.time(), h.readOnly(),
                h.principal().accessKeyId(), h.principal().lookupUsername(), h.resources(), h.errorCode(), r,
                state.nextSequence());
        state.addEvent(event);
        return event;
    }

    /**
     * CloudTrail's rendering of request or response data: lowerCamel names, secret-looking
     * fields removed, empty objects as null.
     */
    static JsonNode redact(JsonNode node, Set<String> extraSecrets) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return JsonNodeFactory.instance.nullNode();
        }
        JsonNode out = camel(node, extraSecrets);
        return out.isObject() && out.isEmpty() ? JsonNodeFactory.instance.nullNode() : out;
    }

    private static JsonNode camel(JsonNode node, Set<String> extraSecrets) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                String lower = f.getKey().toLowerCase(Locale.ROOT);
                if (ALWAYS_SECRET.contains(lower) || extraSecrets.contains(f.getKey())) {
                    continue;
                }
                out.set(Call.lowerFirst(f.getKey()), camel(f.getValue(), extraSecrets));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> out.add(camel(item, extraSecrets)));
            return out;
        }
        return node;
    }
}
