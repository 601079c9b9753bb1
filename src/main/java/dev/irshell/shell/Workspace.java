package dev.irshell.shell;

import dev.irshell.action.ActionCatalogue;
import dev.irshell.action.aws.AwsActions;
import dev.irshell.action.aws.AwsClients;
import dev.irshell.action.aws.RetryPolicy;
import dev.irshell.engine.CallRelay;
import dev.irshell.engine.CallerIdentity;
import dev.irshell.engine.SessionOptions;
import dev.irshell.engine.Sessions;
import dev.irshell.preflight.Preflight;
import dev.irshell.preflight.PreflightReport;
import dev.irshell.preflight.RunbookNeeds;
import dev.irshell.preflight.ShippedPolicies;
import dev.irshell.runbook.Runbook;
import dev.irshell.replay.ReplaySource;
import dev.irshell.runbook.RunbookLoader;
import dev.irshell.sandbox.Credentials;
import dev.irshell.sandbox.Sandbox;
import dev.irshell.sandbox.SandboxOptions;
import dev.irshell.sandbox.Scenario;
import dev.irshell.sandbox.ScenarioException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What every command works with, built once per invocation from the global options: the AWS
 * clients (built lazily, so nothing touches AWS until a command needs it), the action catalogue,
 * the runbooks, and the relay that records AWS calls in the active session's transcript.
 */
public final class Workspace implements AutoCloseable {
    private final LaunchOptions options;
    private final AwsClients clients;
    private final CallRelay relay;
    private final ActionCatalogue catalogue;
    private final Clock clock;
    private final String environment;
    private RunbookRegistry registry;
    /** Volatile: the prompt reads it without the lock a slow identity call may hold. */
    private volatile CallerIdentity identity;
    private final AccountLabel accountLabel;

    private Sandbox sandbox;
    private Path home = Home.of(System.getenv());
    /** Set when AWS answers come from a recording (--replay); then there are no clients at all. */
    private final ReplaySource replay;

    public Workspace(LaunchOptions options, AwsClients clients, CallRelay relay, Clock clock, String environment) {
        this(options, clients, relay, clock, environment, catalogue(clients), null);
    }

    private Workspace(LaunchOptions options, AwsClients clients, CallRelay relay, Clock clock, String environment,
                      ActionCatalogue catalogue, ReplaySource replay) {
        this.options = options;
        this.clients = clients;
        this.relay = relay;
        this.clock = clock;
        this.environment = environment;
        this.catalogue = catalogue;
        this.replay = replay;
        // no clients in a replay: the alias lookup then finds nothing, and the label is the id alone
        this.accountLabel = new AccountLabel(this::knownIdentity, this::identity,
                clients == null ? timeout -> Optional.empty() : clients::accountAlias, AccountLabel.daemon());
    }

    private static ActionCatalogue catalogue(AwsClients clients) {
        List<dev.irshell.action.Action> all = new java.util.ArrayList<>(AwsActions.all(clients));
        all.add(new dev.irshell.engine.SupportCaseAction());
        return new ActionCatalogue(all);
    }

    /**
     * A workspace that reaches no AWS account: the recorded session's identity and region, and an
     * action catalogue whose answers come from its transcript ({@code --replay}). No credentials are
     * read and no call is made.
     */
    public static Workspace replay(LaunchOptions o, Clock clock) {
        ReplaySource source = ReplaySource.load(o.replay());
        return new Workspace(o, null, new CallRelay(), clock, source.environment(), source.catalogue(), source);
    }

    /** The recording this workspace replays, if it is a replay. */
    public Optional<ReplaySource> replay() {
        return Optional.ofNullable(replay);
    }

    /** The environment label of a live AWS account (no sandbox, no endpoint override). */
    public static final String LIVE = "live";

    /** The services whose endpoint the AWS CLI's AWS_ENDPOINT_URL_<SERVICE> variables can set. */
    private static final List<String> SERVICES = List.of("iam", "sts", "ec2", "cloudtrail");

