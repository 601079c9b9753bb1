package dev.irshell.action.aws;

import dev.irshell.action.ActionFailure;
import java.time.Duration;

/**
 * Waits between polls of work AWS does in the background (credential report, last-accessed
 * details, snapshots). The seam tests replace so polling needs no real time.
 */
@FunctionalInterface
interface Sleeper {
    void sleep(Duration d);

    /** Sleeps on the calling thread; an interrupt ends the wait as an {@link ActionFailure}. */
    Sleeper REAL = d -> {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ActionFailure.unreachable(null, "poll", null, "interrupted while waiting for AWS to finish a job", e);
        }
    };

    /** 1 s, 2 s, 4 s, then {@code cap}: a small backoff for the n-th wait (0-based). */
    static Duration backoff(int attempt, Duration cap) {
        long ms = 1000L << Math.min(attempt, 10);
        return Duration.ofMillis(Math.min(ms, cap.toMillis()));
    }
}
