package dev.irshell.action.aws;

import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.CopyTagsFromSource;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.SnapshotInfo;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * {@code ec2.snapshotInstance}: a crash-consistent EBS snapshot of every volume attached to an
 * instance (CreateSnapshots), tagged {@code irshell:session} and {@code irshell:instance} and with
 * the volumes' own tags, then waits until every snapshot is completed (DescribeSnapshots every
 * 1, 2, 4 … then every {@value #POLL_SECONDS} s, for at most {@code waitMinutes}), failing on a snapshot in state error.
 * Procedure 000: "create an Amazon EBS snapshot before terminating". It only adds evidence, so it
 * has no undo (delete the snapshots by hand if they are ever unwanted).
 */
public final class SnapshotInstanceAction extends AwsAction {
    public static final String NAME = "ec2.snapshotInstance";
    static final String TAG_SESSION = "irshell:session";
    static final String TAG_INSTANCE = "irshell:instance";
    static final int POLL_SECONDS = 15;
    static final int DEFAULT_WAIT_MINUTES = 60;

    private final Sleeper sleeper;

    public SnapshotInstanceAction(AwsClientSource clients) {
        this(clients, Sleeper.REAL);
    }

    SnapshotInstanceAction(AwsClientSource clients, Sleeper sleeper) {
        super(clients, new ActionSpec(NAME, "Snapshot every EBS volume of an instance as evidence, and wait for them",
                Effect.CHANGE,
                List.of(ParamSpec.required("instanceId", ParamKind.INSTANCE_ID, "the instance"),
                        ParamSpec.required("region", ParamKind.REGION, "the instance's region"),
                        ParamSpec.optional("waitMinutes", ParamKind.INTEGER, "how long to wait for the snapshots"
                                + " to complete (default " + DEFAULT_WAIT_MINUTES + "; 0: do not wait)")),
                List.of("ec2:CreateSnapshots", "ec2:CreateTags", "ec2:DescribeSnapshots"), null, null, false));
        this.sleeper = sleeper;
    }

    static String description(String sessionId, String instanceId) {
        return "irshell evidence " + sessionId + " " + instanceId;
    }

    private static int waitMinutes(Params p) {
        int m = p.optInt("waitMinutes").orElse(DEFAULT_WAIT_MINUTES);
        if (m < 0) {
            throw ActionFailure.invalidParam("waitMinutes", "0 or more", String.valueOf(m));
        }
        return m;
    }

    private static String sessionId(ActionContext ctx) {
        return ctx != null && ctx.sessionId() != null ? ctx.sessionId() : "unknown-session";
    }

    @Override
    public Plan plan(Params params, ActionContext ctx) {
        String id = ParamChecks.instanceId(params, "instanceId");
        String region = ContainmentParams.region(params, "region");
        int wait = waitMinutes(params);
        List<PlannedCall> calls = new ArrayList<>();
        calls.add(new PlannedCall("ec2", "CreateSnapshots", region, Json.obj(
                "InstanceSpecification", Json.obj("InstanceId", id),
                "Description", description(sessionId(ctx), id),
                "CopyTagsFromSource", "volume",
                "TagSpecifications", Json.array().add(Json.obj("ResourceType", "snapshot", "Tags", Json.array()
                        .add(Json.obj("Key", TAG_SESSION, "Value", sessionId(ctx)))
                        .add(Json.obj("Key", TAG_INSTANCE, "Value", id)))))));
        if (wait > 0) {
            calls.add(new PlannedCall("ec2", "DescribeSnapshots", region, Json.obj("SnapshotIds", "(the new snapshots)",
                    "(repeated)", "after 1, 2, 4 s, then every " + POLL_SECONDS + " s until all are completed, at most " + wait + " min")));
        }
        return new Plan("snapshot every EBS volume attached to " + id + " in " + region + " (tagged " + TAG_INSTANCE
                + "=" + id + ")" + (wait > 0 ? " and wait up to " + wait + " min for them to complete" : "")
                + "; this only adds evidence (no undo; snapshots are billed until deleted)", calls, null);
    }

    @Override
    public ActionResult execute(Params params, ActionContext ctx) {
        String id = ParamChecks.instanceId(params, "instanceId");
        String region = ContainmentParams.region(params, "region");
        int wait = waitMinutes(params);
        String session = sessionId(ctx);
        var ec2 = clients.ec2(region);
        CreateSnapshotsResponse created = call("ec2", "CreateSnapshots", region, () -> ec2.createSnapshots(b -> b
                .instanceSpecification(s -> s.instanceId(id))
                .description(description(session, id))
                .copyTagsFromSource(CopyTagsFromSource.VOLUME)
                .tagSpecifications(t -> t.resourceType(ResourceType.SNAPSHOT).tags(
                        Tag.builder().key(TAG_SESSION).value(session).build(),
                        Tag.builder().key(TAG_INSTANCE).value(id).build()))));
        Map<String, SnapshotRow> rows = new LinkedHashMap<>();
        for (SnapshotInfo s : created.snapshots()) {
            rows.put(s.snapshotId(), new SnapshotRow(s.snapshotId(), s.volumeId(), s.stateAsString(), s.volumeSize(),
                    s.startTime(), s.progress()));
        }
        List<Finding> findings = new ArrayList<>();
        if (rows.isEmpty()) {
            findings.add(Finding.warn(id + " has no EBS volume attached: nothing to snapshot (instance-store data"
                    + " cannot be snapshotted)"));
            return result(id, region, rows, true, findings);
        }
        boolean completed = allCompleted(rows);
        ActionContext.Progress progress = ctx == null || ctx.progress() == null ? ActionContext.Progress.NONE : ctx.progress();
        Duration budget = Duration.ofMinutes(wait);
        Duration waited = Duration.ZERO;
        for (int i = 0; !completed && waited.compareTo(budget) < 0; i++) {
            progress.update("evidence snapshots of " + id + " completed", done(rows), rows.size());
            Duration pause = Sleeper.backoff(i, Duration.ofSeconds(POLL_SECONDS));
            sleeper.sleep(pause);
            waited = waited.plus(pause);
            List<String> ids = List.copyOf(rows.keySet());
            List<Snapshot> now = call("ec2", "DescribeSnapshots", region,
                    () -> ec2.describeSnapshots(b -> b.snapshotIds(ids))).snapshots();
            for (Snapshot s : now) {
                SnapshotRow before = rows.get(s.snapshotId());
                if (before == null) {
                    continue;
                }
                rows.put(s.snapshotId(), new SnapshotRow(s.snapshotId(), s.volumeId(), s.stateAsString(),
                        s.volumeSize() != null ? s.volumeSize() : before.volumeSize(),
                        s.startTime() != null ? s.startTime() : before.startTime(), s.progress()));
                if ("error".equals(s.stateAsString())) {
                    throw ActionFailure.aws("ec2", "DescribeSnapshots", region, null, "evidence snapshot "
                            + s.snapshotId() + " of volume " + s.volumeId() + " of " + id + " failed (state error"
                            + (s.stateMessage() != null ? ": " + s.stateMessage() : "") + "); the other snapshots: "
                            + rows.values().stream().map(r -> r.snapshotId() + " " + r.state()).toList()
                            + ". Run " + NAME + " again; do not terminate " + id + " before a snapshot completes",
                            null, 0, null);
                }
            }
            completed = allCompleted(rows);
        }
        progress.update("evidence snapshots of " + id + " completed", done(rows), rows.size());
        if (!completed) {
            findings.add(Finding.warn("not all snapshots of " + id + " completed " + (wait == 0 ? "(not waited for)"
                    : "within " + wait + " min") + ": they go on in AWS; ec2.terminateInstance refuses until each"
                    + " volume has a completed one (check with `aws ec2 describe-snapshots --region " + region
                    + " --filters Name=tag:" + TAG_INSTANCE + ",Values=" + id + "`)"));
        } else {
            findings.add(Finding.info(rows.size() + " evidence snapshot(s) of " + id + " completed: "
                    + String.join(", ", rows.keySet())));
        }
        return result(id, region, rows, completed, findings);
    }

    record SnapshotRow(String snapshotId, String volumeId, String state, Integer volumeSize, Instant startTime,
                       String progress) {}

    private static boolean allCompleted(Map<String, SnapshotRow> rows) {
        return rows.values().stream().allMatch(r -> "completed".equals(r.state()));
    }

    private static int done(Map<String, SnapshotRow> rows) {
        return (int) rows.values().stream().filter(r -> "completed".equals(r.state())).count();
    }

    private static ActionResult result(String id, String region, Map<String, SnapshotRow> rows, boolean completed,
                                       List<Finding> findings) {
        ArrayNode snaps = Json.array();
        List<List<String>> table = new ArrayList<>();
        for (SnapshotRow r : rows.values()) {
            snaps.add(Json.obj("snapshotId", r.snapshotId(), "volumeId", r.volumeId(), "state", r.state(),
                    "volumeSize", r.volumeSize(), "startTime", r.startTime()));
            table.add(Tables.row(r.snapshotId(), r.volumeId(), r.state(), r.progress(), r.volumeSize(), r.startTime()));
        }
        return new ActionResult(
                Json.obj("instanceId", id, "region", region, "snapshots", snaps, "completed", completed),
                rows.size() + " evidence snapshot(s) of " + id + " in " + region
                        + (completed ? ", completed" : ", not all completed") + " (no undo: it only adds evidence)",
                List.of(Tables.of("Evidence snapshots of " + id, List.of("Snapshot", "Volume", "State", "Progress",
                        "Size (GiB)", "Started"), table, Set.of())),
                findings, List.of());
    }
}
