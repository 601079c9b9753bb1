package dev.irshell.sandbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The simulated account: IAM, EC2 and CloudTrail event history. The single owner of the
 * sandbox's mutable state. Public methods are read-only snapshots (for grading and tests);
 * changes come only from the operations and the scenario timeline, under this object's lock.
 */
public final class SandboxState {
    private final String accountId;
    private final Map<String, RegionInfo> regions = new LinkedHashMap<>();
    private final Map<String, IamUser> users = new LinkedHashMap<>();
    private final Map<String, AccessKey> accessKeys = new LinkedHashMap<>();
    private final Map<String, IamRole> roles = new LinkedHashMap<>();
    private final Map<String, StsSession> sessions = new LinkedHashMap<>();
    private final Map<String, Ec2Instance> instances = new LinkedHashMap<>();
    private final Set<String> customerPolicyArns;
    private final List<TrailEvent> events = new ArrayList<>();
    private long nextSequence = 1;

    SandboxState(String accountId, Collection<RegionInfo> regionList, Set<String> customerPolicyArns) {
        this.accountId = accountId;
        regionList.forEach(r -> regions.put(r.name(), r));
        this.customerPolicyArns = new java.util.LinkedHashSet<>(customerPolicyArns);
    }

    public String accountId() {
        return accountId;
    }

    // ---------------------------------------------------------------- read (public)

    public synchronized List<RegionInfo> regions() {
        return List.copyOf(regions.values());
    }

    public synchronized Optional<RegionInfo> region(String name) {
        return Optional.ofNullable(regions.get(name));
    }

    public synchronized List<IamUser> users() {
        return List.copyOf(users.values());
    }

    public synchronized Optional<IamUser> user(String name) {
        return Optional.ofNullable(users.get(name));
    }

    public synchronized List<AccessKey> accessKeys() {
        return List.copyOf(accessKeys.values());
    }

    public synchronized Optional<AccessKey> accessKey(String id) {
        return Optional.ofNullable(accessKeys.get(id));
    }

    public synchronized List<AccessKey> accessKeysOf(String userName) {
        return accessKeys.values().stream().filter(k -> k.userName().equals(userName)).toList();
    }

    public synchronized List<IamRole> roles() {
        return List.copyOf(roles.values());
    }

    public synchronized Optional<IamRole> role(String name) {
        return Optional.ofNullable(roles.get(name));
    }

    public synchronized List<StsSession> sessions() {
        return List.copyOf(sessions.values());
    }

    /** ARNs of the account's customer managed policies. */
    public synchronized List<String> customerPolicyArns() {
        return List.copyOf(customerPolicyArns);
    }

    public synchronized List<Ec2Instance> instances() {
        return List.copyOf(instances.values());
    }

    public synchronized List<Ec2Instance> instances(String region) {
        return instances.values().stream().filter(i -> i.region().equals(region)).toList();
    }

    public synchronized Optional<Ec2Instance> instance(String id) {
        return Optional.ofNullable(instances.get(id));
    }

    /** Every event of every region in recording order. */
    public synchronized List<TrailEvent> events() {
        return List.copyOf(events);
    }

    /** One region's event history, most recent first (as LookupEvents returns it). */
    public synchronized List<TrailEvent> events(String region) {
        return events.stream().filter(e -> e.region().equals(region)).sorted(MOST_RECENT_FIRST).toList();
    }

    static final Comparator<TrailEvent> MOST_RECENT_FIRST = Comparator.comparing(TrailEvent::eventTime)
            .thenComparingLong(TrailEvent::sequence).reversed();

    // ---------------------------------------------------------------- change (package)

    synchronized boolean policyExists(String arn) {
        return arn.startsWith("arn:aws:iam::aws:policy/") ? ManagedPolicies.AWS.contains(arn)
                : customerPolicyArns.contains(arn);
    }

    /** Customer managed policies (CreatePolicy in the timeline, DeletePolicy in a session). */
    synchronized void addCustomerPolicy(String arn) {
        customerPolicyArns.add(arn);
    }

    synchronized void removeCustomerPolicy(String arn) {
        customerPolicyArns.remove(arn);
    }

    synchronized void removeRole(String name) {
        roles.remove(name);
    }

    synchronized void putUser(IamUser user) {
        users.put(user.name(), user);
    }

    synchronized void removeUser(String name) {
        users.remove(name);
    }

    synchronized void putAccessKey(AccessKey key) {
        accessKeys.put(key.id(), key);
    }

    synchronized void removeAccessKey(String id) {
        accessKeys.remove(id);
    }

    synchronized void putRole(IamRole role) {
        roles.put(role.name(), role);
    }

    synchronized void putSession(StsSession session) {
        sessions.put(session.accessKeyId(), session);
    }

    synchronized Optional<StsSession> session(String accessKeyId) {
        return Optional.ofNullable(sessions.get(accessKeyId));
    }

    synchronized void putInstance(Ec2Instance instance) {
        instances.put(instance.id(), instance);
    }

    synchronized long nextSequence() {
        return nextSequence++;
    }

    synchronized void addEvent(TrailEvent event) {
        events.add(event);
    }

    /** Sequence of the latest recorded event; pages of a lookup never show later ones. */
    synchronized long lastSequence() {
        return nextSequence - 1;
    }
}
