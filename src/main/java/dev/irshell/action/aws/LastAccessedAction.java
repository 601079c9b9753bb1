package dev.irshell.action.aws;

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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.iam.model.GetServiceLastAccessedDetailsResponse;
import software.amazon.awssdk.services.iam.model.JobStatusType;
import software.amazon.awssdk.services.iam.model.ServiceLastAccessed;

/**
 * {@code iam.lastAccessed}: which IAM users, groups, roles and customer-managed policies were
 * used recently (IAM "last accessed" data): one GenerateServiceLastAccessedDetails job per
 * entity, then GetServiceLastAccessedDetails until each job completes.
 */
public final class LastAccessedAction extends AwsAction {
    public static final String NAME = "iam.lastAccessed";
    static final int DEFAULT_RECENT_DAYS = 7;
    static final int DEFAULT_MAX_ENTITIES = 200;
    static final int MAX_ROUNDS = 15;
    static final Duration MAX_WAIT = Duration.ofSeconds(5);

    private final Sleeper sleeper;

    public LastAccessedAction(AwsClientSource clients) {
        this(clients, Sleeper.REAL);
    }

    LastAccessedAction(AwsClientSource clients, Sleeper sleeper) {
        super(clients, new ActionSpec(NAME,
                "Show which IAM users, groups, roles and customer policies were used recently (last accessed data)",
                Effect.READ,
                List.of(ParamSpec.optional("recentDays", ParamKind.INTEGER,
                                "entities used or created within this many days are flagged (default "
                                        + DEFAULT_RECENT_DAYS + ")"),
                        ParamSpec.optional("maxEntities", ParamKind.INTEGER,
                                "most entities to check (default " + DEFAULT_MAX_ENTITIES + ")")),
                List.of("iam:ListUsers", "iam:ListGroups", "iam:ListRoles", "iam:ListPolicies",
                        "iam:GenerateServiceLastAccessedDetails", "iam:GetServiceLastAccessedDetails"),
                null, null, false));
        this.sleeper = sleeper;
    }

    @Override
    public Plan plan(Params params, ActionContext ctx) {
        int days = CredentialReportAction.positive(params, "recentDays", DEFAULT_RECENT_DAYS);
        int max = CredentialReportAction.positive(params, "maxEntities", DEFAULT_MAX_ENTITIES);
        return new Plan("list IAM users, groups, roles and customer-managed policies, and for each (at most " + max
                + ") ask IAM when it last used each service; flag use or creation in the last " + days + " day(s)",
                List.of(iamCall("ListUsers", Json.object()), iamCall("ListGroups", Json.object()),
                        iamCall("ListRoles", Json.object()), iamCall("ListPolicies", Json.obj("Scope", "Local")),
                        iamCall("GenerateServiceLastAccessedDetails", Json.obj("Arn", "(each entity)")),
                        iamCall("GetServiceLastAccessedDetails", Json.obj("JobId", "(each job)", "MaxItems", 1000))),
                null);
    }

    /** One entity to check and, once done, what IAM said. */
    static final class Entity {
        final String type;
        final String name;
        final String arn;
        final Instant created;
        String jobId;
        String status;
        String error;
        final List<ServiceLastAccessed> services = new ArrayList<>();

        Entity(String type, String name, String arn, Instant created) {
            this.type = type;
            this.name = name;
            this.arn = arn;
            this.created = created;
        }
    }

    @Override
    public ActionResult execute(Params params, ActionContext ctx) {
        int days = CredentialReportAction.positive(params, "recentDays", DEFAULT_RECENT_DAYS);
        int max = CredentialReportAction.positive(params, "maxEntities", DEFAULT_MAX_ENTITIES);
        ActionContext.Progress progress = ctx == null || ctx.progress() == null ? ActionContext.Progress.NONE : ctx.progress();
        IamLists lists = new IamLists(clients);
        List<Entity> all = new ArrayList<>();
        lists.users().forEach(u -> all.add(new Entity("user", u.userName(), u.arn(), u.createDate())));
        lists.groups().forEach(g -> all.add(new Entity("group", g.groupName(), g.arn(), g.createDate())));
        lists.roles().forEach(r -> all.add(new Entity("role", r.roleName(), r.arn(), r.createDate())));
        lists.localPolicies().forEach(p -> all.add(new Entity("policy", p.policyName(), p.arn(), p.createDate())));
        boolean truncated = all.size() > max;
        List<Entity> entities = truncated ? all.subList(0, max) : all;

        int done = 0;
        for (Entity e : entities) {
            try {
                e.jobId = iam("GenerateServiceLastAccessedDetails",
                        () -> clients.iam().generateServiceLastAccessedDetails(b -> b.arn(e.arn))).jobId();
                e.status = JobStatusType.IN_PROGRESS.toString();
            } catch (ActionFailure f) {
                if (sessionWide(f)) {
                    throw f;
                }
                e.status = "FAILED";
                e.error = f.describe();
                done++;
            }
        }
        progress.update(NAME, done, entities.size());
        List<Entity> pending = new ArrayList<>(entities.stream().filter(e -> e.jobId != null).toList());
        for (int round = 0; !pending.isEmpty() && round < MAX_ROUNDS; round++) {
            if (round > 0) {
                sleeper.sleep(Sleeper.backoff(round - 1, MAX_WAIT));
            }
            for (var it = pending.iterator(); it.hasNext(); ) {
                Entity e = it.next();
                if (poll(e)) {
                    it.remove();
                    progress.update(NAME, ++done, entities.size());
                }
            }
        }
        for (Entity e : pending) {
            e.error = "IAM had not finished the job after " + MAX_ROUNDS + " checks: run the step again later";
        }
        return result(entities, truncated, all.size(), days, now(ctx));
    }

