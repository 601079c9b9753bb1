package dev.irshell.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A scenario: the account before the incident (users, keys, roles, instances, regions, the
 * organization, contacts, costs per month, Lambda functions and layers), the
 * timeline that produced the incident (events at offsets before the sandbox start, with their
 * effects), and the objectives a grader checks. IDs are fixed in the file, so every sandbox of a
 * scenario is the same account. Times are offsets relative to the sandbox start (negative).
 */
public record Scenario(
        String name,
        String title,
        String description,
        String source,
        String accountId,
        List<String> optedInRegions,
        String operator,
        List<Policy> policies,
        List<User> users,
        List<Role> roles,
        List<Instance> instances,
        Map<String, Actor> actors,
        List<TimelineEntry> timeline,
        List<Objective> objectives,
        AccountInfo accountInfo,
        Org organization,
        Contacts contacts,
        List<Cost> costs,
        List<Function> lambdaFunctions,
        List<Layer> lambdaLayers,
        List<Group> groups,
        List<Image> images,
        List<Snapshot> snapshots) {

    /** Names of the account's customer managed policies before the incident. */
    public List<String> customerPolicies() {
        return policies.stream().map(Policy::name).toList();
    }

    /** Names of the scenarios shipped in {@code sandbox/scenarios/}. */
    private static final List<String> BUILTIN = List.of("leaked-key-cryptomining", "rogue-role-persistence",
            "fraudulent-linked-account", "quiet-account");

    public Scenario {
        optedInRegions = List.copyOf(optedInRegions);
        policies = List.copyOf(policies);
        groups = List.copyOf(groups);
        images = List.copyOf(images);
        snapshots = List.copyOf(snapshots);
        users = List.copyOf(users);
        roles = List.copyOf(roles);
        instances = List.copyOf(instances);
        actors = Map.copyOf(actors);
        timeline = List.copyOf(timeline);
        objectives = List.copyOf(objectives);
        costs = List.copyOf(costs);
        lambdaFunctions = List.copyOf(lambdaFunctions);
        lambdaLayers = List.copyOf(lambdaLayers);
    }

    /** Loads and validates a scenario file; {@link ScenarioException} lists every problem with file:line:col. */
    public static Scenario load(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ScenarioException(List.of(new ScenarioException.Problem(file.toString(), 0, 0,
                    "cannot read the file: " + e.getMessage())));
        }
        var notText = dev.irshell.runbook.TextCheck.firstNonUtf8(content);
        if (notText.isPresent()) {
            throw new ScenarioException(List.of(new ScenarioException.Problem(file.toString(), notText.get().line(),
                    notText.get().column(), "not a scenario: " + notText.get().describe()
                            + "; a scenario is a YAML text file in UTF-8 (is this the right file?)")));
        }
        return ScenarioLoader.parse(file.toString(), new String(content, StandardCharsets.UTF_8));
    }

    /** Parses scenario YAML text; {@code source} names it in messages. */
    public static Scenario parse(String source, String yaml) {
        return ScenarioLoader.parse(source, yaml);
    }

    /** A scenario shipped with irshell, e.g. {@code leaked-key-cryptomining} (the default). */
    public static Scenario builtin(String name) {
        if (!BUILTIN.contains(name)) {
            throw new IllegalArgumentException("No built-in scenario '" + name + "'. Built-in scenarios: "
                    + String.join(", ", BUILTIN));
        }
        String resource = "/sandbox/scenarios/" + name + ".yaml";
        try (InputStream in = Scenario.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Built-in scenario resource missing: " + resource);
            }
            return ScenarioLoader.parse("classpath:" + resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> builtinNames() {
        return BUILTIN;
    }

    /** The default scenario's name. */
    public static String defaultName() {
        return BUILTIN.get(0);
    }

    /** Where something was written in the scenario file. */
    public record Pos(String file, int line, int column) {
        @Override
        public String toString() {
            return line > 0 ? file + ":" + line + ":" + column : file;
        }
    }

    public record User(String name, String id, String path, Duration created, Duration passwordLastUsed,
                       LoginProfile loginProfile, List<String> attachedPolicies, List<InlinePolicy> inlinePolicies,
                       List<String> groups, List<String> mfaDevices, Map<String, String> tags,
                       List<Key> accessKeys, List<Credential> credentials, Pos pos) {
    }

    /** An inline policy of a user or role: a name, or {@code {name, document}} (JSON text or a mapping). */
    public record InlinePolicy(String name, String document) {
    }

    /**
     * A signing certificate, SSH public key or service-specific credential of a user (each blocks
     * DeleteUser); {@code serviceName}/{@code serviceUserName} only for service-specific ones.
     */
    public record Credential(UserCredential.Kind kind, String id, String status, Duration created,
                             String serviceName, String serviceUserName, Pos pos) {
    }

    /** A customer managed policy: {@code name}, or {@code {name, id, path, created, document}}. */
    public record Policy(String name, String id, String path, Duration created, String document, Pos pos) {
    }

    /** An IAM group; users join it by naming it in their {@code groups}. */
    public record Group(String name, String id, String path, Duration created, List<String> attachedPolicies,
                        Pos pos) {
    }

    /** An instance profile holding a role. */
    public record Profile(String name, String id, String path) {
    }

    /** An EBS volume attached to an instance ({@code volumes} of an instance or of a RunInstances instance). */
    public record Volume(String id, int size, String type, String device, boolean deleteOnTermination,
                         boolean encrypted) {
    }

    /** An AMI owned by the account. */
    public record Image(String id, String region, String name, String description, Duration created,
                        boolean isPublic, Map<String, String> tags, String origin, Pos pos) {
    }

    /** A completed EBS snapshot owned by the account. */
    public record Snapshot(String id, String region, String volumeId, int volumeSize, Duration created,
                           String description, Map<String, String> tags, String origin, Pos pos) {
    }

    public record LoginProfile(Duration created, boolean passwordResetRequired) {
    }

    public record Key(String id, String secret, AccessKey.Status status, Duration created, Pos pos) {
        @Override
        public String toString() {
            return "Key[" + id + ", " + status + "]";
        }
    }

    public record Role(String name, String id, String path, Duration created, List<String> attachedPolicies,
                       List<String> trustedPrincipals, int maxSessionDuration, List<InlinePolicy> inlinePolicies,
                       List<Profile> instanceProfiles, Pos pos) {
    }

    public record Instance(String id, String region, String reservationId, String imageId, String instanceType,
                           Ec2Instance.State state, Duration launched, String availabilityZone, String publicIp,
                           String privateIp, String keyName, String vpcId, String subnetId,
                           Map<String, String> tags, List<Volume> volumes, boolean disableApiTermination, Pos pos) {
    }

    /**
     * Who acts in the timeline: by access key (an IAM user's key, possibly one the timeline
     * creates), by console as {@code user}, or as an AWS {@code service}.
     */
    public record Actor(String name, String accessKeyId, String user, String service, String sourceIp,
                        String userAgent, Pos pos) {
    }

    /**
     * One timeline event: {@code event} is the API operation; {@code with} its parameters and the
     * fixed ids of what it creates; {@code errorCode} makes it a failed call without effect;
     * {@code every}/{@code times} repeat it (background activity).
     */
    public record TimelineEntry(Duration at, String actor, String event, String service, String region,
                                JsonNode with, String errorCode, String errorMessage, Duration every, int times,
                                Boolean readOnly, Pos pos) {
    }

    /**
     * The account itself: its name, root e-mail and creation (Account GetAccountInformation), and its
     * IAM account alias (ListAccountAliases; null when it has none).
     */
    public record AccountInfo(String name, String email, Duration created, boolean rootMfaActive, String alias) {
    }

    /**
     * The organization the account belongs to; null for a standalone account. The account is the
     * management account when {@code managementAccountId} is its id, else a member.
     */
    public record Org(String id, String featureSet, String managementAccountId, String managementEmail,
                      Duration created, List<MemberAccount> accounts, Pos pos) {
        public Org {
            accounts = List.copyOf(accounts);
        }
    }

    /** An account of the organization before the incident; {@code joinedMethod} INVITED or CREATED. */
    public record MemberAccount(String id, String name, String email, String status, String joinedMethod,
                                Duration joined, Pos pos) {
    }

    /** Primary contact (wire names: FullName, PhoneNumber...) and alternate contacts by type. */
    public record Contacts(Map<String, String> primary, List<AlternateContact> alternates, Pos pos) {
        public Contacts {
            primary = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(primary));
            alternates = List.copyOf(alternates);
        }
    }

    public record AlternateContact(String type, String name, String title, String emailAddress, String phoneNumber,
                                   Pos pos) {
    }

    /**
     * Cost Explorer spend: {@code month} 0 is the month of the sandbox start, -1 the one before;
     * {@code since} (optional) is when the spend began within that month.
     */
    public record Cost(int month, String service, String region, String linkedAccount,
                       java.math.BigDecimal amount, Duration since, Pos pos) {
    }

    /** A Lambda function before the incident; {@code origin} defaults to {@code scenario} (legitimate). */
    public record Function(String region, String name, String runtime, String role, String handler, int memory,
                           int timeout, Duration created, String description, long codeSize,
                           Map<String, String> environment, Map<String, String> tags, String origin,
                           String policy, Pos pos) {
    }

    /** The latest version of a Lambda layer before the incident. */
    public record Layer(String region, String name, long version, String description, Duration created,
                       List<String> compatibleRuntimes, String origin, Pos pos) {
    }

    /** A grading objective, kept as data: {@code keyInactive: AKIA...}, {@code nothingLegitimateDestroyed: true}. */
    public record Objective(String kind, JsonNode value, Pos pos) {
        public static final List<String> KINDS = List.of("keyInactive", "keyDeleted", "keyStillActive",
                "userDeleted", "userKept", "loginProfileDeleted", "policyDetached", "instanceTerminated",
                "instanceRunning", "snapshotBefore", "nothingLegitimateDestroyed", "roleDeleted", "functionDeleted",
                "functionKept", "alternateContactRestored", "sessionsRevoked");

        /** The value as text (an id or name), or null when it is not a scalar. */
        public String target() {
            return value.isValueNode() ? value.asText() : null;
        }
    }
}
