package dev.irshell.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * One CloudTrail management event as event history holds it: the lookup fields and the full
 * record ({@code CloudTrailEvent} JSON).
 *
 * @param sequence order of recording, breaks ties between events of the same second
 */
public record TrailEvent(
        String eventId,
        String eventName,
        String eventSource,
        String region,
        Instant eventTime,
        boolean readOnly,
        String accessKeyId,
        String username,
        List<Resource> resources,
        String errorCode,
        ObjectNode record,
        long sequence) {

    public TrailEvent {
        resources = List.copyOf(resources);
    }

    /** A resource named by an event. */
    public record Resource(String type, String name) {
    }

    public String sourceIp() {
        return record.path("sourceIPAddress").asText(null);
    }

    public String userAgent() {
        return record.path("userAgent").asText(null);
    }
}