    private static boolean sessionWide(ActionFailure f) {
        return f.kind() == ActionFailure.Kind.ACCESS_DENIED || f.kind() == ActionFailure.Kind.CREDENTIALS
                || f.kind() == ActionFailure.Kind.UNREACHABLE;
    }

    /** One check of an entity's job; true when it is finished (completed or failed). */
    private boolean poll(Entity e) {
        String marker = null;
        List<ServiceLastAccessed> services = new ArrayList<>();
        try {
            do {
                String m = marker;
                GetServiceLastAccessedDetailsResponse r = iam("GetServiceLastAccessedDetails",
                        () -> clients.iam().getServiceLastAccessedDetails(b -> b.jobId(e.jobId).maxItems(1000).marker(m)));
                JobStatusType status = r.jobStatus();
                if (status == JobStatusType.FAILED) {
                    e.status = "FAILED";
                    e.error = r.error() == null ? "the job failed" : r.error().code() + ": " + r.error().message();
                    return true;
                }
                if (status != JobStatusType.COMPLETED) {
                    return false;
                }
                services.addAll(r.servicesLastAccessed());
                marker = Boolean.TRUE.equals(r.isTruncated()) && r.marker() != null ? r.marker() : null;
            } while (marker != null);
        } catch (ActionFailure f) {
            if (sessionWide(f)) {
                throw f;
            }
            e.status = "FAILED";
            e.error = f.describe();
            return true;
        }
        e.status = "COMPLETED";
        e.services.addAll(services);
        return true;
    }

    private ActionResult result(List<Entity> entities, boolean truncated, int total, int days, Instant now) {
        Instant since = now.minus(Duration.ofDays(days));
        ArrayNode list = Json.array();
        List<List<String>> rows = new ArrayList<>();
        Set<Integer> highlighted = new HashSet<>();
        List<Finding> findings = new ArrayList<>();
        Map<String, List<String>> usedByType = new LinkedHashMap<>();
        int failed = 0;
        for (Entity e : entities) {
            ServiceLastAccessed last = null;
            Set<String> recentServices = new TreeSet<>();
            for (ServiceLastAccessed s : e.services) {
                if (s.lastAuthenticated() == null) {
                    continue;
                }
                if (last == null || s.lastAuthenticated().isAfter(last.lastAuthenticated())) {
                    last = s;
                }
                if (!s.lastAuthenticated().isBefore(since)) {
                    recentServices.add(s.serviceNamespace());
                }
            }
            Instant lastAuth = last == null ? null : last.lastAuthenticated();
            String lastService = last == null ? null : last.serviceNamespace();
            ObjectNode n = Json.obj("type", e.type, "name", e.name, "arn", e.arn, "created", e.created,
                    "lastAuthenticated", lastAuth, "lastService", lastService,
                    "lastRegion", last == null ? null : last.lastAuthenticatedRegion(),
                    "recentServices", Json.array(recentServices), "jobStatus", e.status, "error", e.error);
            list.add(n);
            boolean createdRecently = e.created != null && !e.created.isBefore(since);
            boolean usedRecently = !recentServices.isEmpty();
            if (e.error != null) {
                failed++;
            }
            if (createdRecently) {
                findings.add(Finding.critical(e.type + " " + e.name + " was created " + Times.ago(e.created, now)
                        + " (" + Times.iso(e.created) + "): check it is yours"
                        + (e.arn != null && e.arn.contains(":role/aws-service-role/")
                                ? " (a service-linked role: AWS creates these when a service is first used)" : "")));
            }
            if (usedRecently) {
                usedByType.computeIfAbsent(e.type, t -> new ArrayList<>()).add(e.name + " (" + String.join(", ", recentServices) + ")");
            }
            if (createdRecently || usedRecently) {
                highlighted.add(rows.size());
            }
            rows.add(Tables.row(e.type, e.name, e.created, lastAuth == null ? "never (in 400 days)" : Times.iso(lastAuth),
                    lastService, String.join(", ", recentServices), e.error));
        }
        usedByType.forEach((type, names) -> findings.add(Finding.warn(names.size() + " " + type + "(s) used in the last "
                + days + " day(s): " + String.join("; ", names) + ": check this use against the incident")));
        if (failed > 0) {
            findings.add(Finding.warn(failed + " entit(ies) could not be checked; see the error column"));
        }
        if (truncated) {
            findings.add(Finding.warn("checked only the first " + entities.size() + " of " + total
                    + " entities: raise maxEntities to check them all"));
        }
        findings.add(Finding.info("last-accessed data includes denied attempts and lags up to 4 hours;"
                + " CloudTrail (cloudtrail.lookupEventNames) is the authoritative record"));
        ObjectNode data = Json.obj("entities", list, "truncated", truncated, "total", total);
        return new ActionResult(data, entities.size() + " IAM entities checked, "
                + usedByType.values().stream().mapToInt(List::size).sum() + " used in the last " + days + " day(s)",
                List.of(Tables.of("IAM last accessed",
                        List.of("Type", "Name", "Created", "Last authenticated", "Last service", "Recent services", "Error"),
                        rows, highlighted)),
                findings, List.of());
    }
}
