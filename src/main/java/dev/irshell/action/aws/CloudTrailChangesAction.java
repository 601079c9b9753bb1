package dev.irshell.action.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.action.ActionContext;
import dev.irshell.action.ActionResult;
import dev.irshell.action.ActionSpec;
import dev.irshell.action.Effect;
import dev.irshell.action.Finding;
import dev.irshell.action.Params;
import dev.irshell.action.Plan;
import dev.irshell.action.PlannedCall;
import dev.irshell.action.ReadOperations;
import dev.irshell.action.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code cloudtrail.verifyChanges}: for each change this session made in AWS (every successful
 * call that is not a read, as its transcript records it), the CloudTrail event that recorded it,
 * matched by AWS request id, else by the session's User-Agent marker, operation and time. One
 * paged LookupEvents per region and event name covers every call of that name.
 *
 * <p>CloudTrail usually shows an event in its history within about 5 minutes of the call and
 * guarantees no latency, so a change not found yet is a warning to look again, not a failure.
 */
public final class CloudTrailChangesAction extends AwsAction {
    public static final String NAME = "cloudtrail.verifyChanges";
    private static final Duration BEFORE = Duration.ofMinutes(5);
    private static final Duration AFTER = Duration.ofMinutes(30);
    private static final int MAX_EVENTS_PER_QUERY = 1000;

    public CloudTrailChangesAction(AwsClientSource clients) {
        super(clients, new ActionSpec(NAME,
                "Find the CloudTrail event that recorded each change this session made (matched by request id)",
                Effect.READ, List.of(), List.of("cloudtrail:LookupEvents"), null, null, false));
    }

    /** One change call from the transcript. */
    private record Change(Instant ts, String step, String service, String operation, String region, String requestId) {
        /** Where CloudTrail records it: global services (IAM, STS's global endpoint, Organizations) in us-east-1. */
        String trailRegion() {
            return region == null || region.isBlank() || region.equals("aws-global") ? "us-east-1" : region;
        }
    }

    private static List<Change> changes(ActionContext ctx) {
        List<Change> out = new ArrayList<>();
        for (JsonNode e : ctx.history().entries()) {
            JsonNode d = e.path("data");
            if (!"aws.call".equals(e.path("type").asText()) || !"ok".equals(d.path("outcome").asText())
                    || ReadOperations.isRead(d.path("operation").asText())) {
                continue;
            }
            out.add(new Change(Instant.parse(e.path("ts").asText()), d.path("step").asText(null), d.path("service").asText(),
                    d.path("operation").asText(), d.path("region").asText(null), d.path("requestId").asText(null)));
        }
        return out;
    }

    @Override
    public Plan plan(Params params, ActionContext ctx) {
        Map<String, Set<String>> queries = queries(changes(ctx));
        List<PlannedCall> calls = new ArrayList<>();
        queries.forEach((region, names) -> names.forEach(n -> calls.add(new PlannedCall("cloudtrail", "LookupEvents", region,
                Json.obj("LookupAttributes", Json.array().add(Json.obj("AttributeKey", "EventName", "AttributeValue", n)))))));
        return new Plan("look up, in CloudTrail's event history, the event of each change this session made", calls, null);
    }

    private static Map<String, Set<String>> queries(List<Change> changes) {
        Map<String, Set<String>> q = new LinkedHashMap<>();
        changes.forEach(c -> q.computeIfAbsent(c.trailRegion(), r -> new java.util.LinkedHashSet<>()).add(c.operation()));
        return q;
    }

