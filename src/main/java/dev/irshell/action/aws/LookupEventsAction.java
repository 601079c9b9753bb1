package dev.irshell.action.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.action.ActionContext;
import dev.irshell.action.ActionFailure;
import dev.irshell.action.ActionResult;
import dev.irshell.action.ActionSpec;
import dev.irshell.action.Effect;
import dev.irshell.action.Finding;
import dev.irshell.action.ParamKind;
import dev.irshell.action.ParamSpec;
import dev.irshell.action.Params;
import dev.irshell.action.Plan;
import dev.irshell.action.PlannedCall;
import dev.irshell.action.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.Resource;

/**
 * {@code cloudtrail.lookupEvents}: CloudTrail event history (last 90 days) for one lookup
 * attribute, in one region (plus us-east-1 for IAM/STS activity of a user or key) or in every
 * enabled region, merged most recent first.
 */
public final class LookupEventsAction extends AwsAction {
    public static final String NAME = "cloudtrail.lookupEvents";
    static final List<String> ATTRIBUTES = List.of(
            "EventId", "EventName", "ReadOnly", "Username", "ResourceType", "ResourceName", "EventSource", "AccessKeyId");
    /** Event names that, in the hands of whoever holds stolen keys, need the responder's eyes at once. */
    static final List<String> CRITICAL_EVENTS = List.of(
            "RunInstances", "CreateUser", "CreateAccessKey", "CreateLoginProfile", "AttachUserPolicy", "PutUserPolicy",
            "CreateRole", "AuthorizeSecurityGroupIngress", "TerminateInstances", "StopInstances", "StartInstances",
            "ModifyInstanceAttribute");
    static final Duration HISTORY = TrailWindow.HISTORY;
    static final int PAGE_SIZE = TrailLookups.PAGE_SIZE;
    static final int DEFAULT_MAX_EVENTS = 500;
    static final String GLOBAL_EVENTS_REGION = "us-east-1";

    private final int threads;

    public LookupEventsAction(AwsClientSource clients) {
        this(clients, RegionFanOut.DEFAULT_THREADS);
    }

    LookupEventsAction(AwsClientSource clients, int threads) {
        super(clients, new ActionSpec(NAME, "Look up CloudTrail event history (last 90 days) by one attribute",
                Effect.READ,
                List.of(ParamSpec.required("attribute", ParamKind.TEXT, "one of " + String.join(", ", ATTRIBUTES)),
                        ParamSpec.required("value", ParamKind.TEXT, "the value to look up, e.g. an access key id"),
                        ParamSpec.optional("region", ParamKind.REGION, "region to search (default: the session's)"),
                        ParamSpec.optional("allRegions", ParamKind.TEXT, "true to search every enabled region"),
                        ParamSpec.optional("start", ParamKind.DATETIME, "earliest event time (default: 90 days ago)"),
                        ParamSpec.optional("end", ParamKind.DATETIME, "latest event time (default: now)"),
                        ParamSpec.optional("eventNames", ParamKind.LIST, "keep only these event names"),
                        ParamSpec.optional("maxEvents", ParamKind.INTEGER,
                                "most events read per region (default " + DEFAULT_MAX_EVENTS + ")")),
                List.of("cloudtrail:LookupEvents", "ec2:DescribeRegions"), null, null, false));
        this.threads = threads;
    }

    /** The checked parameters of one run. */
    record Query(String attribute, String value, List<String> regions, boolean allRegions, boolean addedGlobal,
                 Instant start, Instant end, boolean clamped, Set<String> eventNames, int maxEvents) {}

    Query query(Params params, ActionContext ctx, boolean resolveRegions) {
        String attribute = canonicalAttribute(params.string("attribute"));
        String value = params.string("value");
        boolean all = ParamChecks.bool(params, "allRegions", false);
        TrailWindow window = TrailWindow.of(params, now(ctx));
        int max = params.optInt("maxEvents").orElse(DEFAULT_MAX_EVENTS);
        if (max < 1) {
            throw ActionFailure.invalidParam("maxEvents", "a whole number of at least 1", String.valueOf(max));
        }
        Set<String> names = new LinkedHashSet<>(ParamChecks.list(params, "eventNames"));
        List<String> regions = new ArrayList<>();
        boolean addedGlobal = false;
        if (all) {
            if (resolveRegions) {
                regions.addAll(clients.enabledRegions());
            }
        } else {
            String region = ParamChecks.optRegion(params, "region").orElse(sessionRegion(ctx));
            regions.add(region);
            if ((attribute.equals("Username") || attribute.equals("AccessKeyId")) && !region.equals(GLOBAL_EVENTS_REGION)) {
                regions.add(GLOBAL_EVENTS_REGION);
                addedGlobal = true;
            }
        }
        return new Query(attribute, value, regions, all, addedGlobal, window.start(), window.end(), window.clamped(),
                names, max);
    }

