package dev.irshell.action.aws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.action.ActionContext;
import dev.irshell.action.ActionResult;
import dev.irshell.action.ActionSpec;
import dev.irshell.action.Effect;
import dev.irshell.action.Finding;
import dev.irshell.action.ParamKind;
import dev.irshell.action.ParamSpec;
import dev.irshell.action.Params;
import dev.irshell.action.Plan;
import dev.irshell.action.PlannedCall;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import dev.irshell.action.aws.LookupEventsAction.TrailEvent;

/**
 * {@code cloudtrail.lookupEventNames}: CloudTrail event history for a set of event names (one
 * LookupEvents query per name, as CloudTrail takes one attribute per query), by default the IAM
 * and STS calls that create persistence or hand out credentials, in us-east-1 where IAM and STS
 * events are recorded.
 */
public final class LookupEventNamesAction extends AwsAction {
    public static final String NAME = "cloudtrail.lookupEventNames";
    /** Calls that give an intruder a way back in. */
    static final List<String> PERSISTENCE = List.of("CreateAccessKey", "CreateUser", "CreateLoginProfile",
            "UpdateLoginProfile", "CreatePolicy", "CreatePolicyVersion", "SetDefaultPolicyVersion", "CreateRole",
            "UpdateAssumeRolePolicy", "PutUserPolicy", "PutRolePolicy", "PutGroupPolicy", "AttachUserPolicy",
            "AttachRolePolicy", "AttachGroupPolicy", "AddUserToGroup");
    /** Calls that issue temporary credentials. */
    static final List<String> TEMPORARY_CREDENTIALS = List.of("GetSessionToken", "GetFederationToken", "AssumeRole");
    static final List<String> DEFAULT_NAMES;

    static {
        List<String> names = new ArrayList<>(PERSISTENCE);
        names.addAll(TEMPORARY_CREDENTIALS);
        DEFAULT_NAMES = List.copyOf(names);
    }

    private final int threads;

    public LookupEventNamesAction(AwsClientSource clients) {
        this(clients, RegionFanOut.DEFAULT_THREADS);
    }

    LookupEventNamesAction(AwsClientSource clients, int threads) {
        super(clients, new ActionSpec(NAME,
                "Look up CloudTrail events by name (default: IAM persistence and credential calls) in us-east-1",
                Effect.READ,
                List.of(ParamSpec.optional("eventNames", ParamKind.LIST,
                                "event names, one query each (default: " + String.join(", ", DEFAULT_NAMES) + ")"),
                        ParamSpec.optional("regions", ParamKind.LIST,
                                "regions to search (default: us-east-1, where IAM and STS events are recorded)"),
                        ParamSpec.optional("start", ParamKind.DATETIME, "earliest event time (default: 90 days ago)"),
                        ParamSpec.optional("end", ParamKind.DATETIME, "latest event time (default: now)"),
                        ParamSpec.optional("maxEvents", ParamKind.INTEGER, "most events read per name and region (default "
                                + LookupEventsAction.DEFAULT_MAX_EVENTS + ")")),
                List.of("cloudtrail:LookupEvents"), null, null, false));
        this.threads = threads;
    }

    record Query(List<String> names, List<String> regions, TrailWindow window, int maxEvents) {}

    private static Query query(Params params, ActionContext ctx) {
        List<String> names = new ArrayList<>(new LinkedHashSet<>(ParamChecks.list(params, "eventNames")));
        if (names.isEmpty()) {
            names = DEFAULT_NAMES;
        }
        List<String> regions = new ArrayList<>(new LinkedHashSet<>(ParamChecks.regions(params, "regions")));
        if (regions.isEmpty()) {
            regions.add(LookupEventsAction.GLOBAL_EVENTS_REGION);
        }
        int max = CredentialReportAction.positive(params, "maxEvents", LookupEventsAction.DEFAULT_MAX_EVENTS);
        return new Query(names, regions, TrailWindow.of(params, now(ctx)), max);
    }

