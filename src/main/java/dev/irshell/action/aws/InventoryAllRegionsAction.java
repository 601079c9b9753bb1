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
import dev.irshell.action.PlannedCall;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesResponse;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.LayersListItem;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;
import software.amazon.awssdk.services.lambda.model.ListLayersResponse;

/**
 * {@code inventory.allRegions}: the resources attackers launch, in every region of the account,
 * including regions nobody uses: EC2 instances (every state), own AMIs, EBS volumes, own
 * snapshots, Lambda functions and layers. Regions not opted in are reported, not queried.
 */
public final class InventoryAllRegionsAction extends AwsAction {
    public static final String NAME = "inventory.allRegions";
    static final Duration DEFAULT_REGION_TIMEOUT = Duration.ofMinutes(3);
    static final int LARGE_VOLUME_GIB = 1000;
    static final int LARGE_LAMBDA_MB = 3008;
    static final int LONG_LAMBDA_SECONDS = 600;
    static final int MAX_NEW_FINDINGS = 50;
    /** Listings per region: instances, images, volumes, snapshots, functions, layers. */
    static final int LISTINGS = 6;
    private static final Pattern XLARGE = Pattern.compile("^(\\d+)xlarge$");
    /** Lambda's timestamp form, e.g. {@code 2026-11-20T10:00:00.000+0000}. */
    private static final DateTimeFormatter LAMBDA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    private static final List<String> TYPE_ORDER = List.of("instance", "image", "volume", "snapshot", "function", "layer");

    private final int threads;
    private final Duration regionTimeout;

    public InventoryAllRegionsAction(AwsClientSource clients) {
        this(clients, RegionFanOut.DEFAULT_THREADS, DEFAULT_REGION_TIMEOUT);
    }

    InventoryAllRegionsAction(AwsClientSource clients, int threads, Duration regionTimeout) {
        super(clients, new ActionSpec(NAME,
                "List instances, AMIs, volumes, snapshots, Lambda functions and layers in every region",
                Effect.READ,
                List.of(ParamSpec.optional("windowStart", ParamKind.DATETIME,
                        "resources created at or after this time are flagged as new (e.g. the start of the incident)")),
                List.of("ec2:DescribeRegions", "ec2:DescribeInstances", "ec2:DescribeImages", "ec2:DescribeVolumes",
                        "ec2:DescribeSnapshots", "lambda:ListFunctions", "lambda:ListLayers"),
                null, null, false));
        this.threads = threads;
        this.regionTimeout = regionTimeout;
    }

    /** One resource, as the data shows it. */
    record Res(String type, String id, String region, Instant created, String state, String size, String name,
               String detail, boolean unusual, String unusualWhy) {
        ObjectNode toJson(boolean isNew) {
            return Json.obj("type", type, "id", id, "region", region, "created", created, "state", state, "size", size,
                    "name", name, "detail", detail, "new", isNew, "unusual", unusual);
        }
    }

    /** What one region answered: its resources and the calls that failed there. */
    record RegionInventory(List<Res> resources, Map<String, ActionFailure> errors) {}

    @Override
    public Plan plan(Params params, ActionContext ctx) {
        params.optInstant("windowStart");
        String every = "(every enabled region)";
        return new Plan("list instances, own AMIs, volumes, own snapshots, Lambda functions and layers in every enabled"
                + " region (" + threads + " at a time); regions not opted in are reported, not queried",
                List.of(new PlannedCall("ec2", "DescribeRegions", clients.defaultRegion(), Json.obj("AllRegions", true)),
                        new PlannedCall("ec2", "DescribeInstances", every, Json.obj("MaxResults", 1000)),
                        new PlannedCall("ec2", "DescribeImages", every, Json.obj("Owners", Json.array(List.of("self")))),
                        new PlannedCall("ec2", "DescribeVolumes", every, Json.obj("MaxResults", 500)),
                        new PlannedCall("ec2", "DescribeSnapshots", every, Json.obj("OwnerIds", Json.array(List.of("self")))),
                        new PlannedCall("lambda", "ListFunctions", every, Json.object()),
                        new PlannedCall("lambda", "ListLayers", every, Json.object())),
                null);
    }

