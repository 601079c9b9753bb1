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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * {@code ec2.findInstance}: finds an instance by id in whichever region it runs, the session's
 * region first, then every other enabled region concurrently.
 */
public final class FindInstanceAction extends AwsAction {
    public static final String NAME = "ec2.findInstance";
    static final String NOT_FOUND = "InvalidInstanceID.NotFound";
    /** Region-level refusals: the region is skipped and reported, the sweep goes on. */
    static final String[] REGION_SKIPPED = {"AuthFailure", "OptInRequired", "UnauthorizedOperation",
            "Client.UnauthorizedOperation", "PendingVerification", "Blocked"};
    private static final Pattern SIZE_XLARGE = Pattern.compile("^(\\d+)xlarge$");

    private final int threads;

    public FindInstanceAction(AwsClientSource clients) {
        this(clients, RegionFanOut.DEFAULT_THREADS);
    }

    FindInstanceAction(AwsClientSource clients, int threads) {
        super(clients, new ActionSpec(NAME, "Find an EC2 instance by id in every enabled region",
                Effect.READ,
                List.of(ParamSpec.required("instanceId", ParamKind.INSTANCE_ID, "the instance to find"),
                        ParamSpec.optional("regions", ParamKind.LIST,
                                "regions to search (default: every enabled region)")),
                List.of("ec2:DescribeRegions", "ec2:DescribeInstances"), null, null, false));
        this.threads = threads;
    }

    @Override
    public Plan plan(Params params, ActionContext ctx) {
        String id = ParamChecks.instanceId(params, "instanceId");
        List<String> regions = ParamChecks.regions(params, "regions");
        String home = clients.defaultRegion();
        ObjectNode p = Json.obj("InstanceIds", Json.array(List.of(id)));
        List<PlannedCall> calls = new ArrayList<>();
        if (regions.isEmpty()) {
            calls.add(new PlannedCall("ec2", "DescribeRegions", home, Json.obj("AllRegions", true)));
            calls.add(new PlannedCall("ec2", "DescribeInstances", home, p));
            calls.add(new PlannedCall("ec2", "DescribeInstances", "(every other enabled region)", p));
        } else {
            for (String r : ordered(regions, home)) {
                calls.add(new PlannedCall("ec2", "DescribeInstances", r, p));
            }
        }
        return new Plan("look for " + id + " in " + (regions.isEmpty() ? "every enabled region" : String.join(", ", regions))
                + ", " + home + " first", calls, null);
    }

    @Override
    public ActionResult execute(Params params, ActionContext ctx) {
        String id = ParamChecks.instanceId(params, "instanceId");
        List<String> given = ParamChecks.regions(params, "regions");
        String home = clients.defaultRegion();
        // the session's own region is asked while the enabled regions are listed, not after:
        // one round trip saved on the path every search takes
        java.util.concurrent.CompletableFuture<Optional<Instance>> homeSearch = given.isEmpty() || given.contains(home)
                ? java.util.concurrent.CompletableFuture.supplyAsync(() -> search(home, id), HOME_SEARCH) : null;
        List<String> regions = given.isEmpty() ? clients.enabledRegions() : ordered(given, home);

        List<String> searched = new ArrayList<>();
        Map<String, ActionFailure> failed = new LinkedHashMap<>();
        Optional<Instance> found = Optional.empty();
        String foundIn = null;

        List<String> rest = new ArrayList<>(regions);
        if (homeSearch != null) {
            rest.remove(home);
            try {
                found = joined(homeSearch);
                searched.add(home);
                foundIn = found.isPresent() ? home : null;
            } catch (ActionFailure f) {
                // In the session's own region these mean every region would fail the same way.
                boolean sessionWide = f.kind() == ActionFailure.Kind.UNREACHABLE
                        || f.kind() == ActionFailure.Kind.ACCESS_DENIED
                        || f.kind() == ActionFailure.Kind.CREDENTIALS && !AwsCalls.hasCode(f, REGION_SKIPPED);
                if (sessionWide) {
                    throw f;
                }
                failed.put(home, f);
            }
        }
        if (found.isEmpty() && !rest.isEmpty()) {
            RegionFanOut.Result<Optional<Instance>> sweep = RegionFanOut.run(rest, threads, NAME,
                    ctx == null ? null : ctx.progress(), r -> search(r, id));
            searched.addAll(sweep.searched());
            failed.putAll(sweep.failures());
            for (Map.Entry<String, Optional<Instance>> e : sweep.answers().entrySet()) {
                if (e.getValue().isPresent() && found.isEmpty()) {
                    found = e.getValue();
                    foundIn = e.getKey();
                }
            }
        }
        if (found.isEmpty()) {
            if (searched.isEmpty() && !failed.isEmpty()) {
                throw failed.values().iterator().next();
            }
            StringBuilder m = new StringBuilder(id + " was not found in any of " + searched.size()
                    + (given.isEmpty() ? " enabled regions" : " regions") + " (searched: " + String.join(", ", searched) + ")");
            if (!failed.isEmpty()) {
                m.append("; ").append(failed.size()).append(" could not be searched (")
                        .append(describe(failed)).append(')');
            }
            m.append("; check the id, or give --input regions=<region> with the region it runs in");
            throw ActionFailure.notFound(m.toString());
        }
        return result(found.get(), foundIn, home, searched, failed);
    }

    /** One daemon thread per search of the session's region; it ends with the call. */
    private static final java.util.concurrent.Executor HOME_SEARCH = r -> {
        Thread t = new Thread(r, NAME + "-home");
        t.setDaemon(true);
        t.start();
    };

