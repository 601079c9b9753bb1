package dev.irshell.testsupport;

import dev.irshell.action.aws.AwsClients;
import dev.irshell.engine.CallRelay;
import dev.irshell.shell.LaunchOptions;
import dev.irshell.shell.Workspace;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Workspaces whose AWS is moto, with CloudTrail served by a {@link FakeCloudTrail}. */
public final class TestWorkspaces {
    private TestWorkspaces() {}

    public static Workspace moto(MotoServer moto, FakeCloudTrail ct, Path evidence, boolean dryRun, boolean readOnly) {
        LaunchOptions o = new LaunchOptions(null, "us-east-1", dryRun, readOnly, evidence, null, moto.endpoint(), false,
                false, null, null, false, List.of());
        CallRelay relay = new CallRelay();
        AwsClients clients = new AwsClients(new AwsClients.Config(null, "us-east-1", moto.endpoint(),
                Map.of("cloudtrail", ct.endpoint()), moto.credentials(), readOnly, "irshell-test/0", relay));
        return new Workspace(o, clients, relay, Clock.systemUTC(), "test");
    }
}
