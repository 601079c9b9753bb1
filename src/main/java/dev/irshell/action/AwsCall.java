package dev.irshell.action;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One AWS API call as it happened, for the transcript. Request and response are already
 * redacted of secrets by whoever builds this record.
 *
 * @param outcome    "ok" or "error"
 * @param errorCode  AWS error code, or null
 * @param requestId  AWS request id, or null when none came back
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
        JsonNode response) {}
