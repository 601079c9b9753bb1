package dev.irshell.action;

import java.time.Duration;
import java.util.Locale;

/**
 * An AWS call that failed and is about to be tried again, told while the SDK waits, so the
 * operator hears why the step is taking long instead of watching a silent terminal.
 *
 * @param service       signing name ({@code sts}, {@code iam}, ...)
 * @param operation     the API operation, or null when it is not known
 * @param region        the region label of the client ({@code aws-global} for IAM)
 * @param failedAttempt the attempt that failed, 1 for the first
 * @param maxAttempts   the last attempt this kind of failure allows (for a connection failure,
 *                      the attempts that could not connect are what is bounded)
 * @param reason        what went wrong, in a few words ("connection refused", "throttled (Throttling)")
 * @param delay         how long the SDK waits before the next attempt
 * @param unreachable   no connection could be made (refused, unknown host, no route, connect timeout)
 */
public record RetryNotice(String service, String operation, String region, int failedAttempt, int maxAttempts,
                          String reason, Duration delay, boolean unreachable) {

    /** "sts GetCallerIdentity in us-east-1: connection refused; trying again in 180 ms (attempt 2 of 3)". */
    public String describe() {
        return service + (operation == null ? "" : " " + operation) + " in " + region + ": " + reason
                + "; trying again in " + (delay.toMillis() < 1000 ? delay.toMillis() + " ms"
                        : String.format(Locale.ROOT, "%.1f s", delay.toMillis() / 1000.0))
                + " (attempt " + (failedAttempt + 1) + " of " + maxAttempts + ")";
    }
}
