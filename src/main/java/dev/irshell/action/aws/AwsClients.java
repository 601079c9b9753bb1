package dev.irshell.action.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import dev.irshell.action.CallListener;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.services.account.AccountClient;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeRegionsResponse;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ListAccountAliasesResponse;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Builds and caches the SDK clients of one session: lazily, once per (service, region), all on
 * one URL-connection HTTP client, all carrying the user-agent suffix, the call recorder and (in a
 * read-only session) the read-only guard. Also answers, once, who the caller is and which regions
 * exist. Close it to release the HTTP client.
 */
public final class AwsClients implements AwsClientSource, AutoCloseable {
    /**
     * @param profile          null: default credential chain; else that profile (SSO and assume-role included)
     * @param region           null: from env/profile, else us-east-1
     * @param endpoint         null, or one endpoint for every service (sandbox, moto)
     * @param serviceEndpoints endpoint per service signing name ({@code cloudtrail} -> URI); wins over endpoint
     * @param credentials      null: the profile or the default chain
     * @param readOnly         refuse every operation that is not read-only, before it is sent
     * @param userAgentSuffix  e.g. {@code irshell/0.1.0 session/<id>}; may be null
     * @param listener         told of every call; may be null
     * @param retries          attempts, back-off and timeouts of every call; null: {@link RetryPolicy#defaults()}
     */
    public record Config(String profile, String region, URI endpoint, Map<String, URI> serviceEndpoints,
                         AwsCredentialsProvider credentials, boolean readOnly, String userAgentSuffix,
                         CallListener listener, RetryPolicy retries) {
        public Config {
            serviceEndpoints = serviceEndpoints == null ? Map.of() : Map.copyOf(serviceEndpoints);
            listener = listener == null ? CallListener.NONE : listener;
            retries = retries == null ? RetryPolicy.defaults() : retries;
        }

        /** With the default {@link RetryPolicy}. */
        public Config(String profile, String region, URI endpoint, Map<String, URI> serviceEndpoints,
                      AwsCredentialsProvider credentials, boolean readOnly, String userAgentSuffix,
                      CallListener listener) {
            this(profile, region, endpoint, serviceEndpoints, credentials, readOnly, userAgentSuffix, listener, null);
        }

        /** The same, with other attempts, back-off and timeouts. */
        public Config withRetries(RetryPolicy policy) {
            return new Config(profile, region, endpoint, serviceEndpoints, credentials, readOnly, userAgentSuffix,
                    listener, policy);
        }

        /** An emulated account (the sandbox) at one endpoint, signed with the given static keys. */
        public static Config emulated(URI endpoint, String region, String accessKeyId, String secretAccessKey,
                                      boolean readOnly, String userAgentSuffix, CallListener listener) {
            return new Config(null, region, endpoint, Map.of(),
                    StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)),
                    readOnly, userAgentSuffix, listener);
        }

        /** Real AWS through the default chain and region. */
        public static Config defaults() {
            return new Config(null, null, null, Map.of(), null, false, null, CallListener.NONE);
        }
    }

    /**
     * Who the session runs as.
     *
     * @param accessKeyId of the credentials in use
     * @param userName    for IAM users, from the arn; null for roles and root
     */
    public record Identity(String account, String arn, String userId, String accessKeyId, String userName, boolean root) {
        private static final Pattern USER_ARN = Pattern.compile("^arn:aws[a-z-]*:iam::\\d+:user/(?:.*/)?([^/]+)$");

        public static Identity of(GetCallerIdentityResponse r, String accessKeyId) {
            String arn = r.arn();
            String userName = null;
            if (arn != null) {
                Matcher m = USER_ARN.matcher(arn);
                if (m.matches()) {
                    userName = m.group(1);
                }
            }
            boolean root = arn != null && arn.endsWith(":root");
            return new Identity(r.account(), arn, r.userId(), accessKeyId, userName, root);
        }
    }

    /** A region and its opt-in status ({@code opt-in-not-required}, {@code opted-in}, {@code not-opted-in}). */
    public record RegionInfo(String name, String optInStatus) {
        public boolean enabled() {
            return "opt-in-not-required".equals(optInStatus) || "opted-in".equals(optInStatus);
        }
    }

    static final String FALLBACK_REGION = "us-east-1";
    private static final Set<String> PACED_CLOUDTRAIL_OPERATIONS = Set.of("LookupEvents");

    private final Config config;
    /*
     * Made on first use, not here: a command that never calls AWS (validate, help, a replay) pays
     * for neither the profile files nor the HTTP client's TLS context (measured: about 0.1 s of a
     * 0.5 s `validate`, BENCHMARKS.md).
     */
    private volatile String defaultRegion;
    /*
     * One lock per lazily made thing, never `this`: a client is made inside the clients map's
     * computeIfAbsent and takes the credentials and HTTP locks there, while identity() and regions()
     * call a client under their own lock. With one monitor for all of them, a thread making the STS
     * client and a thread in identity() deadlocked (seen in ShellStartTest, the shell warming its
     * clients while `whoami` ran); findInstance's DescribeRegions beside its home-region search
     * could do the same with EC2.
     */
    private final Object credentialsLock = new Object();
    private final Object httpLock = new Object();
    private final Object identityLock = new Object();
    private final Object regionsLock = new Object();
    private volatile AwsCredentialsProvider credentials;
    /** How long an attempt waits for the TCP connection to the endpoint. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private volatile SdkHttpClient http;
    private final AwsCalls calls;
    /**
     * CloudTrail allows 2 LookupEvents a second per region; calls leave 520 ms apart, not 500, so
     * jitter in arrival never puts a third call inside AWS's one-second window (measured: at exactly
     * 500 ms the sandbox throttled 13 calls and the SDK's back-off cut the rate to 1.3/s).
     */
    private final RegionRateLimiter lookupEventsLimiter = new RegionRateLimiter(1.0 / 0.52);
    private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();
    private volatile Identity identity;
    /** How many GetCallerIdentity calls have failed, and the last failure; written under identityLock. */
    private volatile long identityFailures;
    private volatile RuntimeException lastIdentityFailure;
    private volatile List<RegionInfo> regions;

    public AwsClients(Config c) {
        this.config = c;
        this.calls = new AwsCalls(c.profile(), this::endpointOf, c.retries());
    }

    private AwsCredentialsProvider credentials() {
        AwsCredentialsProvider p = credentials;
        if (p == null) {
            synchronized (credentialsLock) {
                if (credentials == null) {
                    credentials = config.credentials() != null ? config.credentials()
                            : config.profile() != null ? ProfileCredentialsProvider.builder().profileName(config.profile()).build()
                            : DefaultCredentialsProvider.builder().build();
                }
                p = credentials;
            }
        }
        return p;
    }

    private SdkHttpClient http() {
        SdkHttpClient h = http;
        if (h == null) {
            synchronized (httpLock) {
                if (http == null) {
                    // a TCP handshake with an AWS endpoint takes milliseconds, and 5 s covers two lost SYNs;
                    // a firewall that drops the packets then costs 3 attempts x 5 s (RetryPolicy.UNREACHABLE_ATTEMPTS)
                    http = UrlConnectionHttpClient.builder()
                            .connectionTimeout(CONNECT_TIMEOUT)
                            .socketTimeout(Duration.ofSeconds(60))
                            .build();
                }
                h = http;
            }
        }
        return h;
    }

    private static String resolveRegion(Config c) {
        if (c.region() != null && !c.region().isBlank()) {
            return c.region();
        }
        try {
            return new SystemSettingsRegionProvider().getRegion().id();
        } catch (SdkClientException | IllegalArgumentException e) {
            // not set in the environment
        }
        try {
            return new AwsProfileRegionProvider(null, c.profile()).getRegion().id();
        } catch (RuntimeException e) {
            return FALLBACK_REGION;
        }
    }

    public Config config() {
        return config;
    }

    @Override
    public String defaultRegion() {
        String r = defaultRegion;
        if (r == null) {
            r = resolveRegion(config);
            defaultRegion = r;
        }
        return r;
    }

    @Override
    public AwsCalls calls() {
        return calls;
    }

    /** The endpoint override for a service signing name, or null for AWS's own. */
    public URI endpointOf(String service) {
        URI specific = config.serviceEndpoints().get(service);
        return specific != null ? specific : config.endpoint();
    }

    @Override
    public IamClient iam() {
        return (IamClient) clients.computeIfAbsent("iam", k -> {
            Region signing = endpointOf("iam") != null ? Region.US_EAST_1 : Region.AWS_GLOBAL;
            return configure(IamClient.builder(), "iam", signing, IAM_REGION).build();
        });
    }

    @Override
    public StsClient sts() {
        return (StsClient) clients.computeIfAbsent("sts", k ->
                configure(StsClient.builder(), "sts", Region.of(defaultRegion()), defaultRegion()).build());
    }

    @Override
    public Ec2Client ec2(String region) {
        String r = region == null ? defaultRegion() : region;
        return (Ec2Client) clients.computeIfAbsent("ec2/" + r, k ->
                configure(Ec2Client.builder(), "ec2", Region.of(r), r).build());
    }

    @Override
    public CloudTrailClient cloudTrail(String region) {
        String r = region == null ? defaultRegion() : region;
        return (CloudTrailClient) clients.computeIfAbsent("cloudtrail/" + r, k ->
                configure(CloudTrailClient.builder(), "cloudtrail", Region.of(r), r).build());
    }

    @Override
    public OrganizationsClient organizations() {
        return (OrganizationsClient) clients.computeIfAbsent("organizations", k ->
                configure(OrganizationsClient.builder(), "organizations",
                        endpointOf("organizations") != null ? Region.US_EAST_1 : Region.AWS_GLOBAL, "us-east-1").build());
    }

    @Override
    public AccountClient account() {
        return (AccountClient) clients.computeIfAbsent("account", k ->
                configure(AccountClient.builder(), "account", Region.US_EAST_1, "us-east-1").build());
    }

    @Override
    public CostExplorerClient costExplorer() {
        return (CostExplorerClient) clients.computeIfAbsent("ce", k ->
                configure(CostExplorerClient.builder(), "ce", Region.US_EAST_1, "us-east-1").build());
    }

    @Override
    public LambdaClient lambda(String region) {
        String r = region == null ? defaultRegion() : region;
        return (LambdaClient) clients.computeIfAbsent("lambda/" + r, k ->
                configure(LambdaClient.builder(), "lambda", Region.of(r), r).build());
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder, String service, Region signing, String label) {
        List<ExecutionInterceptor> interceptors = new ArrayList<>();
        if (config.readOnly()) {
            interceptors.add(new ReadOnlyInterceptor(service, label));
        }
        interceptors.add(new CallRecordingInterceptor(service, label, config.listener()));
        if (service.equals("cloudtrail")) {
            interceptors.add(new RateLimitInterceptor(lookupEventsLimiter, label, PACED_CLOUDTRAIL_OPERATIONS));
        }
        RetryPolicy retries = config.retries();
        ClientOverrideConfiguration.Builder o = ClientOverrideConfiguration.builder()
                .retryStrategy(retries.strategy(service, label, config.listener()))
                .apiCallAttemptTimeout(retries.attemptTimeout())
                .apiCallTimeout(retries.callTimeout())
                .executionInterceptors(interceptors);
        if (config.userAgentSuffix() != null && !config.userAgentSuffix().isBlank()) {
            o.putAdvancedOption(SdkAdvancedClientOption.USER_AGENT_SUFFIX, config.userAgentSuffix());
        }
        builder.region(signing).credentialsProvider(credentials()).overrideConfiguration(o.build());
        if (builder instanceof software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<?, ?> sync) {
            sync.httpClient(http());
        }
        URI endpoint = endpointOf(service);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }

    @Override
    public Identity identity() {
        Identity id = identity;
        if (id != null) {
            return id;
        }
        long failuresBefore = identityFailures;
        synchronized (identityLock) {
            if (identity != null) {
                return identity;
            }
            // another caller (the prompt's account label, say) tried while this one waited, and failed:
            // its answer stands, rather than a second round of retries against the same broken network
            if (identityFailures != failuresBefore && lastIdentityFailure != null) {
                throw lastIdentityFailure;
            }
            try {
                GetCallerIdentityResponse r = calls.call("sts", "GetCallerIdentity", defaultRegion(),
                        () -> sts().getCallerIdentity());
                identity = Identity.of(r, credentialsAccessKeyId());
                return identity;
            } catch (RuntimeException e) {
                lastIdentityFailure = e;
                identityFailures++;
                throw e;
            }
        }
    }

    /**
     * The account's alias (iam:ListAccountAliases; an account has at most one), or empty when it has
     * none. The whole call, retries included, gives up after {@code timeout}; failures throw
     * {@link dev.irshell.action.ActionFailure} as every call does.
     */
    public Optional<String> accountAlias(Duration timeout) {
        ListAccountAliasesResponse r = calls.call("iam", "ListAccountAliases", IAM_REGION,
                () -> iam().listAccountAliases(b -> b.overrideConfiguration(o -> o.apiCallTimeout(timeout))));
        return r.accountAliases().stream().filter(a -> a != null && !a.isBlank()).findFirst();
    }

    @Override
    public String credentialsAccessKeyId() {
        try {
            return credentials().resolveCredentials().accessKeyId();
        } catch (RuntimeException e) {
            throw calls.map(e, "sts", "GetCallerIdentity", defaultRegion());
        }
    }

    @Override
    public List<RegionInfo> regions() {
        List<RegionInfo> rs = regions;
        if (rs == null) {
            synchronized (regionsLock) {
                if (regions == null) {
                    DescribeRegionsResponse r = calls.call("ec2", "DescribeRegions", defaultRegion(),
                            () -> ec2(defaultRegion()).describeRegions(b -> b.allRegions(true)));
                    regions = r.regions().stream()
                            .map(x -> new RegionInfo(x.regionName(), x.optInStatus()))
                            .sorted(java.util.Comparator.comparing(RegionInfo::name))
                            .toList();
                }
                rs = regions;
            }
        }
        return rs;
    }

    @Override
    public void close() {
        for (SdkClient c : clients.values()) {
            try {
                c.close();
            } catch (RuntimeException e) {
                // closing is best effort
            }
        }
        clients.clear();
        SdkHttpClient h = http;
        if (h != null) {
            h.close();
        }
    }
}
