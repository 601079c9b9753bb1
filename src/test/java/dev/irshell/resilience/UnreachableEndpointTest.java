package dev.irshell.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irshell.action.aws.AwsClients;
import dev.irshell.engine.CallRelay;
import dev.irshell.shell.LaunchOptions;
import dev.irshell.shell.Workspace;
import dev.irshell.testsupport.IrshellProcess;
import dev.irshell.testsupport.ScriptedTerminal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * An endpoint nobody answers on (a proxy that is down, a VPN that is off, a mistyped
 * --endpoint-url) is said at once: each retry is announced while it waits, the call gives up
 * after three attempts instead of the ten that throttling earns, and what to check follows.
 */
class UnreachableEndpointTest {
    @TempDir
    Path home;

    URI closed;

    @BeforeEach
    void closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + s.getLocalPort());
        }
    }

    @Test
    void oneShot_announcesEachRetryOnStandardError_andGivesUpAfterThreeAttempts() throws Exception {
        IrshellProcess.Result r = IrshellProcess.run(home, Map.of("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE",
                "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AWS_REGION", "us-east-1",
                "AWS_ENDPOINT_URL", closed.toString()), "preflight unusual-resource-activity");
        assertThat(r.code()).as(r.all()).isEqualTo(1);
        String retry = "irshell: sts GetCallerIdentity in us-east-1: connection refused; trying again in ";
        assertThat(r.err()).as(r.all())
                .contains(retry, "(attempt 2 of 3)", "(attempt 3 of 3)", "could not reach " + closed,
                        "SDK Attempt Count: 3", "check the network, proxy and VPN")
                .doesNotContain("attempt 4");
        assertThat(r.err().split(java.util.regex.Pattern.quote(retry), -1)).hasSize(3);
        assertThat(r.all()).doesNotContain("\tat ");
    }

    @Test
    @Timeout(120)
    void inTheShell_whoamiShowsTheRetriesAboveItsAnswer() {
        CallRelay relay = new CallRelay();
        LaunchOptions o = new LaunchOptions(null, "us-east-1", false, false, home.resolve("evidence"), null, closed, false,
                false, null, null, false, List.of());
        AwsClients clients = new AwsClients(new AwsClients.Config(null, "us-east-1", closed, Map.of(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "secret")), false,
                "irshell-test/0", relay));
        String shown;
        try (Workspace ws = new Workspace(o, clients, relay, Clock.systemUTC(), "test")) {
            shown = ScriptedTerminal.type(ws, List.of("whoami"));
        }
        assertThat(shown).contains(" ~ sts GetCallerIdentity in us-east-1: connection refused; trying again in ",
                "(attempt 2 of 3)", "(attempt 3 of 3)", "could not reach " + closed);
        // the notices come before the answer, not after it
        assertThat(shown.indexOf("(attempt 3 of 3)")).isLessThan(shown.indexOf("could not reach " + closed));
    }
}
