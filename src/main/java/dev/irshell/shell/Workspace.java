package dev.irshell.shell;

import dev.irshell.action.ActionCatalogue;
import dev.irshell.action.aws.AwsActions;
import dev.irshell.action.aws.AwsClients;
import dev.irshell.action.aws.RetryPolicy;
import dev.irshell.engine.CallRelay;
import dev.irshell.engine.CallerIdentity;
import dev.irshell.engine.SessionOptions;
import dev.irshell.engine.Sessions;
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
    private CallerIdentity identity;

    private Sandbox sandbox;

    public Workspace(LaunchOptions options, AwsClients clients, CallRelay relay, Clock clock, String environment) {
        this.options = options;
        this.clients = clients;
        this.relay = relay;
        this.clock = clock;
        this.environment = environment;
        List<dev.irshell.action.Action> all = new java.util.ArrayList<>(AwsActions.all(clients));
        all.add(new dev.irshell.engine.SupportCaseAction());
        this.catalogue = new ActionCatalogue(all);
    }

    /** The services whose endpoint the AWS CLI's AWS_ENDPOINT_URL_<SERVICE> variables can set. */
    private static final List<String> SERVICES = List.of("iam", "sts", "ec2", "cloudtrail");

    /**
     * A workspace against the account the options' credentials reach. Endpoints follow the AWS
     * CLI: --endpoint-url for every service, else AWS_ENDPOINT_URL_<SERVICE> and AWS_ENDPOINT_URL.
     */
    public static Workspace create(LaunchOptions o, Clock clock, Map<String, String> env) {
        if (o.inSandbox()) {
            return sandbox(o, clock, scenario(o.sandbox()), SandboxOptions.defaults());
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
        String label = global == null && perService.isEmpty() ? "live" : "endpoint " + (global != null ? global : perService);
        return new Workspace(o, clients, relay, clock, label);
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
                    o.region() == null ? "us-east-1" : o.region(), c.accessKeyId(), c.secretAccessKey(), o.readOnly(),
                    "irshell/" + Version.get(), relay).withRetries(retries));
            Workspace ws = new Workspace(o, clients, relay, clock, "SANDBOX " + scenario.name());
            ws.sandbox = sb;
            return ws;
        } catch (RuntimeException e) {
            sb.close();
            throw e;
        }
    }

    /** A built-in scenario by name, or a scenario file; empty means the default. */
    public static Scenario scenario(String nameOrPath) {
        String name = nameOrPath == null || nameOrPath.isEmpty() ? Scenario.defaultName() : nameOrPath;
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
    public synchronized CallerIdentity identity() {
        if (identity == null) {
            AwsClients.Identity id = clients.identity();
            CallerIdentity found = new CallerIdentity(id.account(), id.arn(), id.userId(), id.userName(), id.accessKeyId());
            if (options.expectAccount() != null && !options.expectAccount().equals(found.account())) {
                throw new WrongAccountException(options.expectAccount(), found);
            }
            identity = found;
        }
        return identity;
    }

    public String region() {
        return clients.defaultRegion();
    }

    public SessionOptions sessionOptions() {
        return new SessionOptions(options.profile(), region(), options.dryRun(), options.readOnly(),
                options.evidenceDir(), environment);
    }

    public Sessions sessions() {
        return new Sessions(catalogue, clock, Version.get(), id -> runbooks().find(id));
    }

    @Override
    public void close() {
        clients.close();
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
