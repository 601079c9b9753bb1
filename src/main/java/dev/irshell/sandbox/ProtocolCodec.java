package dev.irshell.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One AWS wire protocol (query, ec2, JSON 1.1): how an operation and its input are read from a
 * request, how results and errors are written, and which error codes the protocol's services use
 * for the cross-cutting failures (credentials, throttling, internal errors).
 */
interface ProtocolCodec {

    /** The operation name and its input as a JSON tree (query lists become arrays). */
    record Parsed(String operation, ObjectNode input) {
    }

    Parsed parse(ServiceHandler service, HttpRequestData request);

    HttpResponseData success(ServiceHandler service, String operation, ObjectNode output, String requestId);

    HttpResponseData error(ServiceHandler service, AwsError error, String requestId);

    /** Unknown, inactive or foreign access key; also a call in a region that is not enabled. */
    AwsError invalidCredentials();

    AwsError signatureMismatch(String detail);

    AwsError missingAuthentication();

    AwsError expiredToken();

    AwsError throttled();

    AwsError internalError();

    AwsError unknownOperation(String operation);

    /** A call an identity-based policy explicitly denies (e.g. a revoked role session). */
    AwsError explicitDeny(String message);

    /** The time format of this protocol's timestamps in results. */
    com.fasterxml.jackson.databind.JsonNode timestamp(java.time.Instant instant);
}