    /**
     * A workspace against the account the options' credentials reach. Endpoints follow the AWS
     * CLI: --endpoint-url for every service, else AWS_ENDPOINT_URL_<SERVICE> and AWS_ENDPOINT_URL.
     */
    public static Workspace create(LaunchOptions o, Clock clock, Map<String, String> env) {
        if (o.replaying()) {
            return replay(o, clock).home(Home.of(env));
        }
        if (o.inSandbox()) {
            return sandbox(o, clock, scenario(o.sandbox()), SandboxOptions.defaults()).home(Home.of(env));
        }
        CallRelay relay = new CallRelay();
        URI global = o.endpoint() != null ? o.endpoint() : uri(env.get("AWS_ENDPOINT_URL"));
        Map<String, URI> perService = new HashMap<>();
        if (o.endpoint() == null) {
            for (String s : SERVICES) {
                URI u = uri(env.get("AWS_ENDPOINT_URL_" + s.toUpperCase(Locale.ROOT)));
                if (u != null) {
                    perService.put(s, u);
                }
            }
        }
        AwsClients clients = new AwsClients(new AwsClients.Config(o.profile(), o.region(), global, perService, null,
                o.readOnly(), "irshell/" + Version.get(), relay));
        String label = global == null && perService.isEmpty() ? LIVE : "endpoint " + (global != null ? global : perService);
        return new Workspace(o, clients, relay, clock, label).home(Home.of(env));
    }

    /**
     * A workspace on a fresh sandbox: the simulated account runs on 127.0.0.1 and every AWS call
     * goes there through the same clients as a live account, signed with the scenario's
     * responder credentials.
     */
    public static Workspace sandbox(LaunchOptions o, Clock clock, Scenario scenario, SandboxOptions sandboxOptions) {
        return sandbox(o, clock, scenario, sandboxOptions, RetryPolicy.defaults());
    }

    /** As {@link #sandbox(LaunchOptions, Clock, Scenario, SandboxOptions)}, with other attempts and timeouts per call. */
    public static Workspace sandbox(LaunchOptions o, Clock clock, Scenario scenario, SandboxOptions sandboxOptions,
                                    RetryPolicy retries) {
        Sandbox sb = Sandbox.start(scenario, sandboxOptions);
        try {
            CallRelay relay = new CallRelay();
            Credentials c = sb.operatorCredentials();
            AwsClients clients = new AwsClients(AwsClients.Config.emulated(sb.endpoint(),
                    sandboxRegion(o), c.accessKeyId(), c.secretAccessKey(), o.readOnly(),
                    "irshell/" + Version.get(), relay).withRetries(retries));
            Workspace ws = new Workspace(o, clients, relay, clock, sandboxEnvironment(scenario.name()));
            ws.sandbox = sb;
            return ws;
        } catch (RuntimeException e) {
            sb.close();
            throw e;
        }
    }

    /**
     * Does ahead what the first commands need, while the operator reads: loads the runbooks and
     * makes the STS and IAM clients (the SDK's first client costs a few tenths of a second cold).
     * Makes no AWS call.
     */
    public void warmUp() {
        runbooks();
        if (clients != null) {
            clients.sts();
            clients.iam();
        }
    }

    /** The scenario {@code --sandbox [SCENARIO]} names: the default one when none is given. */
    static String scenarioName(String nameOrPath) {
        return nameOrPath == null || nameOrPath.isEmpty() ? Scenario.defaultName() : nameOrPath;
    }

    /** The built-in scenario these options run a sandbox of, if they do (not a scenario file, not a replay). */
    public static Optional<String> builtinScenario(LaunchOptions o) {
        if (!o.inSandbox() || o.replaying()) {
            return Optional.empty();
        }
        String name = scenarioName(o.sandbox());
        return Scenario.builtinNames().contains(name) ? Optional.of(name) : Optional.empty();
    }

    /** How a sandbox on {@code scenario} is named in the prompt and the transcript. */
    public static String sandboxEnvironment(String scenario) {
        return "SANDBOX " + scenario;
    }

    /** A sandbox's home region: the one asked for, else us-east-1. */
    public static String sandboxRegion(LaunchOptions o) {
        return o.region() == null ? "us-east-1" : o.region();
    }

    /** A built-in scenario by name, or a scenario file; empty means the default. */
    public static Scenario scenario(String nameOrPath) {
        String name = scenarioName(nameOrPath);
        if (Scenario.builtinNames().contains(name)) {
            return Scenario.builtin(name);
        }
        Path file = Path.of(name);
        if (Files.isDirectory(file)) {
            throw new UsageException("sandbox scenario " + name + " is a folder, not a scenario YAML file");
        }
        if (!Files.isRegularFile(file)) {
            throw new UsageException("no sandbox scenario '" + name + "': the built-in ones are "
                    + String.join(", ", Scenario.builtinNames()) + " (or give a scenario YAML file)");
        }
        try {
            return Scenario.load(file);
        } catch (ScenarioException e) {
            throw new UsageException("scenario " + file + " is not valid:\n" + e.getMessage());
        }
    }