    static String canonicalAttribute(String given) {
        for (String a : ATTRIBUTES) {
            if (a.equalsIgnoreCase(given.trim())) {
                return a;
            }
        }
        throw ActionFailure.invalidParam("attribute", "one of " + String.join(", ", ATTRIBUTES), given);
    }

    @Override
    public Plan plan(Params params, ActionContext ctx) {
        Query q = query(params, ctx, false);
        ObjectNode p = requestJson(q);
        List<PlannedCall> calls = new ArrayList<>();
        if (q.allRegions()) {
            calls.add(new PlannedCall("ec2", "DescribeRegions", clients.defaultRegion(), Json.obj("AllRegions", true)));
            calls.add(new PlannedCall("cloudtrail", "LookupEvents", "(every enabled region)", p));
        } else {
            q.regions().forEach(r -> calls.add(new PlannedCall("cloudtrail", "LookupEvents", r, p)));
        }
        return new Plan("look up CloudTrail events with " + q.attribute() + "=" + q.value() + " from "
                + Times.iso(q.start()) + " to " + Times.iso(q.end()) + " in "
                + (q.allRegions() ? "every enabled region" : String.join(", ", q.regions()))
                + " (pages of " + PAGE_SIZE + ", at most " + q.maxEvents() + " events per region)", calls, null);
    }

    private static ObjectNode requestJson(Query q) {
        ArrayNode attrs = Json.array();
        attrs.add(Json.obj("AttributeKey", q.attribute(), "AttributeValue", q.value()));
        return Json.obj("LookupAttributes", attrs, "StartTime", q.start(), "EndTime", q.end(), "MaxResults", PAGE_SIZE);
    }

