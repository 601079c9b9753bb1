package dev.irshell.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running simulated AWS account on 127.0.0.1. Point any SDK client (or the AWS CLI) at
 * {@link #endpoint()} with {@link #operatorCredentials()} and any region; the service and region
 * come from the request's signature, as on AWS.
 *
 * <pre>{@code
 * try (Sandbox sandbox = Sandbox.start(Scenario.builtin("leaked-key-cryptomining"), SandboxOptions.defaults())) {
 *     IamClient iam = IamClient.builder().endpointOverride(sandbox.endpoint()).region(Region.AWS_GLOBAL)
 *         .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
 *             sandbox.operatorCredentials().accessKeyId(), sandbox.operatorCredentials().secretAccessKey())))
 *         .build();
 * }
 * }</pre>
 */
public final class Sandbox implements AutoCloseable {
    private final Scenario scenario;
    private final SandboxState state;
    private final Instant startTime;
    private final HttpServer server;
    private final ExecutorService executor;
    private final SandboxServer handler;
    private final Credentials operator;

    private Sandbox(Scenario scenario, SandboxState state, Instant startTime, HttpServer server,
                    ExecutorService executor, SandboxServer handler, Credentials operator) {
        this.scenario = scenario;
        this.state = state;
        this.startTime = startTime;
        this.server = server;
        this.executor = executor;
        this.handler = handler;
        this.operator = operator;
        SecretLedger.record(operator.secretAccessKey());
    }

    /** Builds the scenario's account as of now (by the options' clock) and starts serving it. */
    public static Sandbox start(Scenario scenario, SandboxOptions options) {
        Instant start = options.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        Ids ids = new Ids(options.seed());
        SandboxState state = ScenarioBuilder.build(scenario, start, ids);
        AccessKey key = state.accessKeysOf(scenario.operator()).stream().filter(AccessKey::active).findFirst()
                .orElseThrow(() -> new IllegalStateException("operator " + scenario.operator() + " has no active key"));
        SandboxServer handler = new SandboxServer(state, options, ids, new EventRecorder(state, ids), services());
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sandbox-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        HttpServer server;
        try {
            // Without TCP_NODELAY the JDK server's replies wait on Nagle and delayed ACKs: ~45 ms a call.
            if (System.getProperty("sun.net.httpserver.nodelay") == null) {
                System.setProperty("sun.net.httpserver.nodelay", "true");
            }
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + options.port() + ": " + e.getMessage(), e);
        }
        server.createContext("/", handler);
        server.setExecutor(executor);
        server.start();
        return new Sandbox(scenario, state, start, server, executor, handler,
                new Credentials(key.id(), key.secret()));
    }

    /** One handler of every service the sandbox serves, each with its operation table. */
    static List<ServiceHandler> services() {
        return List.of(new IamService(), new StsService(), new Ec2Service(), new CloudTrailService(),
                new OrganizationsService(), new AccountService(), new CostExplorerService(), new LambdaService());
    }

    /** {@code http://127.0.0.1:<port>}: the endpoint override for every service. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public String accountId() {
        return state.accountId();
    }

    /** The responder's own IAM user's key, as the scenario defines it. */
    public Credentials operatorCredentials() {
        return operator;
    }

    public SandboxState state() {
        return state;
    }

    public Scenario scenario() {
        return scenario;
    }

    /** The sandbox's "now" when it started; scenario offsets are relative to it. */
    public Instant startTime() {
        return startTime;
    }

    /** Stops serving; calls held by a timeout region are released. */
    @Override
    public void close() {
        handler.close();
        server.stop(0);
        executor.shutdownNow();
    }
}
