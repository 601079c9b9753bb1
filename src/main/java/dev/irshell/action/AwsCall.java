package dev.irshell.action;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One AWS API call as it happened, for the transcript. Request and response are already
 * redacted of secrets by whoever builds this record.
 *
 * @param outcome    "ok" or "error"
 * @param errorCode  AWS error code, or null
 * @param requestId  AWS request id, or null when none came back
 * @param attempts   how many times the SDK sent it (retries included)
 * @param retries    the attempts that failed and were retried, in order (empty when the first one answered)
 */
public record AwsCall(
        String service,
        String operation,
        String region,
        JsonNode request,
        String outcome,
        int httpStatus,
        String errorCode,
        String errorMessage,
        String requestId,
        long durationMillis,
        JsonNode response,
        int attempts,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Retry> retries) {

    public AwsCall {
        retries = retries == null ? List.of() : List.copyOf(retries);
        attempts = Math.max(attempts, retries.size() + 1);
    }

    /** A call answered at the first attempt. */
    public AwsCall(String service, String operation, String region, JsonNode request, String outcome, int httpStatus,
                   String errorCode, String errorMessage, String requestId, long durationMillis, JsonNode response) {
        this(service, operation, region, request, outcome, httpStatus, errorCode, errorMessage, requestId,
                durationMillis, response, 1, List.of());
    }

    /**
     * One failed attempt that the SDK retried: AWS's answer (status, error code, request id), or
     * status 0 and no code when no answer came (a timeout or a broken connection).
     *
     * @param attempt   1 for the first attempt
     * @param backoffMillis how long the SDK waited after it before the next attempt, or 0 when unknown
     */
    public record Retry(int attempt, int httpStatus, String errorCode, String requestId, long backoffMillis) {}
}
