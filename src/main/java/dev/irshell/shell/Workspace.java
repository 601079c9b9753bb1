package dev.irshell.shell;

import dev.irshell.action.ActionCatalogue;
import dev.irshell.action.aws.AwsActions;
import dev.irshell.action.aws.AwsClients;
import dev.irshell.engine.CallRelay;
import dev.irshell.engine.CallerIdentity;
import dev.irshell.engine.SessionOptions;
import dev.irshell.engine.Sessions;
import dev.irshell.runbook.RunbookLoader;
import java.net.URI;
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

    public Workspace(LaunchOptions options, AwsClients clients, CallRelay relay, Clock clock, String environment) {
        this.options = options;
        this.clients = clients;
        this.relay = relay;
        this.clock = clock;
        this.environment = environment;
        this.catalogue = new ActionCatalogue(AwsActions.all(clients));
    }

    /** The services whose endpoint the AWS CLI's AWS_ENDPOINT_URL_<SERVICE> variables can set. */
    private static final List<String> SERVICES = List.of("iam", "sts", "ec2", "cloudtrail");

    /**
     * A workspace against the account the options' credentials reach. Endpoints follow the AWS
     * CLI: --endpoint-url for every service, else AWS_ENDPOINT_URL_<SERVICE> and AWS_ENDPOINT_URL.
     */
    public static Workspace create(LaunchOptions o, Clock clock, Map<String, String> env) {
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

    /** Who the credentials are (STS GetCallerIdentity, once). Throws ActionFailure with advice when they do not work. */
    public synchronized CallerIdentity identity() {
        if (identity == null) {
            AwsClients.Identity id = clients.identity();
            identity = new CallerIdentity(id.account(), id.arn(), id.userId(), id.userName(), id.accessKeyId());
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
        return new Sessions(catalogue, clock, Version.get());
    }

    @Override
    public void close() {
        clients.close();
    }
}
