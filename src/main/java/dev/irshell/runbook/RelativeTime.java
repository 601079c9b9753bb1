package dev.irshell.runbook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A datetime input written as an ISO-8601 instant ({@code 2026-11-01T00:00:00Z}) or as a time
 * back from now ({@code -14d}, {@code 36h}, {@code -90m}), which is what a responder types in the
 * first minutes of an incident. The relative form is fixed to an instant when the session starts.
 */
public final class RelativeTime {
    private static final Pattern AGO = Pattern.compile("^-?(\\d{1,5})([dhm])$");

    private RelativeTime() {}

    /** True when {@code value} has one of the two forms. */
    public static boolean isValid(String value) {
        return parse(value, Clock.systemUTC()).isPresent();
    }

    /** The instant {@code value} names, relative forms counted back from {@code clock}'s now. */
    public static Optional<Instant> parse(String value, Clock clock) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = AGO.matcher(value.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofMinutes(n);
            };
            return Optional.of(clock.instant().minus(d).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        }
        try {
            return Optional.of(Instant.parse(value.trim()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
