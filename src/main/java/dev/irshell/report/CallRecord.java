package dev.irshell.report;

import java.time.Instant;

/**
 * One AWS call the session made (an {@code aws.call} entry): when, what, where, how it ended and
 * the request id AWS gave it, which AWS Support and CloudTrail can match.
 *
 * @param step the step it was made for; null for calls outside a step (the caller identity)
 * @param line the transcript line it came from
 */
public record CallRecord(Instant time, String service, String operation, String region, String outcome, int httpStatus,
                         String errorCode, String errorMessage, String requestId, long durationMillis, String step,
                         long line) {

    /** "iam:UpdateAccessKey" */
    public String name() {
        return service + ":" + operation;
    }

    /** Whether it changed something (not Get/List/Describe/Lookup or another read). */
    public boolean write() {
        return !dev.irshell.action.ReadOperations.isRead(operation);
    }

    public boolean ok() {
        return "ok".equals(outcome);
    }
}
