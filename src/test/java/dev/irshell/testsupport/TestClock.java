package dev.irshell.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test controls, in UTC: it stands still until the test sets or advances it, or (made
 * with {@link #ticking}) moves by a fixed step each time it is read, after answering.
 */
public final class TestClock extends Clock {
    private final Duration tick;
    private Instant now;

    private TestClock(Instant start, Duration tick) {
        this.now = start;
        this.tick = tick;
    }

    /** Standing at {@code start} (ISO-8601) until moved. */
    public TestClock(String start) {
        this(Instant.parse(start), Duration.ZERO);
    }

    /** Standing at {@code start} until moved. */
    public static TestClock at(Instant start) {
        return new TestClock(start, Duration.ZERO);
    }

    /** Answers {@code first}, then {@code first + step}, and so on, one step per read. */
    public static TestClock ticking(Instant first, Duration step) {
        return new TestClock(first, step);
    }

    public synchronized void set(Instant instant) {
        now = instant;
    }

    public void set(String instant) {
        set(Instant.parse(instant));
    }

    public synchronized void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public synchronized Instant instant() {
        Instant current = now;
        now = now.plus(tick);
        return current;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