    @Override
    public ActionResult execute(Params params, ActionContext ctx) {
        List<Change> changes = changes(ctx);
        String marker = "irshell-session/" + ctx.sessionId();
        if (changes.isEmpty()) {
            return new ActionResult(Json.obj("changes", Json.array(), "matched", 0, "missing", 0),
                    "this session has made no change in AWS yet, so there is nothing to find in CloudTrail",
                    List.of(), List.of(), List.of());
        }
        Instant now = ctx.clock().instant();
        Map<String, List<LookupEventsAction.TrailEvent>> byQuery = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> q : queries(changes).entrySet()) {
            for (String name : q.getValue()) {
                List<Change> mine = changes.stream().filter(c -> c.trailRegion().equals(q.getKey()) && c.operation().equals(name)).toList();
                Instant start = mine.stream().map(Change::ts).min(Instant::compareTo).orElseThrow().minus(BEFORE);
                Instant last = mine.stream().map(Change::ts).max(Instant::compareTo).orElseThrow().plus(AFTER);
                Instant end = last.isAfter(now) ? now : last;
                byQuery.put(q.getKey() + " " + name, TrailLookups.lookup(clients, q.getKey(), "EventName", name, start, end,
                        MAX_EVENTS_PER_QUERY).events());
            }
        }
        ArrayNode list = Json.array();
        List<List<String>> rows = new ArrayList<>();
        Set<Integer> missingRows = new HashSet<>();
        Set<String> used = new HashSet<>();
        int matched = 0;
        for (Change c : changes) {
            List<LookupEventsAction.TrailEvent> candidates = byQuery.getOrDefault(c.trailRegion() + " " + c.operation(), List.of());
            LookupEventsAction.TrailEvent hit = null;
            String how = null;
            if (c.requestId() != null) {
                hit = candidates.stream().filter(e -> c.requestId().equals(e.requestId()) && !used.contains(e.eventId()))
                        .findFirst().orElse(null);
                how = hit == null ? null : "request id";
            }
            if (hit == null) {
                hit = candidates.stream().filter(e -> !used.contains(e.eventId()) && e.userAgent() != null
                                && e.userAgent().contains(marker) && e.time() != null
                                && Duration.between(c.ts(), e.time()).abs().compareTo(Duration.ofMinutes(2)) <= 0)
                        .findFirst().orElse(null);
                how = hit == null ? null : "session marker and time";
            }
            ObjectNode n = Json.obj("time", c.ts(), "step", c.step(), "service", c.service(), "operation", c.operation(),
                    "region", c.trailRegion(), "requestId", c.requestId());
            if (hit != null) {
                used.add(hit.eventId());
                matched++;
                boolean tagged = hit.userAgent() != null && hit.userAgent().contains(marker);
                n.put("eventId", hit.eventId()).put("eventTime", String.valueOf(hit.time())).put("matchedBy", how)
                        .put("userAgentMarker", tagged);
                rows.add(List.of(String.valueOf(c.ts()), c.service() + ":" + c.operation(), c.trailRegion(),
                        nz(c.requestId()), hit.eventId(), String.valueOf(hit.time()), how + (tagged ? ", marker" : "")));
            } else {
                n.putNull("eventId");
                missingRows.add(rows.size());
                rows.add(List.of(String.valueOf(c.ts()), c.service() + ":" + c.operation(), c.trailRegion(),
                        nz(c.requestId()), "not found yet", "", ""));
            }
            list.add(n);
        }
        int missing = changes.size() - matched;
        List<Finding> findings = new ArrayList<>();
        if (missing > 0) {
            findings.add(Finding.warn(missing + " of " + changes.size() + " change(s) have no CloudTrail event yet. CloudTrail "
                    + "usually shows an event within about 5 minutes but guarantees no delay: run this again later; an event "
                    + "still missing after an hour is worth raising with AWS Support"));
        } else {
            findings.add(Finding.info("every change this session made is in CloudTrail, matched to its event"));
        }
        Table t = new Table("Changes and the CloudTrail events that recorded them",
                List.of("When", "Call", "Trail region", "Request id", "Event id", "Event time", "Matched by"), rows, missingRows);
        return new ActionResult(Json.obj("changes", list, "matched", matched, "missing", missing, "marker", marker),
                matched + " of " + changes.size() + " change(s) found in CloudTrail", List.of(t), findings, List.of());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