    private Path resumeOnStart;

    /** A cut-off session the interactive shell resumes as soon as it starts ({@code irshell resume FILE}), or null. */
    public void resumeOnStart(Path transcript) {
        this.resumeOnStart = transcript;
    }

    public Optional<Path> resumeOnStart() {
        return Optional.ofNullable(resumeOnStart);
    }

    /** Uses {@code dir} as the irshell folder (signing key) instead of the one the environment names. */
    public Workspace home(Path dir) {
        this.home = dir;
        return this;
    }

    public Path home() {
        return home;
    }

    /** The sandbox this workspace runs on, if it is one. */
    public Optional<Sandbox> sandbox() {
        return Optional.ofNullable(sandbox);
    }

    private static URI uri(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return URI.create(value.trim());
        } catch (IllegalArgumentException e) {
            throw new UsageException("an AWS_ENDPOINT_URL variable must be an http(s) URL, got '" + value + "'");
        }
    }

    public LaunchOptions options() {
        return options;
    }

    public ActionCatalogue catalogue() {
        return catalogue;
    }

    public CallRelay relay() {
        return relay;
    }

    public Clock clock() {
        return clock;
    }

    public String environment() {
        return environment;
    }

    public RunbookLoader loader() {
        return new RunbookLoader(catalogue::signature, catalogue.all().stream().map(a -> a.spec().name()).toList());
    }

    public synchronized RunbookRegistry runbooks() {
        if (registry == null) {
            registry = new RunbookRegistry(loader(), options.runbooksDir());
        }
        return registry;
    }

    /**
     * Who the credentials are (STS GetCallerIdentity, once). Throws ActionFailure with advice when
     * they do not work, and UsageException when they reach another account than --expect-account.
     */
    public CallerIdentity identity() {
        // not under the workspace's lock: callers that ask at once (the prompt's label, the
        // operator's command) meet in AwsClients.identity(), which makes one call for them all
        CallerIdentity known = identity;
        if (known != null) {
            return known;
        }
        CallerIdentity found;
        if (replay != null) {
            found = replay.recording().caller();
        } else {
            AwsClients.Identity id = clients.identity();
            found = new CallerIdentity(id.account(), id.arn(), id.userId(), id.userName(), id.accessKeyId());
        }
        if (options.expectAccount() != null && !options.expectAccount().equals(found.account())) {
            throw new WrongAccountException(options.expectAccount(), found);
        }
        identity = found;
        return found;
    }

    /** The caller identity if {@link #identity} has found it already; never calls AWS, never waits. */
    public Optional<CallerIdentity> knownIdentity() {
        return Optional.ofNullable(identity);
    }

    /**
     * The account's id and alias for the prompt, fetched in the background on first use. Not
     * synchronized: the prompt must never wait behind an identity call in progress.
     */
    public AccountLabel accountLabel() {
        return accountLabel;
    }

    /** The account's alias, asked now (short timeout); empty when it has none or IAM does not answer it. */
    public Optional<String> accountAlias() {
        if (clients == null) {
            return Optional.empty();
        }
        try {
            return clients.accountAlias(AccountLabel.ALIAS_TIMEOUT);
        } catch (dev.irshell.action.ActionFailure e) {
            return Optional.empty();
        }
    }

    public String region() {
        return replay != null ? replay.recording().region() : clients.defaultRegion();
    }

    public SessionOptions sessionOptions() {
        return new SessionOptions(options.profile(), region(), options.dryRun(), options.readOnly(),
                options.evidenceDir(), environment);
    }

    /**
     * Whether the credentials can run {@code runbook} and the runbooks it calls ({@code preflight}).
     * Throws ActionFailure when the credentials do not work, WrongAccountException as {@link #identity}.
     */
    public PreflightReport preflight(Runbook runbook) {
        if (clients == null) {
            throw new UsageException("preflight checks the permissions of real credentials; a replay (--replay) has none");
        }
        CallerIdentity caller = identity();
        return Preflight.check(runbook, RunbookNeeds.of(runbook, id -> runbooks().find(id), catalogue), caller, clients,
                region(), ShippedPolicies.load());
    }

    public Sessions sessions() {
        Sessions s = new Sessions(catalogue, clock, Version.get(), id -> runbooks().find(id), Home.keys(home));
        return replay == null ? s : s.withHeaderFields(replay.headerFields());
    }

    @Override
    public void close() {
        if (clients != null) {
            clients.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
