package dev.irshell.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** CloudTrail (JSON 1.1, 2013-11-01): event history lookups. */
final class CloudTrailService extends ServiceHandler {
    static final Duration RETENTION = Duration.ofDays(90);
    static final int MAX_RESULTS = 50;
    /** LookupEvents: 2 requests per second per account per region. */
    static final int LOOKUPS_PER_SECOND = 2;

    private final Map<String, Deque<Instant>> recentLookups = new HashMap<>();

    CloudTrailService() {
        super("cloudtrail", JsonCodec.INSTANCE);
        register("LookupEvents", READ, this::lookupEvents);
    }

    @Override
    String jsonTargetPrefix() {
        return "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101";
    }

    private ObjectNode lookupEvents(Call call) {
        throttle(call);
        JsonNode attributes = call.node("LookupAttributes");
        if (attributes.size() > 1) {
            throw AwsError.invalidLookupAttributes("You can specify only one lookup attribute.");
        }
        Predicate<TrailEvent> filter = e -> true;
        if (attributes.size() == 1) {
            filter = attributeFilter(attributes.get(0));
        }
        String category = call.str("EventCategory");
        if (category != null && !category.equals("insight")) {
            throw new AwsError(400, "InvalidEventCategoryException", "Event category " + category + " is not valid.");
        }
        Instant earliest = call.now.minus(RETENTION);
        Instant start = epoch(call, "StartTime");
        Instant end = epoch(call, "EndTime");
        if (start != null && end != null && start.isAfter(end)) {
            throw AwsError.invalidTimeRange("Start time must be before end time.");
        }
        Instant from = start == null || start.isBefore(earliest) ? earliest : start;
        Instant to = end == null ? call.now : end;
        Integer max = call.integer("MaxResults");
        if (max != null && (max < 1 || max > MAX_RESULTS)) {
            throw AwsError.invalidMaxResults("Value " + max + " for MaxResults is invalid. It must be between 1 "
                    + "and " + MAX_RESULTS + ".");
        }
        int size = max == null ? MAX_RESULTS : max;

        long fingerprint = fingerprint(call);
        long asOf = call.state.lastSequence();
        int offset = 0;
        String token = call.str("NextToken");
        if (token != null) {
            long[] t = Pages.decode("ct", token, 3);
            if (t == null || t[2] != fingerprint) {
                throw AwsError.invalidNextToken("Invalid NextToken. The NextToken must be used with the same "
                        + "parameters as the request that returned it.");
            }
            asOf = t[0];
            offset = (int) t[1];
        }
        long snapshot = asOf;
        Predicate<TrailEvent> all = filter.and(e -> e.sequence() <= snapshot)
                .and(e -> !e.eventTime().isBefore(from) && !e.eventTime().isAfter(to));
        List<TrailEvent> matching = call.state.events(call.region).stream().filter(all).toList();
        if (offset > matching.size()) {
            throw AwsError.invalidNextToken("Invalid NextToken.");
        }
        int endIndex = Math.min(matching.size(), offset + size);
        ObjectNode out = call.object();
        ArrayNode events = out.putArray("Events");
        for (TrailEvent e : matching.subList(offset, endIndex)) {
            events.add(eventNode(call, e));
        }
        if (endIndex < matching.size()) {
            out.put("NextToken", Pages.token("ct", snapshot, endIndex, fingerprint));
        }
        return out;
    }

    /** Refuses a third lookup within one second (by the sandbox clock) in the same region. */
    private void throttle(Call call) {
        Deque<Instant> recent = recentLookups.computeIfAbsent(call.region, r -> new ArrayDeque<>());
        Instant windowStart = call.now.minusSeconds(1);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(windowStart)) {
            recent.pollFirst();
        }
        if (recent.size() >= LOOKUPS_PER_SECOND) {
            throw AwsError.throttlingException("Rate exceeded");
        }
        recent.addLast(call.now);
    }

    private static Predicate<TrailEvent> attributeFilter(JsonNode attribute) {
        String key = attribute.path("AttributeKey").asText("");
        String value = attribute.path("AttributeValue").asText("");
        if (value.isEmpty()) {
            throw AwsError.invalidLookupAttributes("The lookup attribute value must not be empty.");
        }
        return switch (key) {
            case "EventId" -> e -> value.equals(e.eventId());
            case "EventName" -> e -> value.equals(e.eventName());
            case "ReadOnly" -> e -> value.equals(String.valueOf(e.readOnly()));
            case "Username" -> e -> value.equals(e.username());
            case "ResourceType" -> e -> e.resources().stream().anyMatch(r -> value.equals(r.type()));
            case "ResourceName" -> e -> e.resources().stream().anyMatch(r -> value.equals(r.name()));
            case "EventSource" -> e -> value.equals(e.eventSource());
            case "AccessKeyId" -> e -> value.equals(e.accessKeyId());
            default -> throw AwsError.invalidLookupAttributes("Lookup attribute key " + key + " is not valid. Valid "
                    + "keys: EventId, EventName, ReadOnly, Username, ResourceType, ResourceName, EventSource, "
                    + "AccessKeyId.");
        };
    }

    private static Instant epoch(Call call, String name) {
        JsonNode n = call.node(name);
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        if (!n.isNumber()) {
            throw new AwsError(400, "SerializationException", "Invalid timestamp for " + name);
        }
        return Instant.ofEpochMilli(Math.round(n.asDouble() * 1000));
    }

    /** Ties a NextToken to the request that returned it: same attributes, times and category. */
    private static long fingerprint(Call call) {
        return (call.node("LookupAttributes").toString() + "|" + call.node("StartTime") + "|"
                + call.node("EndTime") + "|" + call.node("EventCategory") + "|" + call.region).hashCode() & 0x7fffffffL;
    }

    private static ObjectNode eventNode(Call call, TrailEvent e) {
        ObjectNode n = call.object();
        n.put("EventId", e.eventId());
        n.put("EventName", e.eventName());
        n.put("ReadOnly", String.valueOf(e.readOnly()));
        if (e.accessKeyId() != null) {
            n.put("AccessKeyId", e.accessKeyId());
        }
        n.set("EventTime", call.time(e.eventTime()));
        n.put("EventSource", e.eventSource());
        if (e.username() != null) {
            n.put("Username", e.username());
        }
        ArrayNode resources = n.putArray("Resources");
        for (TrailEvent.Resource r : e.resources()) {
            ObjectNode res = resources.addObject();
            res.put("ResourceType", r.type());
            res.put("ResourceName", r.name());
        }
        try {
            n.put("CloudTrailEvent", JsonCodec.MAPPER.writeValueAsString(e.record()));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
        return n;
    }
}
