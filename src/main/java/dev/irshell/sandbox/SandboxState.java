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
 * The simulated account: IAM, EC2, CloudTrail event history, the organization, contacts, costs
 * and Lambda. The single owner of the
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
    private String accountName;
    private java.time.Instant accountCreated;
    private Organization organization;
    private final Map<String, Organization.Member> members = new LinkedHashMap<>();
    private final List<Organization.CreateAccountStatus> createAccountStatuses = new ArrayList<>();
    private final List<Organization.Handshake> handshakes = new ArrayList<>();
    private AccountContacts.Primary primaryContact;
    private final Map<String, AccountContacts.Alternate> alternateContacts = new LinkedHashMap<>();
    private final List<CostItem> costs = new ArrayList<>();
    private final Map<String, LambdaFunction> functions = new LinkedHashMap<>();
    private final Map<String, LambdaLayer> layers = new LinkedHashMap<>();

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

    /** The account's name (Account GetAccountInformation, Organizations). */
    public synchronized String accountName() {
        return accountName;
    }

    public synchronized java.time.Instant accountCreated() {
        return accountCreated;
    }

    /** The organization, or empty for a standalone account. */
    public synchronized Optional<Organization> organization() {
        return Optional.ofNullable(organization);
    }

    /** The organization's accounts (management account included) in the order they were added. */
    public synchronized List<Organization.Member> members() {
        return List.copyOf(members.values());
    }

    public synchronized Optional<Organization.Member> member(String accountId) {
        return Optional.ofNullable(members.get(accountId));
    }

    public synchronized List<Organization.CreateAccountStatus> createAccountStatuses() {
        return List.copyOf(createAccountStatuses);
    }

    public synchronized List<Organization.Handshake> handshakes() {
        return List.copyOf(handshakes);
    }

    public synchronized Optional<AccountContacts.Primary> primaryContact() {
        return Optional.ofNullable(primaryContact);
    }

    /** Alternate contacts by type ({@code BILLING}, {@code OPERATIONS}, {@code SECURITY}); unset types absent. */
    public synchronized Map<String, AccountContacts.Alternate> alternateContacts() {
        return Map.copyOf(alternateContacts);
    }

    public synchronized Optional<AccountContacts.Alternate> alternateContact(String type) {
        return Optional.ofNullable(alternateContacts.get(type));
    }

    public synchronized List<CostItem> costs() {
        return List.copyOf(costs);
    }

    /** Every Lambda function of every region. */
    public synchronized List<LambdaFunction> functions() {
        return List.copyOf(functions.values());
    }

    public synchronized List<LambdaFunction> functions(String region) {
        return functions.values().stream().filter(f -> f.region().equals(region)).toList();
    }

    public synchronized Optional<LambdaFunction> function(String region, String name) {
        return Optional.ofNullable(functions.get(region + "/" + name));
    }

    public synchronized List<LambdaLayer> layers(String region) {
        return layers.values().stream().filter(l -> l.region().equals(region)).toList();
    }

    public synchronized List<LambdaLayer> layers() {
        return List.copyOf(layers.values());
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

    synchronized void setAccountInfo(String name, java.time.Instant created) {
        this.accountName = name;
        this.accountCreated = created;
    }

    synchronized void setOrganization(Organization organization) {
        this.organization = organization;
    }

    synchronized void putMember(Organization.Member member) {
        members.put(member.id(), member);
    }

    synchronized void addCreateAccountStatus(Organization.CreateAccountStatus status) {
        createAccountStatuses.add(status);
    }

    synchronized void addHandshake(Organization.Handshake handshake) {
        handshakes.add(handshake);
    }

    synchronized void setPrimaryContact(AccountContacts.Primary contact) {
        this.primaryContact = contact;
    }

    synchronized void putAlternateContact(AccountContacts.Alternate contact) {
        alternateContacts.put(contact.type(), contact);
    }

    synchronized void removeAlternateContact(String type) {
        alternateContacts.remove(type);
    }

    synchronized void addCost(CostItem cost) {
        costs.add(cost);
    }

    synchronized void putFunction(LambdaFunction function) {
        functions.put(function.region() + "/" + function.name(), function);
    }

    synchronized void removeFunction(String region, String name) {
        functions.remove(region + "/" + name);
    }

    synchronized void putLayer(LambdaLayer layer) {
        layers.put(layer.region() + "/" + layer.name(), layer);
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
