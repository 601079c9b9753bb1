package dev.irshell.action.aws;

import dev.irshell.action.CallListener;
import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * How hard every AWS call of a session tries before it reports a failure. In an incident a lost
 * answer is worse than a slow one: throttling (AWS's "slow down") and 5xx answers are retried up
 * to {@link #maxAttempts} times with exponential back-off and full jitter (the SDK's standard
 * retry conditions, so only errors AWS documents as transient are retried), and the SDK's retry
 * circuit breaker is off, because it would start refusing retries exactly when a sweep of every
 * region meets a burst of throttling. A call that gets no answer is abandoned after
 * {@link #attemptTimeout} and retried, and gives up for good after {@link #callTimeout}, so a
 * region that black-holes requests costs one bounded wait, not the session. A call that cannot
 * connect at all gets only {@link #unreachableAttempts} attempts, and every retry that makes the
 * operator wait is announced ({@link BoundedRetryStrategy}).
 *
 * @param maxAttempts         attempts per call, the first one included (at least 1)
 * @param attemptTimeout      one attempt without a complete answer is abandoned after this
 * @param callTimeout         a call, with all its attempts and back-off, gives up after this
 * @param unreachableAttempts attempts for a call that could not connect (refused, unknown host, no
 *                            route, connect timeout); at least 1, at most {@code maxAttempts}
 */
public record RetryPolicy(int maxAttempts, Duration attemptTimeout, Duration callTimeout, int unreachableAttempts) {
    /** First back-off after a 5xx or a network error; doubles each attempt, randomised below it. */
    public static final Duration BASE_DELAY = Duration.ofMillis(100);
    /** First back-off after throttling: longer, since the caller is the cause. */
    public static final Duration THROTTLED_BASE_DELAY = Duration.ofMillis(500);
    /** No single back-off is longer than this. */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(20);
    /**
     * Attempts for a call that cannot connect: the first and two more, about 0.3 s of back-off in
     * all, enough for a blip of the network and short of what makes a shell look hung.
     */
    public static final int UNREACHABLE_ATTEMPTS = 3;

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (attemptTimeout == null || attemptTimeout.isNegative() || attemptTimeout.isZero()) {
            throw new IllegalArgumentException("attemptTimeout must be positive");
        }
        if (callTimeout == null || callTimeout.compareTo(attemptTimeout) < 0) {
            throw new IllegalArgumentException("callTimeout must be at least attemptTimeout");
        }
        if (unreachableAttempts < 1 || unreachableAttempts > maxAttempts) {
            throw new IllegalArgumentException("unreachableAttempts must be between 1 and maxAttempts (" + maxAttempts
                    + "), got " + unreachableAttempts);
        }
    }

    /** With {@link #UNREACHABLE_ATTEMPTS} (or fewer, if fewer attempts are allowed at all) for a call that cannot connect. */
    public RetryPolicy(int maxAttempts, Duration attemptTimeout, Duration callTimeout) {
        this(maxAttempts, attemptTimeout, callTimeout, Math.min(UNREACHABLE_ATTEMPTS, Math.max(1, maxAttempts)));
    }

    /**
     * 10 attempts (at 30% of calls throttled, a call still fails only about once in 170,000);
     * 20 s for an attempt (LookupEvents and credential reports answer in a few seconds); 150 s
     * for a call, which keeps the worst back-off series (about 90 s) inside it.
     */
    public static RetryPolicy defaults() {
        return new RetryPolicy(10, Duration.ofSeconds(20), Duration.ofSeconds(150));
    }

    /**
     * The SDK retry strategy for one client ({@code service} in {@code region}), telling
     * {@code listener} of every retry that makes the operator wait.
     */
    RetryStrategy strategy(String service, String region, CallListener listener) {
        RetryStrategy standard = AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(maxAttempts)
                .backoffStrategy(BackoffStrategy.exponentialDelay(BASE_DELAY, MAX_BACKOFF))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(THROTTLED_BASE_DELAY, MAX_BACKOFF))
                .circuitBreakerEnabled(false)
                .build();
        return new BoundedRetryStrategy(standard, unreachableAttempts, service, region, listener);
    }

    /** "20 s" or "1.5 s": how long, for messages. */
    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
