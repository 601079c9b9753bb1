package dev.irshell.action.aws;

import java.time.Duration;

/** Waits between polls; the seam that lets tests poll without sleeping. */
@FunctionalInterface
interface Sleeper {
    void sleep(Duration d);

    Sleeper REAL = d -> {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    };
}