    @Override
    public ActionResult execute(Params params, ActionContext ctx) {
        Instant windowStart = params.optInstant("windowStart").orElse(null);
        List<AwsClients.RegionInfo> all = clients.regions();
        List<String> enabled = all.stream().filter(AwsClients.RegionInfo::enabled).map(AwsClients.RegionInfo::name).toList();
        List<String> notOptedIn = all.stream().filter(r -> !r.enabled()).map(AwsClients.RegionInfo::name).toList();
        RegionFanOut.Result<RegionInventory> sweep = RegionFanOut.run(enabled, threads, NAME,
                ctx == null ? null : ctx.progress(), regionTimeout, this::inventory);

        Map<String, String> regionErrors = new LinkedHashMap<>();
        sweep.failures().forEach((r, f) -> regionErrors.put(r, f.describe()));
        List<Res> resources = new ArrayList<>();
        boolean anyAnswer = false;
        ActionFailure firstFailure = sweep.failures().isEmpty() ? null : sweep.failures().values().iterator().next();
        for (Map.Entry<String, RegionInventory> e : sweep.answers().entrySet()) {
            resources.addAll(e.getValue().resources());
            if (e.getValue().errors().size() < LISTINGS) {
                anyAnswer = true;
            }
            if (!e.getValue().errors().isEmpty()) {
                List<String> parts = new ArrayList<>();
                e.getValue().errors().forEach((op, f) -> parts.add(f.describe()));
                regionErrors.put(e.getKey(), String.join("; ", parts));
                if (firstFailure == null) {
                    firstFailure = e.getValue().errors().values().iterator().next();
                }
            }
        }
        if (!anyAnswer && firstFailure != null) {
            throw firstFailure;
        }
        resources.sort(Comparator.comparing(Res::region)
                .thenComparing(r -> TYPE_ORDER.indexOf(r.type()))
                .thenComparing(Res::id, Comparator.nullsLast(Comparator.naturalOrder())));
        return result(all, enabled, notOptedIn, regionErrors, resources, windowStart);
    }

    private static boolean regionRefused(ActionFailure f) {
        return AwsCalls.hasCode(f, FindInstanceAction.REGION_SKIPPED) || f.kind() == ActionFailure.Kind.UNREACHABLE;
    }

    /** Every listing of one region; a failing listing is recorded and the others still run. */
    private RegionInventory inventory(String region) {
        List<Res> out = new ArrayList<>();
        Map<String, ActionFailure> errors = new LinkedHashMap<>();
        List<Map.Entry<String, Supplier<List<Res>>>> listings = List.of(
                Map.entry("DescribeInstances", () -> instances(region)),
                Map.entry("DescribeImages", () -> images(region)),
                Map.entry("DescribeVolumes", () -> volumes(region)),
                Map.entry("DescribeSnapshots", () -> snapshots(region)),
                Map.entry("ListFunctions", () -> functions(region)),
                Map.entry("ListLayers", () -> layers(region)));
        for (Map.Entry<String, Supplier<List<Res>>> l : listings) {
            try {
                out.addAll(l.getValue().get());
            } catch (ActionFailure f) {
                errors.put(l.getKey(), f);
                if (l.getKey().equals("DescribeInstances") && regionRefused(f)) {
                    // the region itself refuses (not enabled, unreachable): the other listings would too
                    listings.stream().skip(1).forEach(x -> errors.put(x.getKey(), f));
                    break;
                }
            }
        }
        return new RegionInventory(out, errors);
    }

