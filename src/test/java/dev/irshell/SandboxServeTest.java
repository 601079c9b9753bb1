package dev.irshell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/** `irshell sandbox serve`: the printed environment lines really point an AWS client at the sandbox. */
class SandboxServeTest {

    @Test
    void serve_printsAnEndpointAndCredentialsThatWork_andStopsWhenInterrupted() throws Exception {
        PipedInputStream in = new PipedInputStream();
        PrintStream out = new PrintStream(new PipedOutputStream(in), true, StandardCharsets.UTF_8);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicInteger code = new AtomicInteger(-1);
        Thread server = new Thread(() -> code.set(Main.run(new String[] {"sandbox", "serve", "--scenario", "quiet-account",
                "--latency-ms", "1"}, Map.of(), out, new PrintStream(err, true, StandardCharsets.UTF_8))));
        server.start();
        Map<String, String> env = new HashMap<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String first = r.readLine();
        assertThat(first).startsWith("sandbox quiet-account (simulated account ").contains("listening on http://127.0.0.1:");
        for (String line = r.readLine(); line != null && !line.startsWith("Press Ctrl-C"); line = r.readLine()) {
            if (line.trim().startsWith("export ")) {
                String kv = line.trim().substring("export ".length());
                env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
        }
        try (StsClient sts = StsClient.builder().endpointOverride(URI.create(env.get("AWS_ENDPOINT_URL")))
                .region(Region.of(env.get("AWS_REGION"))).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY")))).build()) {
            assertThat(sts.getCallerIdentity().arn()).endsWith(":user/responder");
        }
        server.interrupt();
        server.join(10_000);
        assertThat(server.isAlive()).isFalse();
        assertThat(code.get()).isZero();
    }

    @Test
    void serve_badFaultOption_isAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"sandbox", "serve", "--throttle-rate", "2"}, Map.of(),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--throttle-rate must be a fraction of calls from 0 to 1 such as 0.2, got '2'");
    }
}
