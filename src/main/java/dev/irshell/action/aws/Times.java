package dev.irshell.action.aws;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** Time formatting for data (ISO-8601 UTC) and tables. */
final class Times {
    private Times() {}

    /** ISO-8601 in UTC, e.g. {@code 2026-11-01T10:15:30Z}; null stays null. */
    static String iso(Instant t) {
        return t == null ? null : DateTimeFormatter.ISO_INSTANT.format(t);
    }

    /** "3 days ago", "5 hours ago", for findings. */
    static String ago(Instant then, Instant now) {
        if (then == null) {
            return "never";
        }
        Duration d = Duration.between(then, now);
        if (d.isNegative()) {
            return "just now";
        }
        if (d.toDays() >= 1) {
            return d.toDays() + (d.toDays() == 1 ? " day ago" : " days ago");
        }
        if (d.toHours() >= 1) {
            return d.toHours() + (d.toHours() == 1 ? " hour ago" : " hours ago");
        }
        return d.toMinutes() + (d.toMinutes() == 1 ? " minute ago" : " minutes ago");
    }
}
