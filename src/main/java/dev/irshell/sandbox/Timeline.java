package dev.irshell.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Plays a scenario's timeline into the account in time order: each event is recorded in
 * CloudTrail event history and, when it changes something (RunInstances, CreateUser,
 * CreateAccessKey...), has that effect, with the ids the scenario fixes. Adding an effect is one
 * entry in {@link #EFFECTS}.
 */
final class Timeline {

    /** Event names of operations outside the sandbox's operation tables, by service. */
    private static final Map<String, String> EXTRA_EVENTS = Map.ofEntries(
            Map.entry("RunInstances", "ec2"), Map.entry("StartInstances", "ec2"),
            Map.entry("RequestSpotInstances", "ec2"), Map.entry("CreateKeyPair", "ec2"),
            Map.entry("ImportKeyPair", "ec2"), Map.entry("CreateSecurityGroup", "ec2"),
            Map.entry("AuthorizeSecurityGroupIngress", "ec2"), Map.entry("CreateTags", "ec2"),
            Map.entry("DescribeSecurityGroups", "ec2"), Map.entry("DescribeImages", "ec2"),
            Map.entry("DescribeKeyPairs", "ec2"), Map.entry("GetSessionToken", "sts"),
            Map.entry("GetFederationToken", "sts"), Map.entry("ConsoleLogin", "signin"),
            Map.entry("ListBuckets", "s3"), Map.entry("GetAccountSummary", "iam"),
            Map.entry("ListRoles", "iam"), Map.entry("ListPolicies", "iam"), Map.entry("PutUserPolicy", "iam"),
            Map.entry("AddUserToGroup", "iam"), Map.entry("UpdateLoginProfile", "iam"),
            Map.entry("CreateRole", "iam"), Map.entry("CreatePolicy", "iam"), Map.entry("AttachRolePolicy", "iam"),
            Map.entry("CreateInstanceProfile", "iam"), Map.entry("AddRoleToInstanceProfile", "iam"));

    private static final Map<String, String> SERVICE_OF = new HashMap<>(EXTRA_EVENTS);

    static {
        Sandbox.services().forEach(s -> s.operationNames().forEach(op -> SERVICE_OF.putIfAbsent(op, s.signingName())));
        ServiceEffects.SERVICE_OF.forEach(SERVICE_OF::putIfAbsent);
    }

    /** The service whose API an event name belongs to, or null when unknown. */
    static String serviceOf(String eventName) {
        return SERVICE_OF.get(eventName);
    }

    /** What an effect tells CloudTrail: request (as recorded), response, resources. */
    record Outcome(JsonNode requestParameters, JsonNode responseElements, List<TrailEvent.Resource> resources) {
    }

    /** The event being applied. */
    record Step(SandboxState state, Scenario.TimelineEntry entry, JsonNode with, Instant time, String actor,
                String region, Principal principal) {
        String text(String field) {
            JsonNode n = with.path(field);
            if (n.isMissingNode() || n.isNull() || !n.isValueNode()) {
                throw ScenarioBuilder.fail(entry.pos(), entry.event() + " needs 'with: {" + field + ": ...}'");
            }
            return n.asText();
        }

        String optional(String field, String dflt) {
            JsonNode n = with.path(field);
            return n.isValueNode() ? n.asText() : dflt;
        }

        IamUser user(String name) {
            return state.user(name).orElseThrow(() -> ScenarioBuilder.fail(entry.pos(), entry.event()
                    + ": no user '" + name + "' at this point of the timeline"));
        }

        ScenarioException fail(String message) {
            return ScenarioBuilder.fail(entry.pos(), entry.event() + ": " + message);
        }
    }

    @FunctionalInterface
    interface Effect {
        Outcome apply(Step step);
    }

    private static final Map<String, Effect> EFFECTS = Map.ofEntries(
            Map.entry("CreateUser", Timeline::createUser),
            Map.entry("CreateAccessKey", Timeline::createAccessKey),
            Map.entry("UpdateAccessKey", Timeline::updateAccessKey),
            Map.entry("DeleteAccessKey", Timeline::deleteAccessKey),
            Map.entry("CreateLoginProfile", Timeline::createLoginProfile),
            Map.entry("AttachUserPolicy", Timeline::attachUserPolicy),
            Map.entry("RunInstances", Timeline::runInstances),
            Map.entry("TerminateInstances", Timeline::terminateInstances),
            Map.entry("ConsoleLogin", Timeline::consoleLogin),
            Map.entry("CreateRole", RoleEffects::createRole),
            Map.entry("CreatePolicy", RoleEffects::createPolicy),
            Map.entry("AttachRolePolicy", RoleEffects::attachRolePolicy),
            Map.entry("AssumeRole", RoleEffects::assumeRole),
            Map.entry("CreatePolicyVersion", RoleEffects::createPolicyVersion),
            Map.entry("PutRolePolicy", RoleEffects::putRolePolicy),
            Map.entry("PutUserPolicy", RoleEffects::putUserPolicy),
            Map.entry("CreateInstanceProfile", RoleEffects::createInstanceProfile),
            Map.entry("AddRoleToInstanceProfile", RoleEffects::addRoleToInstanceProfile));

    private final Scenario scenario;
    private final SandboxState state;
    private final Instant start;
    private final EventRecorder recorder;
    private final Ids ids;

    Timeline(Scenario scenario, SandboxState state, Instant start, Ids ids) {
        this.ids = ids;
        this.scenario = scenario;
        this.state = state;
        this.start = start;
        this.recorder = new EventRecorder(state, ids);
    }

    void play() {
        record Occurrence(Instant time, int order, Scenario.TimelineEntry entry) {
        }
        List<Occurrence> occurrences = new ArrayList<>();
        int order = 0;
        for (Scenario.TimelineEntry e : scenario.timeline()) {
            for (int i = 0; i < e.times(); i++) {
                Instant t = start.plus(e.at());
                if (e.every() != null) {
                    t = t.plus(e.every().multipliedBy(i));
                }
                occurrences.add(new Occurrence(t, order++, e));
            }
        }
        occurrences.sort(Comparator.comparing(Occurrence::time).thenComparingInt(Occurrence::order));
        for (Occurrence o : occurrences) {
            apply(o.entry(), o.time());
        }
    }

    private void apply(Scenario.TimelineEntry e, Instant time) {
        Scenario.Actor actor = scenario.actors().get(e.actor());
        String service = e.service() != null ? e.service() : serviceOf(e.event());
        String region = switch (service) {
            case "iam", "signin", "organizations", "account", "ce" -> "us-east-1";
            default -> e.region() == null ? "us-east-1" : e.region();
        };
        Principal principal = principal(e, actor, time, service, region);
        JsonNode with = e.with().isObject() ? e.with() : JsonNodeFactory.instance.objectNode();
        Outcome outcome;
        Effect effect = EFFECTS.containsKey(e.event()) ? EFFECTS.get(e.event()) : ServiceEffects.EFFECTS.get(e.event());
        if (e.errorCode() != null || effect == null) {
            outcome = new Outcome(with, null, resourcesNamedIn(with));
        } else {
            outcome = effect.apply(new Step(state, e, with, time, e.actor(), region, principal));
        }
        boolean readOnly = e.readOnly() != null ? e.readOnly() : isReadOnly(e.event());
        boolean console = e.event().equals("ConsoleLogin");
        recorder.record(new EventRecorder.Happening(e.event(), service + ".amazonaws.com", region, time, readOnly,
                principal, actor.sourceIp() != null ? actor.sourceIp() : "AWS Internal",
                actor.userAgent() != null ? actor.userAgent() : "AWS Internal",
                EventRecorder.redact(outcome.requestParameters(), Set.of()),
                EventRecorder.redact(outcome.responseElements(), Set.of()), e.errorCode(),
                e.errorCode() == null ? null : e.errorMessage(), outcome.resources(),
                console ? null : ids.uuid(),
                console ? "AwsConsoleSignIn" : "AwsApiCall", null));
    }

    private Principal principal(Scenario.TimelineEntry e, Scenario.Actor actor, Instant time, String service,
                                String region) {
        if (actor.service() != null) {
            return Principal.awsService(actor.service());
        }
        if (actor.user() != null) {
            IamUser user = state.user(actor.user()).orElseThrow(() -> ScenarioBuilder.fail(e.pos(),
                    "actor '" + actor.name() + "' acts as user '" + actor.user() + "', who does not exist at "
                            + "this point of the timeline"));
            return Principal.user(user, state.accountId(), null);
        }
        if (actor.accessKeyId().startsWith("ASIA")) {
            StsSession session = state.session(actor.accessKeyId()).orElseThrow(() -> ScenarioBuilder.fail(e.pos(),
                    "actor '" + actor.name() + "' uses temporary key " + actor.accessKeyId() + ", which no "
                            + "AssumeRole has issued at this point of the timeline"));
            if (time.isAfter(session.expiration())) {
                throw ScenarioBuilder.fail(e.pos(), "actor '" + actor.name() + "' uses temporary key "
                        + session.accessKeyId() + ", which expired at " + Times.iso(session.expiration()));
            }
            return Principal.assumedRole(session, state.accountId());
        }
        AccessKey key = state.accessKey(actor.accessKeyId()).orElseThrow(() -> ScenarioBuilder.fail(e.pos(),
                "actor '" + actor.name() + "' uses access key " + actor.accessKeyId() + ", which does not exist at "
                        + "this point of the timeline"));
        if (!key.active()) {
            throw ScenarioBuilder.fail(e.pos(), "actor '" + actor.name() + "' uses access key " + key.id()
                    + ", which is inactive at this point of the timeline");
        }
        IamUser user = state.user(key.userName()).orElseThrow();
        state.putAccessKey(key.withLastUsed(time, service, region));
        return Principal.user(user, state.accountId(), key.id());
    }

    private static boolean isReadOnly(String event) {
        return Stream.of("Describe", "List", "Get", "Lookup").anyMatch(event::startsWith);
    }

    /** Resource names mentioned in the parameters of an event without effect. */
    private static List<TrailEvent.Resource> resourcesNamedIn(JsonNode with) {
        List<TrailEvent.Resource> out = new ArrayList<>();
        if (with.hasNonNull("userName")) {
            out.add(new TrailEvent.Resource("AWS::IAM::User", with.get("userName").asText()));
        }
        if (with.hasNonNull("instanceId")) {
            out.add(new TrailEvent.Resource("AWS::EC2::Instance", with.get("instanceId").asText()));
        }
        return out;
    }

    // ------------------------------------------------------------------ effects

    private static Outcome createUser(Step s) {
        String name = s.text("userName");
        if (s.state().user(name).isPresent()) {
            throw s.fail("user '" + name + "' already exists");
        }
        String path = s.optional("path", "/");
        IamUser user = new IamUser(name, s.text("userId"), path,
                "arn:aws:iam::" + s.state().accountId() + ":user" + path + name, s.time(), null, null,
                List.of(), List.of(), List.of(), List.of(), Map.of(), s.actor());
        s.state().putUser(user);
        ObjectNode request = obj().put("userName", name);
        ObjectNode response = obj();
        response.putObject("user").put("path", path).put("userName", name).put("userId", user.userId())
                .put("arn", user.arn()).put("createDate", Times.iso(s.time()));
        return new Outcome(request, response, List.of(new TrailEvent.Resource("AWS::IAM::User", name)));
    }

    private static Outcome createAccessKey(Step s) {
        String userName = s.text("userName");
        s.user(userName);
        if (s.state().accessKeysOf(userName).size() >= IamService.KEYS_PER_USER) {
            throw s.fail("user '" + userName + "' already has " + IamService.KEYS_PER_USER + " access keys");
        }
        String id = s.text("accessKeyId");
        if (s.state().accessKey(id).isPresent()) {
            throw s.fail("access key " + id + " already exists");
        }
        String secret = s.text("secretAccessKey");
        s.state().putAccessKey(new AccessKey(id, secret, userName, AccessKey.Status.Active, s.time(), null, null,
                null, s.actor()));
        ObjectNode response = obj();
        response.putObject("accessKey").put("userName", userName).put("accessKeyId", id).put("status", "Active")
                .put("createDate", Times.iso(s.time()));
        return new Outcome(obj().put("userName", userName), response, List.of(
                new TrailEvent.Resource("AWS::IAM::User", userName),
                new TrailEvent.Resource("AWS::IAM::AccessKey", id)));
    }

    private static Outcome updateAccessKey(Step s) {
        String id = s.text("accessKeyId");
        AccessKey key = s.state().accessKey(id).orElseThrow(() -> s.fail("no access key " + id));
        String status = s.text("status");
        try {
            s.state().putAccessKey(key.withStatus(AccessKey.Status.valueOf(status)));
        } catch (IllegalArgumentException e) {
            throw s.fail("status must be Active or Inactive, got '" + status + "'");
        }
        return new Outcome(obj().put("userName", key.userName()).put("accessKeyId", id).put("status", status), null,
                List.of(new TrailEvent.Resource("AWS::IAM::AccessKey", id)));
    }

    private static Outcome deleteAccessKey(Step s) {
        String id = s.text("accessKeyId");
        AccessKey key = s.state().accessKey(id).orElseThrow(() -> s.fail("no access key " + id));
        s.state().removeAccessKey(id);
        return new Outcome(obj().put("userName", key.userName()).put("accessKeyId", id), null,
                List.of(new TrailEvent.Resource("AWS::IAM::AccessKey", id)));
    }

    private static Outcome createLoginProfile(Step s) {
        String userName = s.text("userName");
        IamUser user = s.user(userName);
        boolean reset = Boolean.parseBoolean(s.optional("passwordResetRequired", "false"));
        s.state().putUser(user.withLoginProfile(new IamUser.LoginProfile(s.time(), reset)));
        ObjectNode response = obj();
        response.putObject("loginProfile").put("userName", userName).put("createDate", Times.iso(s.time()))
                .put("passwordResetRequired", reset);
        return new Outcome(obj().put("userName", userName).put("passwordResetRequired", reset), response,
                List.of(new TrailEvent.Resource("AWS::IAM::User", userName)));
    }

    private static Outcome attachUserPolicy(Step s) {
        String userName = s.text("userName");
        IamUser user = s.user(userName);
        String arn = s.text("policyArn");
        if (!s.state().policyExists(arn)) {
            throw s.fail("unknown policy " + arn);
        }
        if (!user.attachedPolicyArns().contains(arn)) {
            List<String> arns = new ArrayList<>(user.attachedPolicyArns());
            arns.add(arn);
            s.state().putUser(user.withAttachedPolicyArns(arns));
        }
        return new Outcome(obj().put("userName", userName).put("policyArn", arn), null, List.of(
                new TrailEvent.Resource("AWS::IAM::User", userName), new TrailEvent.Resource("AWS::IAM::Policy", arn)));
    }

    /**
     * {@code with: {imageId, instanceType, reservationId, keyName?, instances: [{instanceId,
     * publicIp?, privateIp?, availabilityZone?, tags?}]}}.
     */
    private static Outcome runInstances(Step s) {
        if (s.state().region(s.region()).filter(RegionInfo::enabled).isEmpty()) {
            throw s.fail("region " + s.region() + " is not enabled in this account");
        }
        String imageId = s.text("imageId");
        String type = s.text("instanceType");
        String reservation = s.text("reservationId");
        JsonNode list = s.with().path("instances");
        if (!list.isArray() || list.isEmpty()) {
            throw s.fail("needs 'with: {instances: [{instanceId: i-...}]}'");
        }
        ObjectNode response = obj();
        response.put("reservationId", reservation).put("ownerId", s.state().accountId());
        ArrayNode items = response.putObject("instancesSet").putArray("items");
        List<TrailEvent.Resource> resources = new ArrayList<>();
        for (JsonNode i : list) {
            String id = i.path("instanceId").asText(null);
            if (id == null || !id.matches("i-[0-9a-f]{8}([0-9a-f]{9})?")) {
                throw s.fail("each instance needs an instanceId like i-0123456789abcdef0");
            }
            if (s.state().instance(id).isPresent()) {
                throw s.fail("instance " + id + " already exists");
            }
            Map<String, String> tags = new LinkedHashMap<>();
            i.path("tags").fields().forEachRemaining(t -> tags.put(t.getKey(), t.getValue().asText()));
            String az = i.path("availabilityZone").asText(Regions.firstZone(s.region()));
            s.state().putInstance(new Ec2Instance(id, s.region(), reservation, imageId, type,
                    Ec2Instance.State.RUNNING, s.time(), az, i.path("publicIp").asText(null),
                    i.path("privateIp").asText(null), s.optional("keyName", null), null, null, tags,
                    i.path("disableApiTermination").asBoolean(false), s.actor()));
            ScenarioBuilder.addVolumes(s.state(), id, s.region(), az, s.time(), volumes(s, i.path("volumes")),
                    s.actor(), s.entry().pos());
            items.addObject().put("instanceId", id).put("imageId", imageId).put("instanceType", type)
                    .put("launchTime", Times.iso(s.time()));
            resources.add(new TrailEvent.Resource("AWS::EC2::Instance", id));
        }
        ObjectNode request = obj();
        request.put("imageId", imageId).put("instanceType", type).put("minCount", list.size())
                .put("maxCount", list.size());
        if (s.optional("keyName", null) != null) {
            request.put("keyName", s.optional("keyName", null));
        }
        return new Outcome(request, response, resources);
    }

    /** {@code volumes: [{volumeId, size?, type?, device?, deleteOnTermination?}]} of a RunInstances instance. */
    private static List<Scenario.Volume> volumes(Step s, JsonNode list) {
        List<Scenario.Volume> out = new ArrayList<>();
        int i = 0;
        for (JsonNode v : list) {
            String id = v.path("volumeId").asText("");
            if (!id.matches("vol-[0-9a-f]{8}([0-9a-f]{9})?")) {
                throw s.fail("each volume needs a volumeId like vol-0123456789abcdef0");
            }
            out.add(new Scenario.Volume(id, v.path("size").asInt(8), v.path("type").asText("gp3"),
                    v.path("device").asText(i == 0 ? "/dev/xvda" : "/dev/sd" + (char) ('f' + i - 1)),
                    v.path("deleteOnTermination").asBoolean(i == 0), v.path("encrypted").asBoolean(false)));
            i++;
        }
        return out;
    }

    private static Outcome terminateInstances(Step s) {
        ArrayNode ids = obj().putArray("items");
        List<TrailEvent.Resource> resources = new ArrayList<>();
        for (JsonNode idNode : s.with().path("instanceIds")) {
            String id = idNode.asText();
            Ec2Instance instance = s.state().instance(id).orElseThrow(() -> s.fail("no instance " + id));
            s.state().putInstance(instance.withState(Ec2Instance.State.TERMINATED));
            for (Ec2Volume v : s.state().volumesOf(id)) {
                if (v.deleteOnTermination()) {
                    s.state().removeVolume(v.id());
                } else {
                    s.state().putVolume(v.detached());
                }
            }
            ids.addObject().put("instanceId", id);
            resources.add(new TrailEvent.Resource("AWS::EC2::Instance", id));
        }
        if (resources.isEmpty()) {
            throw s.fail("needs 'with: {instanceIds: [i-...]}'");
        }
        ObjectNode request = obj();
        request.putObject("instancesSet").set("items", ids);
        return new Outcome(request, null, resources);
    }

    private static Outcome consoleLogin(Step s) {
        if (s.principal().userName() == null) {
            throw s.fail("a console sign-in needs an actor with 'user:'");
        }
        IamUser user = s.user(s.principal().userName());
        if (user.loginProfile() == null) {
            throw s.fail("user '" + user.name() + "' has no console password at this point of the timeline");
        }
        s.state().putUser(user.withPasswordLastUsed(s.time()));
        ObjectNode response = obj().put("ConsoleLogin", "Success");
        return new Outcome(null, response, List.of());
    }

    private static ObjectNode obj() {
        return JsonNodeFactory.instance.objectNode();
    }
}
