package dev.irshell.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Grades a sandbox session against its scenario's objectives, from three things only: the
 * account's final state, the CloudTrail events recorded in the sandbox, and the objectives.
 *
 * <p><b>The trainee's actions.</b> The scenario's timeline records exactly one event per
 * occurrence before the session starts, so the events after those are the session's. Of those,
 * the calls made with a key of a scenario actor (the attacker's keys and sessions, the
 * application's key) are not the trainee's; every other session call is. Only successful calls
 * count as actions; failed ones are mentioned in the feedback.
 *
 * <p><b>Decisions.</b> {@code keyDeleted} is met when the key is gone; when a key defined in the
 * scenario (one a legitimate application might still use) was deleted while still Active, it is
 * met with a warning, since the procedure is to deactivate, confirm nothing breaks, then delete.
 * A key the attacker created may be deleted directly. {@code nothingLegitimateDestroyed} treats
 * every resource defined in the scenario as legitimate, except those the objectives say to
 * remove; deactivating, deleting, stopping or terminating one during the session misses it, even
 * if it was restored later (the application was down in between).
 */
public final class Grader {
    private static final String KEY = "AWS::IAM::AccessKey";
    private static final String USER = "AWS::IAM::User";
    private static final String ROLE = "AWS::IAM::Role";
    private static final String POLICY = "AWS::IAM::Policy";
    private static final String INSTANCE = "AWS::EC2::Instance";
    private static final Set<String> SNAPSHOT_EVENTS = Set.of("CreateSnapshot", "CreateSnapshots");

    private final Scenario scenario;
    private final SandboxState state;
    private final Instant start;
    /** Every event, in recording order. */
    private final List<TrailEvent> events;
    /** The trainee's calls during the session, failed ones included, in order. */
    private final List<TrailEvent> trainee;

    private Grader(Scenario scenario, SandboxState state, Instant start) {
        this.scenario = scenario;
        this.state = state;
        this.start = start;
        this.events = state.events();
        int timelineEvents = scenario.timeline().stream().mapToInt(Scenario.TimelineEntry::times).sum();
        Set<String> actorKeys = scenario.actors().values().stream().map(Scenario.Actor::accessKeyId)
                .filter(Objects::nonNull).collect(Collectors.toSet());
        this.trainee = events.subList(Math.min(timelineEvents, events.size()), events.size()).stream()
                .filter(e -> e.accessKeyId() == null || !actorKeys.contains(e.accessKeyId())).toList();
    }

    /** Grades the sandbox as it is now; call it when the session ends. */
    public static Grade grade(Sandbox sandbox) {
        return grade(sandbox.scenario(), sandbox.state(), sandbox.startTime());
    }

    static Grade grade(Scenario scenario, SandboxState state, Instant start) {
        Grader g = new Grader(scenario, state, start);
        List<Grade.Check> checks = new ArrayList<>();
        for (Scenario.Objective o : scenario.objectives()) {
            checks.add(g.check(o));
        }
        return new Grade(scenario.name(), checks);
    }

    private Grade.Check check(Scenario.Objective o) {
        String t = o.target();
        return switch (o.kind()) {
            case "keyInactive" -> keyInactive(t);
            case "keyDeleted" -> keyDeleted(t);
            case "keyStillActive" -> keyStillActive(t);
            case "userDeleted" -> userDeleted(t);
            case "userKept" -> userKept(t);
            case "loginProfileDeleted" -> loginProfileDeleted(t);
            case "policyDetached" -> policyDetached(o.value());
            case "instanceTerminated" -> instanceTerminated(t);
            case "instanceRunning" -> instanceRunning(t);
            case "snapshotBefore" -> snapshotBefore(ObjectiveShapes.instances(o.value()));
            case "roleDeleted" -> roleDeleted(t);
            case "sessionsRevoked" -> sessionsRevoked(t);
            case "functionDeleted" -> function(o.kind(), t, true);
            case "functionKept" -> function(o.kind(), t, false);
            case "alternateContactRestored" -> alternateContact(o.value());
            case "nothingLegitimateDestroyed" -> nothingLegitimateDestroyed();
            default -> new Grade.Check(o.kind(), String.valueOf(t), false, "The grader does not know objective '"
                    + o.kind() + "' (" + o.pos() + ").");
        };
    }

    // ------------------------------------------------------------------ access keys

    private Grade.Check keyInactive(String id) {
        String name = "keyInactive";
        Optional<AccessKey> key = state.accessKey(id);
        if (key.isEmpty()) {
            return met(name, id, id + " was deleted" + when(last("DeleteAccessKey", KEY, id))
                    + ", which also disables it.");
        }
        if (!key.get().active()) {
            Optional<TrailEvent> off = lastUpdate(id, "Inactive");
            return met(name, id, off.map(e -> "You deactivated " + id + " (" + owner(id) + ")" + at(e) + ".")
                    .orElse(id + " (" + owner(id) + ") was already inactive before the session."));
        }
        return missed(name, id, id + " (" + owner(id) + ") is still Active" + did(KEY, id)
                + ": deactivate the leaked key first (iam.deactivateAccessKey), delete it once the application is "
                + "confirmed to work (iam.deleteAccessKey).");
    }

    private Grade.Check keyDeleted(String id) {
        String name = "keyDeleted";
        Optional<AccessKey> key = state.accessKey(id);
        if (key.isPresent()) {
            if (key.get().active()) {
                return missed(name, id, id + " (" + owner(id) + ") still exists and is Active" + did(KEY, id)
                        + ": deactivate it (iam.deactivateAccessKey), confirm nothing legitimate breaks, then delete "
                        + "it (iam.deleteAccessKey).");
            }
            return missed(name, id, id + " (" + owner(id) + ") is Inactive but not deleted" + did(KEY, id)
                    + ": anyone allowed iam:UpdateAccessKey can reactivate it; once the application is confirmed to "
                    + "work, delete it (iam.deleteAccessKey).");
        }
        Optional<TrailEvent> deletion = last("DeleteAccessKey", KEY, id);
        if (deletion.isEmpty()) {
            return met(name, id, id + " was already deleted before the session.");
        }
        TrailEvent del = deletion.get();
        if (statusBefore(id, del) == AccessKey.Status.Inactive) {
            Optional<TrailEvent> off = lastUpdateBefore(id, del);
            return met(name, id, "You " + off.map(e -> "deactivated " + id + at(e) + " and then ").orElse("")
                    + "deleted it" + at(del) + ": deactivate first, delete once nothing legitimate broke, as the "
                    + "procedure says.");
        }
        if (!definedKeys().contains(id)) {
            return met(name, id, "You deleted " + id + at(del) + ". It was created by the attacker, so nothing "
                    + "legitimate depended on it and deleting it at once was fine.");
        }
        return met(name, id, "Warning: you deleted " + id + " (" + owner(id) + ")" + at(del) + " while it was still "
                + "Active. A deleted key cannot be restored: next time deactivate it first (iam.deactivateAccessKey), "
                + "confirm the application still works, then delete it (iam.deleteAccessKey).");
    }

    private Grade.Check keyStillActive(String id) {
        String name = "keyStillActive";
        Optional<AccessKey> key = state.accessKey(id);
        if (key.isEmpty()) {
            return missed(name, id, id + " (" + owner(id) + ") was deleted" + did(KEY, id) + ". It is a legitimate "
                    + "application key and cannot be restored: the application now needs a new key "
                    + "(iam.createAccessKey) deployed. Check who uses a key (CloudTrail by access key, "
                    + "iam.accessKeyOwner) before touching it.");
        }
        if (!key.get().active()) {
            return missed(name, id, id + " (" + owner(id) + ") is Inactive" + did(KEY, id) + ". It is a legitimate "
                    + "application key: reactivate it now (iam.reactivateAccessKey), and before deactivating a key, "
                    + "check in CloudTrail who uses it and from where.");
        }
        Optional<TrailEvent> off = lastUpdate(id, "Inactive");
        return met(name, id, id + " (" + owner(id) + ") is still Active: whoever uses it legitimately was not cut off."
                + off.map(e -> " You deactivated it" + at(e) + " and reactivated it later, so it was down in between: "
                + "check who uses a key before deactivating it.").orElse(""));
    }

    /** The key's status just before {@code event}: as defined (or Active if created later), then every update. */
    private AccessKey.Status statusBefore(String id, TrailEvent event) {
        AccessKey.Status status = scenario.users().stream().flatMap(u -> u.accessKeys().stream())
                .filter(k -> k.id().equals(id)).map(Scenario.Key::status).findFirst().orElse(AccessKey.Status.Active);
        for (TrailEvent e : events) {
            if (e.sequence() >= event.sequence()) {
                break;
            }
            if (e.errorCode() == null && e.eventName().equals("UpdateAccessKey") && touches(e, KEY, id)) {
                status = "Inactive".equals(param(e, "status")) ? AccessKey.Status.Inactive : AccessKey.Status.Active;
            }
        }
        return status;
    }

    private Optional<TrailEvent> lastUpdateBefore(String id, TrailEvent event) {
        return actions().filter(e -> e.sequence() < event.sequence() && e.eventName().equals("UpdateAccessKey")
                && touches(e, KEY, id) && "Inactive".equals(param(e, "status"))).reduce((a, b) -> b);
    }

    private Optional<TrailEvent> lastUpdate(String id, String status) {
        return actions().filter(e -> e.eventName().equals("UpdateAccessKey") && touches(e, KEY, id)
                && status.equals(param(e, "status"))).reduce((a, b) -> b);
    }

    private Set<String> definedKeys() {
        return scenario.users().stream().flatMap(u -> u.accessKeys().stream()).map(Scenario.Key::id)
                .collect(Collectors.toSet());
    }

    /** "user NAME", from the account, the scenario or the event that created the key. */
    private String owner(String keyId) {
        Optional<String> user = state.accessKey(keyId).map(AccessKey::userName)
                .or(() -> scenario.users().stream().filter(u -> u.accessKeys().stream()
                        .anyMatch(k -> k.id().equals(keyId))).map(Scenario.User::name).findFirst())
                .or(() -> events.stream().filter(e -> touches(e, KEY, keyId)).map(e -> param(e, "userName"))
                        .filter(Objects::nonNull).findFirst());
        return user.map(u -> "user " + u).orElse("owner unknown");
    }

    // ------------------------------------------------------------------ users

    private Grade.Check userDeleted(String name) {
        String kind = "userDeleted";
        Optional<IamUser> user = state.user(name);
        if (user.isEmpty()) {
            return met(kind, name, "User " + name + " no longer exists" + when(last("DeleteUser", USER, name)) + ".");
        }
        List<String> left = leftovers(user.get());
        return missed(kind, name, "User " + name + " still exists" + (left.isEmpty() ? "" : " with "
                + String.join(", ", left)) + did(USER, name) + ". IAM deletes a user only once its console password, "
                + "access keys, signing certificates, SSH keys, service credentials, MFA devices, policies and "
                + "groups are gone: iam.deleteUser removes them in AWS's order and captures them first.");
    }

    private List<String> leftovers(IamUser u) {
        List<String> left = new ArrayList<>();
        if (u.loginProfile() != null) {
            left.add("a console password");
        }
        for (AccessKey k : state.accessKeysOf(u.name())) {
            left.add("key " + k.id() + " (" + k.status() + ")");
        }
        u.attachedPolicyArns().forEach(p -> left.add("policy " + ManagedPolicies.name(p)));
        u.inlinePolicyNames().forEach(p -> left.add("inline policy " + p));
        u.groups().forEach(g -> left.add("group " + g));
        u.mfaSerials().forEach(m -> left.add("MFA device " + m));
        for (UserCredential.Kind kind : UserCredential.Kind.values()) {
            state.credentialsOf(u.name(), kind).forEach(c -> left.add(switch (kind) {
                case SIGNING_CERTIFICATE -> "signing certificate ";
                case SSH_PUBLIC_KEY -> "SSH key ";
                case SERVICE_SPECIFIC_CREDENTIAL -> "service credential ";
            } + c.id()));
        }
        return left;
    }

    private Grade.Check userKept(String name) {
        String kind = "userKept";
        if (state.user(name).isPresent()) {
            return met(kind, name, "User " + name + " is still there" + did(USER, name) + ".");
        }
        return missed(kind, name, "User " + name + " was deleted" + did(USER, name) + ". It is a legitimate user, "
                + "and a deleted user cannot be restored (its keys and password go with it). To contain a user you "
                + "suspect, deactivate its keys and remove its console password, and keep the user for the "
                + "investigation.");
    }

    private Grade.Check loginProfileDeleted(String name) {
        String kind = "loginProfileDeleted";
        Optional<IamUser> user = state.user(name);
        if (user.isEmpty()) {
            return met(kind, name, "User " + name + " was deleted, and its console password with it.");
        }
        if (user.get().loginProfile() == null) {
            return met(kind, name, name + " can no longer sign in to the console" + did(USER, name) + ".");
        }
        IamUser u = user.get();
        return missed(kind, name, name + " still has a console password (created " + Times.iso(u.loginProfile()
                .created()) + (u.passwordLastUsed() == null ? "" : ", last used " + Times.iso(u.passwordLastUsed()))
                + ")" + did(USER, name) + ": remove it (iam.disableConsoleAccess) so nobody can sign in with it.");
    }

    // ------------------------------------------------------------------ policies and roles

    private Grade.Check policyDetached(JsonNode value) {
        String kind = "policyDetached";
        String arn = value.isTextual() ? value.asText() : value.path("policyArn").asText();
        String onlyUser = value.path("user").asText(null);
        String onlyRole = value.path("role").asText(null);
        String subject = ManagedPolicies.name(arn) + (onlyUser != null ? " on user " + onlyUser
                : onlyRole != null ? " on role " + onlyRole : "");
        List<String> holders = new ArrayList<>();
        state.users().stream().filter(u -> onlyRole == null && (onlyUser == null || u.name().equals(onlyUser)))
                .filter(u -> u.attachedPolicyArns().contains(arn)).forEach(u -> holders.add("user " + u.name()));
        state.roles().stream().filter(r -> onlyUser == null && (onlyRole == null || r.name().equals(onlyRole)))
                .filter(r -> r.attachedPolicyArns().contains(arn)).forEach(r -> holders.add("role " + r.name()));
        if (holders.isEmpty()) {
            return met(kind, subject, arn + " is no longer attached" + (onlyUser != null ? " to user " + onlyUser
                    : onlyRole != null ? " to role " + onlyRole : " to anyone") + ".");
        }
        return missed(kind, subject, arn + " is still attached to " + String.join(", ", holders) + ": detach it "
                + "(DetachUserPolicy / DetachRolePolicy) so the permissions it grants are gone.");
    }

    private Grade.Check roleDeleted(String name) {
        String kind = "roleDeleted";
        Optional<IamRole> role = state.role(name);
        if (role.isEmpty()) {
            return met(kind, name, "Role " + name + " no longer exists" + when(last("DeleteRole", ROLE, name))
                    + "; sessions issued for it no longer get its permissions.");
        }
        IamRole r = role.get();
        Instant now = events.isEmpty() ? start : events.get(events.size() - 1).eventTime();
        List<String> live = state.sessions().stream().filter(s -> s.roleName().equals(name))
                .filter(s -> s.expiration().isAfter(now)).map(s -> s.accessKeyId() + " until "
                        + Times.iso(s.expiration())).toList();
        return missed(kind, name, "Role " + name + " still exists, trusting " + String.join(", ",
                r.trustedPrincipals()) + (r.attachedPolicyArns().isEmpty() ? "" : ", with " + r.attachedPolicyArns()
                .stream().map(ManagedPolicies::name).collect(Collectors.joining(", ")))
                + (live.isEmpty() ? "" : "; live sessions: " + String.join(", ", live)) + did(ROLE, name)
                + ". Cut its sessions (revoke active sessions: a deny on aws:TokenIssueTime), detach its policies "
                + "(DetachRolePolicy), then delete it (DeleteRole).");
    }

    /**
     * Met when the role is gone, or when an AWSRevokeOlderSessions-style deny on aws:TokenIssueTime
     * with a cut-off at or after the session start is on it: every session issued before is refused.
     */
    private Grade.Check sessionsRevoked(String name) {
        String kind = "sessionsRevoked";
        Optional<IamRole> role = state.role(name);
        List<StsSession> sessions = state.sessions().stream().filter(s -> s.roleName().equals(name)).toList();
        if (role.isEmpty()) {
            return met(kind, name, "Role " + name + " was deleted" + when(last("DeleteRole", ROLE, name)) + ", so its "
                    + sessions.size() + " session(s) lost its permissions with it.");
        }
        Instant now = events.isEmpty() ? start : events.get(events.size() - 1).eventTime();
        Optional<Instant> cutoff = PolicyDocuments.revokedBefore(state, "role", name);
        List<String> live = sessions.stream().filter(s -> s.expiration().isAfter(now))
                .filter(s -> cutoff.isEmpty() || !s.issued().isBefore(cutoff.get()))
                .map(s -> s.accessKeyId() + " (issued " + Times.iso(s.issued()) + ", valid until "
                        + Times.iso(s.expiration()) + ")").toList();
        Optional<TrailEvent> put = actions().filter(e -> e.eventName().equals("PutRolePolicy")
                && touches(e, ROLE, name)).reduce((a, b) -> b);
        if (cutoff.isPresent() && !cutoff.get().isBefore(start)) {
            long refused = sessions.stream().filter(s -> s.issued().isBefore(cutoff.get())).count();
            return met(kind, name, "Sessions of " + name + " issued before " + Times.iso(cutoff.get()) + " are refused"
                    + put.map(e -> " (you put " + PolicyDocuments.REVOKE_OLDER_SESSIONS + at(e) + ")").orElse("")
                    + ": " + refused + " session(s) cut off" + (live.isEmpty() ? "."
                    : "; still working, issued after the cut-off: " + String.join(", ", live)
                    + ". Whoever holds the role's trust can get new sessions: fix the trust policy or delete the role."));
        }
        return missed(kind, name, "Sessions of " + name + " still work" + (cutoff.isPresent() ? " (the deny on "
                + "aws:TokenIssueTime cuts off only sessions issued before " + Times.iso(cutoff.get()) + ", before "
                + "the incident response began)" : "") + (live.isEmpty() ? "" : "; live: " + String.join(", ", live))
                + did(ROLE, name) + ". Temporary credentials stay valid until they expire (up to 12 hours for this "
                + "role) even after the attacker's key is disabled: revoke them first (iam.revokeRoleSessions puts "
                + "the AWSRevokeOlderSessions deny on aws:TokenIssueTime), then remove the role.");
    }

    // ------------------------------------------------------------------ Lambda and account

    private Grade.Check function(String kind, String arn, boolean shouldBeGone) {
        boolean exists = state.functions().stream().anyMatch(f -> f.arn().equals(arn));
        String name = arn.substring(arn.lastIndexOf(':') + 1);
        if (shouldBeGone) {
            return exists
                    ? missed(kind, arn, "Function " + name + " still runs and bills by the millisecond: capture its "
                            + "configuration, then delete it (lambda.deleteFunction).")
                    : met(kind, arn, "Function " + name + " is gone.");
        }
        return exists ? met(kind, arn, "Function " + name + " is still there: the business needs it.")
                : missed(kind, arn, "Function " + name + " was legitimate and is gone: check a function's creator "
                        + "and creation time in CloudTrail before deleting it.");
    }

    private Grade.Check alternateContact(com.fasterxml.jackson.databind.JsonNode want) {
        String kind = "alternateContactRestored";
        String type = want.path("type").asText();
        String email = want.path("emailAddress").asText();
        Optional<AccountContacts.Alternate> now = state.alternateContact(type);
        if (now.isPresent() && email.equalsIgnoreCase(now.get().emailAddress())) {
            return met(kind, type, "The " + type + " alternate contact is " + email + " again.");
        }
        return missed(kind, type, "The " + type + " alternate contact is " + now.map(AccountContacts.Alternate::emailAddress)
                .orElse("not set") + ", not " + email + ": AWS sends " + type.toLowerCase(java.util.Locale.ROOT)
                + " notices there; confirm the account's contacts (account.contacts) and put the right one back.");
    }

    // ------------------------------------------------------------------ instances

    private Grade.Check instanceTerminated(String id) {
        String kind = "instanceTerminated";
        Optional<Ec2Instance> instance = state.instance(id);
        if (instance.isEmpty()) {
            return missed(kind, id, "There is no instance " + id + " in the account.");
        }
        Ec2Instance i = instance.get();
        String what = id + " (" + i.instanceType() + " in " + i.region() + ")";
        return switch (i.state()) {
            case TERMINATED, SHUTTING_DOWN -> met(kind, id, what + " is terminated" + did(INSTANCE, id) + ".");
            case STOPPED, STOPPING -> missed(kind, id, what + " is stopped, not terminated" + did(INSTANCE, id)
                    + ": a stopped instance keeps its disks and can be started again. Snapshot its volumes for "
                    + "evidence, then terminate it (TerminateInstances in " + i.region() + ").");
            default -> missed(kind, id, what + " is still " + i.state().wireName() + " and costs money every hour"
                    + did(INSTANCE, id) + ": snapshot its volumes, then terminate it (TerminateInstances in "
                    + i.region() + "). Look in every region, also those the company never uses (ec2.findInstance).");
        };
    }

    private Grade.Check instanceRunning(String id) {
        String kind = "instanceRunning";
        Optional<Ec2Instance> instance = state.instance(id);
        if (instance.isEmpty()) {
            return missed(kind, id, "There is no instance " + id + " in the account.");
        }
        Ec2Instance i = instance.get();
        String what = id + nameTag(i);
        if (i.state() == Ec2Instance.State.RUNNING) {
            return met(kind, id, what + " is still running" + did(INSTANCE, id) + ".");
        }
        String fix = i.state() == Ec2Instance.State.TERMINATED || i.state() == Ec2Instance.State.SHUTTING_DOWN
                ? "A terminated instance cannot be brought back; it has to be rebuilt from backups."
                : "Start it again (StartInstances).";
        return missed(kind, id, what + " is " + i.state().wireName() + did(INSTANCE, id) + ". It is one of the "
                + "company's own instances. " + fix + " Before stopping or terminating an instance, find who "
                + "launched it (RunInstances in CloudTrail, ec2.findInstance) and act only on the attacker's.");
    }

    private Grade.Check snapshotBefore(List<String> ids) {
        String kind = "snapshotBefore";
        String subject = String.join(", ", ids);
        List<String> good = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (String id : ids) {
            Optional<TrailEvent> snapshot = actions().filter(e -> SNAPSHOT_EVENTS.contains(e.eventName())
                    && mentions(e, id)).findFirst();
            Optional<TrailEvent> termination = actions().filter(e -> e.eventName().equals("TerminateInstances")
                    && touches(e, INSTANCE, id)).findFirst();
            if (snapshot.isPresent() && (termination.isEmpty()
                    || snapshot.get().sequence() < termination.get().sequence())) {
                good.add(id + " snapshotted" + at(snapshot.get()) + termination.map(e -> ", terminated" + at(e))
                        .orElse(""));
            } else if (snapshot.isPresent()) {
                bad.add(id + " was terminated" + at(termination.get()) + " before its snapshot" + at(snapshot.get()));
            } else {
                bad.add(id + termination.map(e -> " was terminated" + at(e) + " without a snapshot")
                        .orElse(" has no snapshot"));
            }
        }
        if (bad.isEmpty()) {
            return met(kind, subject, "Evidence kept: " + String.join("; ", good) + ".");
        }
        return missed(kind, subject, "Expected a snapshot of each instance's volumes (CreateSnapshots) before it is "
                + "terminated; " + String.join("; ", bad) + ". A snapshot keeps the evidence (what the attacker "
                + "ran, what they left) after the instance is gone: take it first, then terminate.");
    }

    private static String nameTag(Ec2Instance i) {
        String n = i.tags().get("Name");
        return n == null ? "" : " (" + n + ")";
    }

    // ------------------------------------------------------------------ nothing legitimate destroyed

    private Grade.Check nothingLegitimateDestroyed() {
        String kind = "nothingLegitimateDestroyed";
        Set<String> keys = new LinkedHashSet<>(definedKeys());
        Set<String> users = new LinkedHashSet<>();
        Set<String> logins = new LinkedHashSet<>();
        scenario.users().forEach(u -> {
            users.add(u.name());
            if (u.loginProfile() != null) {
                logins.add(u.name());
            }
        });
        Set<String> roles = scenario.roles().stream().map(Scenario.Role::name).collect(Collectors.toSet());
        Set<String> instances = scenario.instances().stream().map(Scenario.Instance::id).collect(Collectors.toSet());
        Set<String> policies = scenario.customerPolicies().stream()
                .map(p -> "arn:aws:iam::" + scenario.accountId() + ":policy/" + p).collect(Collectors.toSet());
        for (Scenario.Objective o : scenario.objectives()) {
            String t = o.target();
            switch (o.kind()) {
                case "keyInactive", "keyDeleted" -> keys.remove(t);
                case "userDeleted" -> {
                    users.remove(t);
                    logins.remove(t);
                    keys.removeAll(scenario.users().stream().filter(u -> u.name().equals(t))
                            .flatMap(u -> u.accessKeys().stream()).map(Scenario.Key::id).toList());
                }
                case "loginProfileDeleted" -> logins.remove(t);
                case "roleDeleted" -> roles.remove(t);
                case "instanceTerminated" -> instances.remove(t);
                default -> {
                }
            }
        }
        Map<String, String> destroyed = new LinkedHashMap<>();
        for (TrailEvent e : (Iterable<TrailEvent>) actions()::iterator) {
            switch (e.eventName()) {
                case "UpdateAccessKey" -> named(e, KEY).filter(keys::contains)
                        .filter(k -> "Inactive".equals(param(e, "status")))
                        .forEach(k -> destroyed.putIfAbsent(k, "deactivated key " + k + " (" + owner(k) + ")" + at(e)
                                + (state.accessKey(k).filter(AccessKey::active).isPresent()
                                ? " (reactivated later, but it was down in between)" : "")));
                case "DeleteAccessKey" -> named(e, KEY).filter(keys::contains)
                        .forEach(k -> destroyed.put(k, "deleted key " + k + " (" + owner(k) + ")" + at(e)));
                case "DeleteUser" -> named(e, USER).filter(users::contains)
                        .forEach(u -> destroyed.put("user:" + u, "deleted user " + u + at(e)));
                case "DeleteLoginProfile" -> named(e, USER).filter(logins::contains)
                        .forEach(u -> destroyed.put("login:" + u, "removed the console password of " + u + at(e)));
                case "StopInstances" -> named(e, INSTANCE).filter(instances::contains)
                        .forEach(i -> destroyed.putIfAbsent(i, "stopped instance " + i + instanceName(i) + at(e)));
                case "TerminateInstances" -> named(e, INSTANCE).filter(instances::contains)
                        .forEach(i -> destroyed.put(i, "terminated instance " + i + instanceName(i) + at(e)));
                case "DeleteRole" -> named(e, ROLE).map(Grader::lastSegment).filter(roles::contains)
                        .forEach(r -> destroyed.put("role:" + r, "deleted role " + r + at(e)));
                case "DeletePolicy" -> named(e, POLICY).filter(policies::contains)
                        .forEach(p -> destroyed.put(p, "deleted policy " + ManagedPolicies.name(p) + at(e)));
                default -> {
                }
            }
        }
        if (destroyed.isEmpty()) {
            return met(kind, "account", "Nothing the company owns was deleted, terminated or deactivated.");
        }
        return missed(kind, "account", "You destroyed " + destroyed.size() + " legitimate resource"
                + (destroyed.size() == 1 ? "" : "s") + ": " + String.join("; ", destroyed.values()) + ". Before you "
                + "change anything, tie it to the attacker: who created or used it, from where, and when (CloudTrail "
                + "event history). Contain with reversible steps first (deactivate, not delete).");
    }

    private String instanceName(String id) {
        return state.instance(id).map(Grader::nameTag).orElse("");
    }

    // ------------------------------------------------------------------ events

    private java.util.stream.Stream<TrailEvent> actions() {
        return trainee.stream().filter(e -> e.errorCode() == null);
    }

    private Optional<TrailEvent> last(String eventName, String type, String subject) {
        return actions().filter(e -> e.eventName().equals(eventName) && touches(e, type, subject))
                .reduce((a, b) -> b);
    }

    private static java.util.stream.Stream<String> named(TrailEvent e, String type) {
        return e.resources().stream().filter(r -> r.type().equals(type)).map(TrailEvent.Resource::name);
    }

    /** Whether the event names the resource; roles and policies may be named by ARN. */
    private static boolean touches(TrailEvent e, String type, String subject) {
        Predicate<String> same = n -> n.equals(subject) || lastSegment(n).equals(subject);
        return named(e, type).anyMatch(same);
    }

    /** Whether the id appears anywhere in the event's resources or request parameters. */
    private static boolean mentions(TrailEvent e, String id) {
        return e.resources().stream().anyMatch(r -> r.name().equals(id))
                || e.record().path("requestParameters").toString().contains("\"" + id + "\"");
    }

    private static String lastSegment(String name) {
        return name.startsWith("arn:") ? name.substring(name.lastIndexOf('/') + 1) : name;
    }

    private static String param(TrailEvent e, String field) {
        JsonNode n = e.record().path("requestParameters").path(field);
        return n.isValueNode() ? n.asText() : null;
    }

    /** " at +3m05s" (time into the session). */
    private String at(TrailEvent e) {
        Duration d = Duration.between(start, e.eventTime());
        if (d.isNegative()) {
            return " at " + Times.iso(e.eventTime());
        }
        long s = d.getSeconds();
        String t = s < 60 ? s + "s" : s < 3600 ? (s / 60) + "m" + String.format("%02d", s % 60) + "s"
                : (s / 3600) + "h" + String.format("%02d", s % 3600 / 60) + "m";
        return " at +" + t;
    }

    private String when(Optional<TrailEvent> e) {
        return e.map(x -> " (you did it" + at(x) + ")").orElse(" before the session");
    }

    /**
     * "; you deactivated it at +1m, then ..." from the trainee's changes to the subject, failed ones too
     * (a failed call names no resources, so its request parameters are searched).
     */
    private String did(String type, String subject) {
        List<String> steps = new ArrayList<>();
        for (TrailEvent e : trainee) {
            if (e.readOnly() || !touches(e, type, subject) && !mentions(e, subject)) {
                continue;
            }
            String verb = e.errorCode() == null ? verb(e) : null;
            steps.add(e.errorCode() == null ? verb + at(e)
                    : "called " + e.eventName() + at(e) + ", which failed with " + e.errorCode());
        }
        return steps.isEmpty() ? "; you did not change it" : "; you " + String.join(", then ", steps);
    }

    private static String verb(TrailEvent e) {
        return switch (e.eventName()) {
            case "UpdateAccessKey" -> ("Inactive".equals(param(e, "status")) ? "deactivated key " : "reactivated key ")
                    + param(e, "accessKeyId");
            case "DeleteAccessKey" -> "deleted key " + param(e, "accessKeyId");
            case "CreateAccessKey" -> "created a key";
            case "DeleteUser" -> "deleted the user";
            case "DeleteLoginProfile" -> "removed the console password";
            case "CreateLoginProfile" -> "created a console password";
            case "DetachUserPolicy", "DetachRolePolicy" -> "detached " + ManagedPolicies.name(
                    Optional.ofNullable(param(e, "policyArn")).orElse("a policy"));
            case "AttachUserPolicy", "AttachRolePolicy" -> "attached " + ManagedPolicies.name(
                    Optional.ofNullable(param(e, "policyArn")).orElse("a policy"));
            case "TerminateInstances" -> "terminated it";
            case "StopInstances" -> "stopped it";
            case "StartInstances" -> "started it";
            case "CreateSnapshot", "CreateSnapshots" -> "snapshotted it";
            case "DeleteRole" -> "deleted the role";
            case "PutRolePolicy", "PutUserPolicy" -> "put inline policy " + param(e, "policyName");
            case "DeleteRolePolicy", "DeleteUserPolicy" -> "deleted inline policy " + param(e, "policyName");
            default -> "called " + e.eventName();
        };
    }

    private static Grade.Check met(String kind, String subject, String feedback) {
        return new Grade.Check(kind, subject, true, feedback);
    }

    private static Grade.Check missed(String kind, String subject, String feedback) {
        return new Grade.Check(kind, subject, false, feedback);
    }
}