    private static <T> T joined(java.util.concurrent.CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private Optional<Instance> search(String region, String id) {
        try {
            DescribeInstancesResponse r = call("ec2", "DescribeInstances", region,
                    () -> clients.ec2(region).describeInstances(b -> b.instanceIds(id)));
            return r.reservations().stream().flatMap(res -> res.instances().stream())
                    .filter(i -> id.equals(i.instanceId())).findFirst();
        } catch (ActionFailure f) {
            if (AwsCalls.hasCode(f, NOT_FOUND)) {
                return Optional.empty();
            }
            throw f;
        }
    }

    private ActionResult result(Instance i, String region, String home, List<String> searched,
                                Map<String, ActionFailure> failed) {
        Map<String, String> tags = new TreeMap<>();
        for (Tag t : i.tags()) {
            tags.put(t.key(), t.value());
        }
        ObjectNode tagNode = Json.object();
        tags.forEach(tagNode::put);
        String state = i.state() == null ? null : i.state().nameAsString();
        String profile = i.iamInstanceProfile() == null ? null : i.iamInstanceProfile().arn();
        ObjectNode data = Json.obj(
                "found", true, "instanceId", i.instanceId(), "region", region, "state", state,
                "instanceType", i.instanceTypeAsString(), "launchTime", i.launchTime(), "imageId", i.imageId(),
                "keyName", i.keyName(), "iamInstanceProfile", profile, "vpcId", i.vpcId(), "subnetId", i.subnetId(),
                "publicIp", i.publicIpAddress(), "privateIp", i.privateIpAddress(), "tags", tagNode,
                "regionsSearched", Json.array(searched), "regionsFailed", failures(failed));

        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("Instance", i.instanceId());
        rows.put("Region", region);
        rows.put("State", state);
        rows.put("Type", i.instanceTypeAsString());
        rows.put("Launched", Times.iso(i.launchTime()));
        rows.put("Image", i.imageId());
        rows.put("Key pair", i.keyName());
        rows.put("Instance profile", profile);
        rows.put("VPC / subnet", join(i.vpcId(), i.subnetId()));
        rows.put("Public IP", i.publicIpAddress());
        rows.put("Private IP", i.privateIpAddress());
        tags.forEach((k, v) -> rows.put("Tag " + k, v));

        List<Finding> findings = new ArrayList<>();
        findings.add(Finding.info(i.instanceId() + " found in " + region + " (" + state + ", "
                + i.instanceTypeAsString() + ", launched " + Times.iso(i.launchTime()) + ")"));
        if (!region.equals(home)) {
            findings.add(Finding.warn(i.instanceId() + " runs in " + region + ", not in the session's region " + home
                    + ": attackers favour regions nobody watches; look for other resources there too"));
        }
        if (isLarge(i.instanceTypeAsString())) {
            findings.add(Finding.warn(i.instanceTypeAsString() + " is a large or accelerated instance type, typical of"
                    + " crypto-mining on stolen credentials and expensive by the hour"));
        }
        if (i.keyName() == null && i.iamInstanceProfile() != null) {
            findings.add(Finding.info("no key pair, but instance profile " + profile + " gives it AWS credentials"));
        }
        if (!failed.isEmpty()) {
            findings.add(Finding.warn(failed.size() + " region(s) could not be searched: " + describe(failed)
                    + "; the instance was found, so the answer stands"));
        }
        return new ActionResult(data, i.instanceId() + " is " + state + " in " + region,
                List.of(Tables.keyValue("Instance " + i.instanceId(), rows)), findings, List.of());
    }

    /** p*, g*, x*, inf*, trn*, dl*, metal, and 24xlarge or larger. */
    static boolean isLarge(String type) {
        if (type == null || !type.contains(".")) {
            return false;
        }
        String family = type.substring(0, type.indexOf('.'));
        String size = type.substring(type.indexOf('.') + 1);
        if (family.startsWith("p") || family.startsWith("g") || family.startsWith("x") || family.startsWith("inf")
                || family.startsWith("trn") || family.startsWith("dl")) {
            return true;
        }
        if (size.startsWith("metal")) {
            return true;
        }
        Matcher m = SIZE_XLARGE.matcher(size);
        return m.matches() && Integer.parseInt(m.group(1)) >= 24;
    }

    private static List<String> ordered(List<String> regions, String home) {
        List<String> out = new ArrayList<>();
        if (regions.contains(home)) {
            out.add(home);
        }
        regions.stream().filter(r -> !r.equals(home) && !out.contains(r)).forEach(out::add);
        return out;
    }

    static ArrayNode failures(Map<String, ActionFailure> failed) {
        ArrayNode a = Json.array();
        failed.forEach((r, f) -> a.add(Json.obj("region", r, "error", f.describe())));
        return a;
    }

    /** {@code eu-north-1 (no answer), ap-east-1 (AuthFailure)}: each failed region and, in a word, why. */
    static String describe(Map<String, ActionFailure> failed) {
        List<String> parts = new ArrayList<>();
        failed.forEach((r, f) -> parts.add(r + " (" + why(f) + ")"));
        return String.join(", ", parts);
    }

    private static String why(ActionFailure f) {
        if (f.kind() == ActionFailure.Kind.ACCESS_DENIED && f.missingPermission() != null) {
            return (f.errorCode() != null ? f.errorCode() : "access denied") + ", missing " + f.missingPermission();
        }
        if (f.errorCode() != null) {
            return f.errorCode();
        }
        return switch (f.kind()) {
            case UNREACHABLE -> "no answer";
            case CREDENTIALS -> "credentials refused";
            default -> f.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + " / " + b;
    }
}