    @Override
    public ActionResult execute(Params params, ActionContext ctx) {
        Query q = query(params, ctx, true);
        RegionFanOut.Result<TrailLookups.RegionEvents> sweep = RegionFanOut.run(q.regions(), threads, NAME,
                ctx == null ? null : ctx.progress(), r -> lookup(r, q));
        if (sweep.answers().isEmpty() && !sweep.failures().isEmpty()) {
            throw sweep.failures().values().iterator().next();
        }
        List<TrailEvent> merged = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> truncatedIn = new ArrayList<>();
        sweep.answers().forEach((region, re) -> {
            for (TrailEvent e : re.events()) {
                if (e.eventId() == null || seen.add(e.eventId())) {
                    merged.add(e);
                }
            }
            if (re.truncated()) {
                truncatedIn.add(region);
            }
        });
        merged.sort(Comparator.comparing(TrailEvent::time, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(TrailEvent::eventId, Comparator.nullsLast(Comparator.naturalOrder())));
        List<TrailEvent> kept = q.eventNames().isEmpty() ? merged
                : merged.stream().filter(e -> q.eventNames().contains(e.eventName())).toList();

        ArrayNode events = Json.array();
        kept.forEach(e -> events.add(e.toJson()));
        ObjectNode data = Json.obj("events", events, "count", kept.size(),
                "regionsSearched", Json.array(sweep.searched()),
                "regionsFailed", FindInstanceAction.failures(sweep.failures()),
                "truncated", !truncatedIn.isEmpty());
        return new ActionResult(data,
                kept.size() + " event(s) with " + q.attribute() + "=" + q.value() + " in "
                        + sweep.searched().size() + " region(s)"
                        + (sweep.failures().isEmpty() ? "" : "; not searched: " + FindInstanceAction.describe(sweep.failures())),
                List.of(table(kept, q)), findings(kept, q, sweep, truncatedIn), List.of());
    }

    private TrailLookups.RegionEvents lookup(String region, Query q) {
        return TrailLookups.lookup(clients, region, q.attribute(), q.value(), q.start(), q.end(), q.maxEvents());
    }

    private static Table table(List<TrailEvent> events, Query q) {
        List<List<String>> rows = new ArrayList<>();
        Set<Integer> writes = new HashSet<>();
        for (TrailEvent e : events) {
            if (!e.readOnly()) {
                writes.add(rows.size());
            }
            rows.add(Tables.row(e.time(), e.eventName(), e.username(), e.accessKeyId(), e.sourceIp(), e.region(),
                    e.resourceNames()));
        }
        return Tables.of("CloudTrail events with " + q.attribute() + "=" + q.value(),
                List.of("Time", "Event", "User", "Access key", "Source IP", "Region", "Resources"), rows, writes);
    }

    private List<Finding> findings(List<TrailEvent> events, Query q, RegionFanOut.Result<TrailLookups.RegionEvents> sweep,
                                   List<String> truncatedIn) {
        List<Finding> f = new ArrayList<>();
        if (q.clamped()) {
            f.add(new TrailWindow(q.start(), q.end(), true).clampedFinding());
        }
        if (q.addedGlobal()) {
            f.add(Finding.info("also searched us-east-1: IAM and STS calls (CreateAccessKey, CreateUser, AssumeRole...)"
                    + " are recorded there, whatever region the session uses"));
        }
        if (events.isEmpty()) {
            f.add(Finding.info("no events with " + q.attribute() + "=" + q.value() + " between " + Times.iso(q.start())
                    + " and " + Times.iso(q.end()) + " in " + String.join(", ", sweep.searched())));
        }
        List<TrailEvent> writes = events.stream().filter(e -> !e.readOnly()).toList();
        if (!writes.isEmpty()) {
            Set<String> names = writes.stream().map(TrailEvent::eventName).collect(Collectors.toCollection(java.util.TreeSet::new));
            f.add(Finding.warn(writes.size() + " write event(s): " + String.join(", ", names)));
        }
        Set<String> ips = events.stream().map(TrailEvent::sourceIp).filter(java.util.Objects::nonNull)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        if (!ips.isEmpty()) {
            f.add(Finding.info(ips.size() + " distinct source IP(s): " + String.join(", ", ips)));
        }
        Map<String, Long> critical = new TreeMap<>();
        events.stream().filter(e -> CRITICAL_EVENTS.contains(e.eventName()))
                .forEach(e -> critical.merge(e.eventName(), 1L, Long::sum));
        critical.forEach((name, n) -> f.add(Finding.critical(name + " x" + n + ": " + advice(name))));
        long failedCalls = events.stream().filter(e -> e.errorCode() != null).count();
        if (failedCalls > 0) {
            Set<String> codes = events.stream().map(TrailEvent::errorCode).filter(java.util.Objects::nonNull)
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
            f.add(Finding.warn(failedCalls + " call(s) failed (" + String.join(", ", codes)
                    + "): denied calls often mean someone is probing what the credentials may do"));
        }
        if (!sweep.failures().isEmpty()) {
            f.add(Finding.warn(sweep.failures().size() + " region(s) could not be searched: "
                    + FindInstanceAction.describe(sweep.failures()) + "; their events are missing above: run the step"
                    + " again, or look them up in those regions alone"));
        }
        if (!truncatedIn.isEmpty()) {
            f.add(Finding.warn("stopped after " + q.maxEvents() + " events in " + String.join(", ", truncatedIn)
                    + ": narrow start/end or raise maxEvents to see the rest"));
        }
        return f;
    }

    private static String advice(String eventName) {
        return switch (eventName) {
            case "RunInstances", "StartInstances" -> "instances were launched or started; find them with ec2.findInstance";
            case "CreateUser", "CreateLoginProfile" -> "an IAM user or console password was created; check it is yours";
            case "CreateAccessKey" -> "new access keys were created; list them with iam.listAccessKeys";
            case "AttachUserPolicy", "PutUserPolicy", "CreateRole" -> "permissions were granted; review the policy";
            case "AuthorizeSecurityGroupIngress" -> "a security group was opened to inbound traffic";
            default -> "instances were changed, stopped or terminated";
        };
    }

    /** One event, with the fields taken from the CloudTrailEvent JSON string. */
    record TrailEvent(String eventId, String eventName, Instant time, String eventSource, String username,
                      String accessKeyId, String sourceIp, String userAgent, String region, boolean readOnly,
                      String errorCode, List<String[]> resources, JsonNode requestParameters,
                      String userIdentityType, String userIdentityArn, String requestId) {

        static TrailEvent of(Event e, String queriedRegion) {
            JsonNode detail = Json.parseOrNull(e.cloudTrailEvent());
            JsonNode identity = detail == null ? null : detail.get("userIdentity");
            String ro = e.readOnly() != null ? e.readOnly() : Json.text(detail, "readOnly");
            String region = Json.text(detail, "awsRegion");
            JsonNode params = detail == null ? null : detail.get("requestParameters");
            List<String[]> resources = new ArrayList<>();
            for (Resource r : e.resources()) {
                resources.add(new String[] {r.resourceType(), r.resourceName()});
            }
            return new TrailEvent(e.eventId(), e.eventName(), e.eventTime(), e.eventSource(), e.username(),
                    e.accessKeyId(), Json.text(detail, "sourceIPAddress"), Json.text(detail, "userAgent"),
                    region != null ? region : queriedRegion, "true".equalsIgnoreCase(ro),
                    Json.text(detail, "errorCode"), resources,
                    params != null && params.isObject() ? params : null,
                    Json.text(identity, "type"), Json.text(identity, "arn"), Json.text(detail, "requestID"));
        }

        ObjectNode toJson() {
            ArrayNode res = Json.array();
            resources.forEach(r -> res.add(Json.obj("type", r[0], "name", r[1])));
            return Json.obj("eventId", eventId, "eventName", eventName, "eventTime", time, "eventSource", eventSource,
                    "username", username, "accessKeyId", accessKeyId, "sourceIp", sourceIp, "userAgent", userAgent,
                    "region", region, "readOnly", readOnly, "errorCode", errorCode, "resources", res,
                    "requestParameters", requestParameters, "userIdentityType", userIdentityType,
                    "userIdentityArn", userIdentityArn);
        }

        String resourceNames() {
            return resources.stream().map(r -> r[1]).filter(java.util.Objects::nonNull).collect(Collectors.joining(", "));
        }
    }
}
