package dev.irshell.crosscheck;

import dev.irshell.action.aws.AwsClients;
import dev.irshell.sandbox.Credentials;
import dev.irshell.sandbox.Sandbox;
import dev.irshell.sandbox.SandboxOptions;
import dev.irshell.sandbox.Scenario;
import dev.irshell.testsupport.TestClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Sandboxes for the cross-checks: a fixed start, a clock that moves one second per request. */
final class Sandboxes {
    static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");

    private Sandboxes() {
    }

    /**
     * The sandbox reads its clock once per request; one second per read keeps CloudTrail's
     * 2-lookups-per-second limit out of the way of a CLI that follows NextToken as fast as it can.
     */
    static Clock ticking() {
        return TestClock.ticking(T0, Duration.ofSeconds(1));
    }

    static Sandbox startDefault() {
        return Sandbox.start(Scenario.builtin(Scenario.defaultName()), SandboxOptions.defaults().withClock(ticking()));
    }

    /** A scenario from {@code src/test/resources/crosscheck/}. */
    static Sandbox start(String resource) {
        String path = "/crosscheck/" + resource;
        try (InputStream in = Sandboxes.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("test scenario missing: " + path);
            }
            Scenario scenario = Scenario.parse("classpath:" + path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return Sandbox.start(scenario, SandboxOptions.defaults().withClock(ticking()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** irshell's own client factory pointed at the sandbox, signing with the given keys. */
    static AwsClients clients(Sandbox sandbox, Credentials keys, String region) {
        return new AwsClients(AwsClients.Config.emulated(sandbox.endpoint(), region, keys.accessKeyId(),
                keys.secretAccessKey(), false, "irshell-test/0 crosscheck", null));
    }
}