    @Override
    public Plan plan(Params params, ActionContext ctx) {
        Query q = query(params, ctx);
        List<PlannedCall> calls = new ArrayList<>();
        for (String region : q.regions()) {
            for (String name : q.names()) {
                ArrayNode attrs = Json.array();
                attrs.add(Json.obj("AttributeKey", "EventName", "AttributeValue", name));
                calls.add(new PlannedCall("cloudtrail", "LookupEvents", region, Json.obj("LookupAttributes", attrs,
                        "StartTime", q.window().start(), "EndTime", q.window().end(), "MaxResults", TrailLookups.PAGE_SIZE)));
            }
        }
        return new Plan("look up " + q.names().size() + " CloudTrail event name(s) from " + Times.iso(q.window().start())
                + " to " + Times.iso(q.window().end()) + " in " + String.join(", ", q.regions())
                + " (one query per name and region, paced at 2 per second per region)", calls, null);
    }

    @Override
    public ActionResult execute(Params params, ActionContext ctx) {
        Query q = query(params, ctx);
        ActionContext.Progress progress = ctx == null || ctx.progress() == null ? ActionContext.Progress.NONE : ctx.progress();
        int total = q.names().size() * q.regions().size();
        AtomicInteger done = new AtomicInteger();
        Map<String, Set<String>> truncated = new java.util.concurrent.ConcurrentHashMap<>();
        RegionFanOut.Result<List<TrailEvent>> sweep = RegionFanOut.run(q.regions(), threads, NAME, null, region -> {
            List<TrailEvent> events = new ArrayList<>();
            for (String name : q.names()) {
                TrailLookups.RegionEvents re = TrailLookups.lookup(clients, region, "EventName", name,
                        q.window().start(), q.window().end(), q.maxEvents());
                events.addAll(re.events());
                if (re.truncated()) {
                    truncated.computeIfAbsent(region, r -> new java.util.concurrent.ConcurrentSkipListSet<>()).add(name);
                }
                progress.update(NAME + " " + region + " " + name, done.incrementAndGet(), total);
            }
            return events;
        });
        if (sweep.answers().isEmpty() && !sweep.failures().isEmpty()) {
            throw sweep.failures().values().iterator().next();
        }
        List<TrailEvent> events = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        sweep.answers().values().forEach(list -> list.forEach(e -> {
            if (e.eventId() == null || seen.add(e.eventId())) {
                events.add(e);
            }
        }));
        events.sort(Comparator.comparing(TrailEvent::time, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(TrailEvent::eventId, Comparator.nullsLast(Comparator.naturalOrder())));

        Map<String, Integer> byName = new LinkedHashMap<>();
        q.names().forEach(n -> byName.put(n, 0));
        events.forEach(e -> byName.merge(e.eventName(), 1, Integer::sum));
        ArrayNode eventsJson = Json.array();
        events.forEach(e -> eventsJson.add(e.toJson()));
        ObjectNode byNameJson = Json.object();
        byName.forEach(byNameJson::put);
        ObjectNode data = Json.obj("events", eventsJson, "count", events.size(), "byName", byNameJson,
                "regionsSearched", Json.array(sweep.searched()),
                "regionsFailed", FindInstanceAction.failures(sweep.failures()),
                "truncated", !truncated.isEmpty());

        List<List<String>> rows = new ArrayList<>();
        Set<Integer> highlighted = new HashSet<>();
        for (TrailEvent e : events) {
            if (e.errorCode() == null && !TEMPORARY_CREDENTIALS.contains(e.eventName())) {
                highlighted.add(rows.size());
            }
            rows.add(Tables.row(e.time(), e.eventName(), e.username(), e.userIdentityType(), e.accessKeyId(),
                    e.sourceIp(), e.region(), e.errorCode(), e.resourceNames()));
        }
        return new ActionResult(data, events.size() + " event(s) of " + q.names().size() + " name(s) in "
                + sweep.searched().size() + " region(s)"
                + (sweep.failures().isEmpty() ? "" : "; not searched: " + FindInstanceAction.describe(sweep.failures())),
                List.of(Tables.of("CloudTrail events by name",
                        List.of("Time", "Event", "User", "Identity type", "Access key", "Source IP", "Region", "Error",
                                "Resources"), rows, highlighted)),
                findings(events, q, sweep, truncated), List.of());
    }

    private static List<Finding> findings(List<TrailEvent> events, Query q, RegionFanOut.Result<?> sweep,
                                          Map<String, Set<String>> truncated) {
        List<Finding> f = new ArrayList<>();
        if (q.window().clamped()) {
            f.add(q.window().clampedFinding());
        }
        Map<String, List<TrailEvent>> byName = new LinkedHashMap<>();
        events.forEach(e -> byName.computeIfAbsent(e.eventName(), n -> new ArrayList<>()).add(e));
        byName.forEach((name, list) -> {
            String who = list.stream().map(e -> e.username() != null ? e.username() : e.userIdentityArn())
                    .filter(Objects::nonNull).collect(Collectors.toCollection(TreeSet::new)).stream()
                    .collect(Collectors.joining(", "));
            long failedCalls = list.stream().filter(e -> e.errorCode() != null).count();
            String tail = " x" + list.size() + (who.isEmpty() ? "" : " by " + who) + ", latest "
                    + Times.iso(list.get(0).time()) + (failedCalls > 0 ? " (" + failedCalls + " failed)" : "");
            if (TEMPORARY_CREDENTIALS.contains(name)) {
                List<TrailEvent> byUsers = list.stream().filter(e -> "IAMUser".equals(e.userIdentityType())).toList();
                if (!byUsers.isEmpty()) {
                    String users = byUsers.stream().map(TrailEvent::username).filter(Objects::nonNull)
                            .collect(Collectors.toCollection(TreeSet::new)).stream().collect(Collectors.joining(", "));
                    f.add(Finding.warn(name + " x" + byUsers.size() + " by IAM user(s) " + users
                            + ": temporary credentials were issued to long-term keys; if those keys are compromised,"
                            + " revoke the sessions too (they outlive a deactivated key)"));
                }
            } else if (PERSISTENCE.contains(name)) {
                f.add(Finding.critical(name + tail + ": " + advice(name)));
            } else {
                f.add(Finding.warn(name + tail));
            }
        });
        if (events.isEmpty()) {
            f.add(Finding.info("none of the " + q.names().size() + " event name(s) occurred between "
                    + Times.iso(q.window().start()) + " and " + Times.iso(q.window().end()) + " in "
                    + String.join(", ", sweep.searched())));
        }
        if (!sweep.failures().isEmpty()) {
            f.add(Finding.warn(sweep.failures().size() + " region(s) could not be searched: "
                    + FindInstanceAction.describe(sweep.failures()) + "; their events are missing above: run the step"
                    + " again, or look them up in those regions alone"));
        }
        if (!truncated.isEmpty()) {
            List<String> parts = new ArrayList<>();
            truncated.forEach((r, names) -> parts.add(r + ": " + String.join(", ", names)));
            f.add(Finding.warn("stopped after " + q.maxEvents() + " events of " + String.join("; ", parts)
                    + ": narrow start/end or raise maxEvents to see the rest"));
        }
        return f;
    }

    private static String advice(String name) {
        return switch (name) {
            case "CreateAccessKey" -> "new access keys; list them with iam.listAccessKeys and delete those not yours";
            case "CreateUser", "CreateLoginProfile", "UpdateLoginProfile", "AddUserToGroup" ->
                    "a user, console password or group membership was created or changed; check it is yours";
            case "CreateRole", "UpdateAssumeRolePolicy" ->
                    "a role or its trust policy was created or changed; check who may assume it (iam.recentIdentities)";
            default -> "permissions were granted or a policy changed; review the policy and who it is attached to";
        };
    }
}
