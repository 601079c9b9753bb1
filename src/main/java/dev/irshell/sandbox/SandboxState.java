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
    private final Map<String, ManagedPolicy> customerPolicies = new LinkedHashMap<>();
    private final Map<String, IamGroup> groups = new LinkedHashMap<>();
    private final Map<String, InstanceProfile> instanceProfiles = new LinkedHashMap<>();
    private final Map<String, UserCredential> userCredentials = new LinkedHashMap<>();
    private final Map<String, MfaDevice> mfaDevices = new LinkedHashMap<>();
    /** Inline policy documents by {@code user/NAME/POLICY} or {@code role/NAME/POLICY}, in the order put. */
    private final Map<String, String> inlinePolicies = new LinkedHashMap<>();
    private final Map<String, Ec2Volume> volumes = new LinkedHashMap<>();
    private final Map<String, Ec2Snapshot> snapshots = new LinkedHashMap<>();
    private final Map<String, Ec2Image> images = new LinkedHashMap<>();
    private final Map<String, String> functionPolicies = new LinkedHashMap<>();
    private final Map<String, LastAccessedJob> lastAccessedJobs = new LinkedHashMap<>();
    private CredentialReport credentialReport;
    private boolean rootMfaActive = true;
    private final List<TrailEvent> events = new ArrayList<>();
    private long nextSequence = 1;
    private String accountName;
    private String accountAlias;
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

    SandboxState(String accountId, Collection<RegionInfo> regionList) {
        this.accountId = accountId;
        regionList.forEach(r -> regions.put(r.name(), r));
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
        return List.copyOf(customerPolicies.keySet());
    }

    public synchronized List<ManagedPolicy> customerPolicies() {
        return List.copyOf(customerPolicies.values());
    }

    /** A customer managed policy, or an AWS managed one the sandbox knows. */
    public synchronized Optional<ManagedPolicy> policy(String arn) {
        if (arn.startsWith(ManagedPolicies.PREFIX)) {
            return ManagedPolicies.AWS.contains(arn) ? Optional.of(ManagedPolicies.aws(arn)) : Optional.empty();
        }
        return Optional.ofNullable(customerPolicies.get(arn));
    }

    public synchronized List<IamGroup> groups() {
        return List.copyOf(groups.values());
    }

    public synchronized Optional<IamGroup> group(String name) {
        return Optional.ofNullable(groups.get(name));
    }

    public synchronized List<InstanceProfile> instanceProfiles() {
        return List.copyOf(instanceProfiles.values());
    }

    public synchronized Optional<InstanceProfile> instanceProfile(String name) {
        return Optional.ofNullable(instanceProfiles.get(name));
    }

    public synchronized List<UserCredential> credentialsOf(String userName, UserCredential.Kind kind) {
        return userCredentials.values().stream().filter(c -> c.userName().equals(userName) && c.kind() == kind)
                .toList();
    }

    public synchronized Optional<UserCredential> userCredential(String id) {
        return Optional.ofNullable(userCredentials.get(id));
    }

    public synchronized List<MfaDevice> mfaDevices() {
        return List.copyOf(mfaDevices.values());
    }

    public synchronized Optional<MfaDevice> mfaDevice(String serial) {
        return Optional.ofNullable(mfaDevices.get(serial));
    }

    /** Inline policy names of a user or role ({@code kind} {@code user} / {@code role}), in the order put. */
    public synchronized List<String> inlinePolicyNames(String kind, String name) {
        String prefix = kind + "/" + name + "/";
        return inlinePolicies.keySet().stream().filter(k -> k.startsWith(prefix))
                .map(k -> k.substring(prefix.length())).toList();
    }

    public synchronized Optional<String> inlinePolicy(String kind, String name, String policyName) {
        return Optional.ofNullable(inlinePolicies.get(kind + "/" + name + "/" + policyName));
    }

    public synchronized List<Ec2Volume> volumes(String region) {
        return volumes.values().stream().filter(v -> v.region().equals(region)).toList();
    }

    public synchronized List<Ec2Volume> volumesOf(String instanceId) {
        return volumes.values().stream().filter(v -> instanceId.equals(v.instanceId())).toList();
    }

    public synchronized Optional<Ec2Volume> volume(String id) {
        return Optional.ofNullable(volumes.get(id));
    }

    public synchronized List<Ec2Snapshot> snapshots() {
        return List.copyOf(snapshots.values());
    }

    public synchronized List<Ec2Snapshot> snapshots(String region) {
        return snapshots.values().stream().filter(v -> v.region().equals(region)).toList();
    }

    public synchronized List<Ec2Image> images(String region) {
        return images.values().stream().filter(v -> v.region().equals(region)).toList();
    }

    /** The resource-based policy (JSON) of a Lambda function, if it has one. */
    public synchronized Optional<String> functionPolicy(String region, String name) {
        return Optional.ofNullable(functionPolicies.get(region + "/" + name));
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

    /** The account's IAM alias (ListAccountAliases), if it has one. */
    public synchronized Optional<String> accountAlias() {
        return Optional.ofNullable(accountAlias);
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
                : customerPolicies.containsKey(arn);
    }

    /** Customer managed policies (scenario, CreatePolicy in the timeline, DeletePolicy in a session). */
    synchronized void putCustomerPolicy(ManagedPolicy policy) {
        customerPolicies.put(policy.arn(), policy);
    }

    synchronized void removeCustomerPolicy(String arn) {
        customerPolicies.remove(arn);
    }

    synchronized void putGroup(IamGroup group) {
        groups.put(group.name(), group);
    }

    synchronized void putInstanceProfile(InstanceProfile profile) {
        instanceProfiles.put(profile.name(), profile);
    }

    synchronized void putUserCredential(UserCredential credential) {
        userCredentials.put(credential.id(), credential);
    }

    synchronized void removeUserCredential(String id) {
        userCredentials.remove(id);
    }

    synchronized void putMfaDevice(MfaDevice device) {
        mfaDevices.put(device.serialNumber(), device);
    }

    synchronized void removeMfaDevice(String serial) {
        mfaDevices.remove(serial);
    }

    /** Puts (or replaces) an inline policy; a user's policy names follow in {@link IamUser#inlinePolicyNames()}. */
    synchronized void putInlinePolicy(String kind, String name, String policyName, String document) {
        inlinePolicies.put(kind + "/" + name + "/" + policyName, document);
        syncUserInlineNames(kind, name);
    }

    synchronized void removeInlinePolicy(String kind, String name, String policyName) {
        inlinePolicies.remove(kind + "/" + name + "/" + policyName);
        syncUserInlineNames(kind, name);
    }

    private void syncUserInlineNames(String kind, String name) {
        IamUser user = users.get(name);
        if (kind.equals("user") && user != null) {
            users.put(name, user.withInlinePolicyNames(inlinePolicyNames(kind, name)));
        }
    }

    synchronized void putVolume(Ec2Volume volume) {
        volumes.put(volume.id(), volume);
    }

    synchronized void removeVolume(String id) {
        volumes.remove(id);
    }

    synchronized void putSnapshot(Ec2Snapshot snapshot) {
        snapshots.put(snapshot.id(), snapshot);
    }

    synchronized void putImage(Ec2Image image) {
        images.put(image.id(), image);
    }

    synchronized void putFunctionPolicy(String region, String name, String policy) {
        functionPolicies.put(region + "/" + name, policy);
    }

    /** Whether the root user has MFA (the credential report's first row). */
    public synchronized boolean rootMfaActive() {
        return rootMfaActive;
    }

    synchronized void setRootMfaActive(boolean active) {
        this.rootMfaActive = active;
    }

    synchronized CredentialReport credentialReport() {
        return credentialReport;
    }

    synchronized void setCredentialReport(CredentialReport report) {
        this.credentialReport = report;
    }

    synchronized Optional<LastAccessedJob> lastAccessedJob(String id) {
        return Optional.ofNullable(lastAccessedJobs.get(id));
    }

    synchronized void putLastAccessedJob(LastAccessedJob job) {
        lastAccessedJobs.put(job.jobId(), job);
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

    synchronized void setAccountInfo(String name, java.time.Instant created, String alias) {
        this.accountName = name;
        this.accountCreated = created;
        this.accountAlias = alias;
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
        functionPolicies.remove(region + "/" + name);
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