    private List<Res> instances(String region) {
        List<Res> out = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            DescribeInstancesResponse page = call("ec2", "DescribeInstances", region,
                    () -> clients.ec2(region).describeInstances(b -> b.maxResults(1000).nextToken(t)));
            for (Reservation r : page.reservations()) {
                for (Instance i : r.instances()) {
                    String type = i.instanceTypeAsString();
                    String why = unusualInstanceType(type) ? type + " is a GPU/accelerated or very large instance type" : null;
                    String detail = join("image " + i.imageId(), i.keyName() == null ? null : "key " + i.keyName(),
                            i.iamInstanceProfile() == null ? null : "profile " + i.iamInstanceProfile().arn(),
                            i.publicIpAddress() == null ? null : "public IP " + i.publicIpAddress());
                    out.add(new Res("instance", i.instanceId(), region, i.launchTime(),
                            i.state() == null ? null : i.state().nameAsString(), type, nameTag(i.tags()), detail,
                            why != null, why));
                }
            }
            token = blankToNull(page.nextToken());
        } while (token != null);
        return out;
    }

    private List<Res> images(String region) {
        List<Res> out = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            DescribeImagesResponse page = call("ec2", "DescribeImages", region,
                    () -> clients.ec2(region).describeImages(b -> b.owners("self").maxResults(1000).nextToken(t)));
            for (Image i : page.images()) {
                out.add(new Res("image", i.imageId(), region, parseTime(i.creationDate()), i.stateAsString(), null,
                        i.name() != null ? i.name() : nameTag(i.tags()),
                        join(i.platformDetails(), i.architectureAsString(), Boolean.TRUE.equals(i.publicLaunchPermissions())
                                ? "PUBLIC" : null), false, null));
            }
            token = blankToNull(page.nextToken());
        } while (token != null);
        return out;
    }

    private List<Res> volumes(String region) {
        List<Res> out = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            DescribeVolumesResponse page = call("ec2", "DescribeVolumes", region,
                    () -> clients.ec2(region).describeVolumes(b -> b.maxResults(500).nextToken(t)));
            for (Volume v : page.volumes()) {
                int size = v.size() == null ? 0 : v.size();
                String why = size >= LARGE_VOLUME_GIB ? v.volumeId() + " is " + size + " GiB" : null;
                String attached = v.attachments().isEmpty() ? "not attached" : "attached to " + v.attachments().get(0).instanceId();
                out.add(new Res("volume", v.volumeId(), region, v.createTime(), v.stateAsString(),
                        v.size() == null ? null : v.size() + " GiB", nameTag(v.tags()),
                        join(v.volumeTypeAsString(), attached, Boolean.TRUE.equals(v.encrypted()) ? "encrypted" : null),
                        why != null, why));
            }
            token = blankToNull(page.nextToken());
        } while (token != null);
        return out;
    }

    private List<Res> snapshots(String region) {
        List<Res> out = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            DescribeSnapshotsResponse page = call("ec2", "DescribeSnapshots", region,
                    () -> clients.ec2(region).describeSnapshots(b -> b.ownerIds("self").maxResults(1000).nextToken(t)));
            for (Snapshot s : page.snapshots()) {
                String name = nameTag(s.tags());
                out.add(new Res("snapshot", s.snapshotId(), region, s.startTime(), s.stateAsString(),
                        s.volumeSize() == null ? null : s.volumeSize() + " GiB", name != null ? name : blankToNull(s.description()),
                        join(s.volumeId() == null ? null : "from " + s.volumeId()), false, null));
            }
            token = blankToNull(page.nextToken());
        } while (token != null);
        return out;
    }

    private List<Res> functions(String region) {
        List<Res> out = new ArrayList<>();
        String marker = null;
        do {
            String m = marker;
            ListFunctionsResponse page = call("lambda", "ListFunctions", region,
                    () -> clients.lambda(region).listFunctions(b -> b.marker(m)));
            for (FunctionConfiguration f : page.functions()) {
                int memory = f.memorySize() == null ? 0 : f.memorySize();
                int timeout = f.timeout() == null ? 0 : f.timeout();
                List<String> why = new ArrayList<>();
                if (memory >= LARGE_LAMBDA_MB) {
                    why.add(memory + " MB of memory");
                }
                if (timeout >= LONG_LAMBDA_SECONDS) {
                    why.add("a " + timeout + " s timeout");
                }
                out.add(new Res("function", f.functionName(), region, parseTime(f.lastModified()),
                        f.stateAsString(), f.memorySize() == null ? null : f.memorySize() + " MB", f.functionName(),
                        join(f.runtimeAsString(), "timeout " + timeout + " s", f.role() == null ? null : "role " + f.role(),
                                "created = last modified"),
                        !why.isEmpty(), why.isEmpty() ? null : f.functionName() + " has " + String.join(" and ", why)));
            }
            marker = blankToNull(page.nextMarker());
        } while (marker != null);
        return out;
    }

    private List<Res> layers(String region) {
        List<Res> out = new ArrayList<>();
        String marker = null;
        do {
            String m = marker;
            ListLayersResponse page = call("lambda", "ListLayers", region,
                    () -> clients.lambda(region).listLayers(b -> b.marker(m)));
            for (LayersListItem l : page.layers()) {
                var v = l.latestMatchingVersion();
                out.add(new Res("layer", l.layerName(), region, v == null ? null : parseTime(v.createdDate()), null, null,
                        l.layerName(), v == null ? null : join("version " + v.version(), v.layerVersionArn()), false, null));
            }
            marker = blankToNull(page.nextMarker());
        } while (marker != null);
        return out;
    }

    private ActionResult result(List<AwsClients.RegionInfo> all, List<String> enabled, List<String> notOptedIn,
                                Map<String, String> regionErrors, List<Res> resources, Instant windowStart) {
        ArrayNode regions = Json.array();
        for (AwsClients.RegionInfo r : all.stream().sorted(Comparator.comparing(AwsClients.RegionInfo::name)).toList()) {
            String status = !r.enabled() ? "not-opted-in" : regionErrors.containsKey(r.name()) ? "failed" : "ok";
            regions.add(Json.obj("region", r.name(), "status", status, "error", regionErrors.get(r.name())));
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        enabled.stream().sorted().forEach(r -> counts.put(r, 0));
        resources.forEach(r -> counts.merge(r.region(), 1, Integer::sum));
        ObjectNode countsJson = Json.object();
        counts.forEach(countsJson::put);

        ArrayNode list = Json.array();
        List<List<String>> rows = new ArrayList<>();
        Set<Integer> highlighted = new HashSet<>();
        List<Finding> findings = new ArrayList<>();
        List<Res> fresh = new ArrayList<>();
        for (Res r : resources) {
            boolean isNew = windowStart != null && r.created() != null && !r.created().isBefore(windowStart);
            if (isNew) {
                fresh.add(r);
            }
            if (isNew || r.unusual()) {
                highlighted.add(rows.size());
            }
            list.add(r.toJson(isNew));
            rows.add(Tables.row(r.region(), r.type(), r.id(), r.name(), r.created(), r.state(), r.size(), r.detail()));
        }
        for (int i = 0; i < fresh.size() && i < MAX_NEW_FINDINGS; i++) {
            Res r = fresh.get(i);
            findings.add(Finding.critical(r.type() + " " + r.id() + " in " + r.region() + " was created "
                    + Times.iso(r.created()) + ", inside the window: check it is yours"
                    + (r.size() != null ? " (" + r.size() + ")" : "")));
        }
        if (fresh.size() > MAX_NEW_FINDINGS) {
            findings.add(Finding.critical((fresh.size() - MAX_NEW_FINDINGS) + " more resource(s) created inside the"
                    + " window: see the table"));
        }
        if (windowStart != null) {
            Map<String, List<Res>> byRegion = new LinkedHashMap<>();
            resources.forEach(r -> byRegion.computeIfAbsent(r.region(), k -> new ArrayList<>()).add(r));
            byRegion.forEach((region, rs) -> {
                if (rs.stream().allMatch(r -> r.created() != null && !r.created().isBefore(windowStart))) {
                    findings.add(Finding.warn("every resource in " + region + " (" + rs.size() + ") is new since "
                            + Times.iso(windowStart) + ": a region this account did not use before"));
                }
            });
        }
        resources.stream().filter(Res::unusual).forEach(r -> findings.add(Finding.warn(r.unusualWhy() + " (" + r.type()
                + " in " + r.region() + "): typical of crypto-mining or data staging on stolen credentials")));
        if (!regionErrors.isEmpty()) {
            findings.add(Finding.warn(regionErrors.size() + " region(s) could not be fully listed: "
                    + String.join(", ", regionErrors.keySet()) + "; see regions[].error and run the step again"));
        }
        if (!notOptedIn.isEmpty()) {
            findings.add(Finding.info(notOptedIn.size() + " region(s) are not enabled for this account and were not"
                    + " queried (nothing can run there): " + String.join(", ", notOptedIn)));
        }
        if (windowStart != null) {
            findings.add(Finding.info("instances count from their last launch (a stop/start resets it) and Lambda"
                    + " functions from their last change: an old resource can look new, never the reverse"));
        }
        ObjectNode data = Json.obj("regions", regions, "resources", list, "countsByRegion", countsJson,
                "windowStart", windowStart);
        long used = counts.values().stream().filter(n -> n > 0).count();
        return new ActionResult(data, resources.size() + " resource(s) in " + used + " of " + enabled.size()
                + " enabled region(s)" + (fresh.isEmpty() ? "" : ", " + fresh.size() + " new")
                + (regionErrors.isEmpty() ? "" : "; not fully listed: " + String.join(", ", regionErrors.keySet())),
                List.of(Tables.of("Resources in every region",
                        List.of("Region", "Type", "Id", "Name", "Created", "State", "Size", "Detail"), rows, highlighted)),
                findings, List.of());
    }

    /** GPU/accelerated families (p, g, inf, trn, dl, f, vt), bare metal, and 16xlarge or larger. */
    static boolean unusualInstanceType(String type) {
        if (type == null || !type.contains(".")) {
            return false;
        }
        String family = type.substring(0, type.indexOf('.'));
        String size = type.substring(type.indexOf('.') + 1);
        if (family.matches("^(p|g|inf|trn|dl|f|vt)\\d.*")) {
            return true;
        }
        if (size.startsWith("metal")) {
            return true;
        }
        Matcher m = XLARGE.matcher(size);
        return m.matches() && Integer.parseInt(m.group(1)) >= 16;
    }

    static Instant parseTime(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s, LAMBDA_TIME).toInstant();
            } catch (DateTimeParseException e2) {
                try {
                    return OffsetDateTime.parse(s).toInstant();
                } catch (DateTimeParseException e3) {
                    return null;
                }
            }
        }
    }

    private static String nameTag(List<Tag> tags) {
        return tags.stream().filter(t -> "Name".equals(t.key())).map(Tag::value).findFirst().orElse(null);
    }

    private static String join(String... parts) {
        List<String> kept = new ArrayList<>();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                kept.add(p);
            }
        }
        return kept.isEmpty() ? null : String.join(", ", kept);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
