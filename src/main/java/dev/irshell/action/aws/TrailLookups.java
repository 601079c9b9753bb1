package dev.irshell.action.aws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsRequest;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

/**
 * One CloudTrail LookupEvents query in one region, following NextToken with otherwise identical
 * parameters, up to a number of events. Pacing (2 requests/s per region) is the clients' job
 * ({@link RateLimitInterceptor}); parsing is {@link LookupEventsAction.TrailEvent}'s.
 */
final class TrailLookups {
    static final int PAGE_SIZE = 50;

    /** The events of one region (most recent first) and whether more were left unread. */
    record RegionEvents(List<LookupEventsAction.TrailEvent> events, boolean truncated) {}

    private TrailLookups() {}

    static RegionEvents lookup(AwsClientSource clients, String region, String attribute, String value,
                               Instant start, Instant end, int maxEvents) {
        List<LookupEventsAction.TrailEvent> out = new ArrayList<>();
        String token = null;
        LookupEventsRequest base = LookupEventsRequest.builder()
                .lookupAttributes(a -> a.attributeKey(attribute).attributeValue(value))
                .startTime(start).endTime(end).maxResults(PAGE_SIZE).build();
        do {
            LookupEventsRequest req = token == null ? base : base.toBuilder().nextToken(token).build();
            LookupEventsResponse page = clients.calls().call("cloudtrail", "LookupEvents", region,
                    () -> clients.cloudTrail(region).lookupEvents(req));
            for (Event e : page.events()) {
                out.add(LookupEventsAction.TrailEvent.of(e, region));
            }
            token = page.nextToken() == null || page.nextToken().isBlank() ? null : page.nextToken();
        } while (token != null && out.size() < maxEvents);
        boolean truncated = token != null || out.size() > maxEvents;
        return new RegionEvents(out.size() > maxEvents ? out.subList(0, maxEvents) : out, truncated);
    }
}
