package dev.irshell.action.aws;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.AbortedException;

/**
 * Spaces calls so that at most {@code permitsPerSecond} per key (a region) start in any second:
 * each caller reserves the next free slot and sleeps until it. Thread-safe, fair by arrival.
 */
public final class RegionRateLimiter {
    private final long intervalNanos;
    private final Map<String, Long> nextFree = new HashMap<>();

    public RegionRateLimiter(double permitsPerSecond) {
        if (permitsPerSecond <= 0) {
            throw new IllegalArgumentException("permitsPerSecond must be positive");
        }
        this.intervalNanos = (long) (1_000_000_000L / permitsPerSecond);
    }

    /** Blocks until a call for {@code key} may start. */
    public void acquire(String key) {
        long wait = reserve(key);
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw AbortedException.create("interrupted while pacing calls in " + key);
            }
        }
    }

    /** Reserves the next slot; returns how long to wait for it, in nanoseconds. */
    synchronized long reserve(String key) {
        long now = System.nanoTime();
        long slot = Math.max(now, nextFree.getOrDefault(key, now));
        nextFree.put(key, slot + intervalNanos);
        return slot - now;
    }
}
