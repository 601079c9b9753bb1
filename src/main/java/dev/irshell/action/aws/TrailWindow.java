package dev.irshell.action.aws;

import dev.irshell.action.ActionFailure;
import dev.irshell.action.Finding;
import dev.irshell.action.Params;
import java.time.Duration;
import java.time.Instant;

/**
 * The time window of a CloudTrail event-history lookup: {@code start}/{@code end} parameters,
 * defaulting to the last 90 days and clamped to them (event history keeps no more).
 *
 * @param clamped true when the operator asked for a start older than 90 days
 */
record TrailWindow(Instant start, Instant end, boolean clamped) {
    static final Duration HISTORY = Duration.ofDays(90);

    static TrailWindow of(Params params, Instant now) {
        Instant end = params.optInstant("end").orElse(now);
        Instant earliest = now.minus(HISTORY);
        Instant start = params.optInstant("start").orElse(earliest);
        if (start.isAfter(end)) {
            throw ActionFailure.invalidParam("start", "before end (" + Times.iso(end) + ")", Times.iso(start));
        }
        boolean clamped = params.optInstant("start").isPresent() && start.isBefore(earliest);
        return new TrailWindow(clamped ? earliest : start, end, clamped);
    }

    /** Why the start moved, for the operator. */
    Finding clampedFinding() {
        return Finding.info("start moved to " + Times.iso(start) + ": CloudTrail event history keeps only the"
                + " last 90 days; older activity is only in a trail's S3 bucket or CloudTrail Lake");
    }
}
