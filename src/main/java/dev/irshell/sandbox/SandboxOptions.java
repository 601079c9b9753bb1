package dev.irshell.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How a sandbox runs: where it listens and which faults it injects.
 *
 * @param port            TCP port on 127.0.0.1; 0 picks a free one
 * @param latency         added to every response
 * @param throttleRate    probability (0..1) that a call is answered with the service's throttling error
 * @param serverErrorRate probability (0..1) that a call is answered with the service's 500 error
 * @param timeoutRegions  regions where calls hang until the client gives up (or the sandbox closes)
 * @param clock           the sandbox's "now": start time, event times, rate limits
 * @param seed            seeds every generated id (request ids, event ids, new keys) and the fault dice;
 *                        the dice of a call depend only on the seed, the service, region and operation,
 *                        and how many such calls came before, so a seed reproduces the same faults at
 *                        the same calls however the client's threads interleave
 * @param deniedActions   IAM actions ({@code service:Operation}, e.g. {@code iam:GenerateCredentialReport})
 *                        refused to every caller with the service's access-denied error, as when the
 *                        responder's policy lacks them
 */
public record SandboxOptions(
        int port,
        Duration latency,
        double throttleRate,
        double serverErrorRate,
        Set<String> timeoutRegions,
        Clock clock,
        long seed,
        Set<String> deniedActions) {

    /** An IAM action as policies name it: service prefix, colon, operation. */
    public static final java.util.regex.Pattern ACTION = java.util.regex.Pattern.compile("^[a-z][a-z0-9-]*:[A-Z][A-Za-z0-9]*$");

    public SandboxOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative");
        }
        checkRate("throttleRate", throttleRate);
        checkRate("serverErrorRate", serverErrorRate);
        timeoutRegions = Set.copyOf(timeoutRegions);
        Objects.requireNonNull(clock, "clock");
        deniedActions = deniedActions == null ? Set.of() : Set.copyOf(deniedActions);
        for (String a : deniedActions) {
            if (!ACTION.matcher(a).matches()) {
                throw new IllegalArgumentException("a denied action must be an IAM action such as iam:ListUsers, got '" + a + "'");
            }
        }
    }

    /** Free port, no latency, no faults, the system clock (UTC), seed 42. */
    public static SandboxOptions defaults() {
        return new SandboxOptions(0, Duration.ZERO, 0, 0, Set.of(), Clock.systemUTC(), 42L, Set.of());
    }

    public SandboxOptions withPort(int newPort) {
        return new SandboxOptions(newPort, latency, throttleRate, serverErrorRate, timeoutRegions, clock, seed, deniedActions);
    }

    public SandboxOptions withLatency(Duration newLatency) {
        return new SandboxOptions(port, newLatency, throttleRate, serverErrorRate, timeoutRegions, clock, seed, deniedActions);
    }

    public SandboxOptions withThrottleRate(double rate) {
        return new SandboxOptions(port, latency, rate, serverErrorRate, timeoutRegions, clock, seed, deniedActions);
    }

    public SandboxOptions withServerErrorRate(double rate) {
        return new SandboxOptions(port, latency, throttleRate, rate, timeoutRegions, clock, seed, deniedActions);
    }

    public SandboxOptions withTimeoutRegions(Set<String> regions) {
        return new SandboxOptions(port, latency, throttleRate, serverErrorRate, regions, clock, seed, deniedActions);
    }

    public SandboxOptions withClock(Clock newClock) {
        return new SandboxOptions(port, latency, throttleRate, serverErrorRate, timeoutRegions, newClock, seed, deniedActions);
    }

    public SandboxOptions withSeed(long newSeed) {
        return new SandboxOptions(port, latency, throttleRate, serverErrorRate, timeoutRegions, clock, newSeed, deniedActions);
    }

    /** The same, refusing these IAM actions ({@code service:Operation}) to every caller. */
    public SandboxOptions withDeniedActions(Set<String> actions) {
        return new SandboxOptions(port, latency, throttleRate, serverErrorRate, timeoutRegions, clock, seed, actions);
    }

    private static void checkRate(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, got " + rate);
        }
    }
}
