package dev.irshell.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * JSON 1.1 (CloudTrail): {@code X-Amz-Target: <prefix>.<Operation>}, JSON bodies, timestamps as
 * epoch seconds, errors as {@code {"__type":..,"message":..}} plus the {@code x-amzn-ErrorType} header.
 */
final class JsonCodec implements ProtocolCodec {

    static final JsonCodec INSTANCE = new JsonCodec();
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    @Override
    public Parsed parse(ServiceHandler service, HttpRequestData request) {
        String target = request.header("x-amz-target");
        if (target == null || !target.startsWith(service.jsonTargetPrefix() + ".")) {
            throw new AwsError(400, "UnknownOperationException", null);
        }
        String operation = target.substring(service.jsonTargetPrefix().length() + 1);
        ObjectNode input;
        try {
            JsonNode body = request.body().length == 0 ? null : MAPPER.readTree(request.body());
            input = body instanceof ObjectNode obj ? obj : JsonNodeFactory.instance.objectNode();
        } catch (IOException e) {
            throw new AwsError(400, "SerializationException", "Start of structure or map found where not expected.");
        }
        return new Parsed(operation, input);
    }

    @Override
    public HttpResponseData success(ServiceHandler service, String operation, ObjectNode output, String requestId) {
        return json(200, output, requestId, null, CONTENT_TYPE);
    }

    @Override
    public HttpResponseData error(ServiceHandler service, AwsError error, String requestId) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("__type", error.code());
        if (error.getMessage() != null) {
            body.put("message", error.getMessage());
        }
        return json(error.status(), body, requestId, error.code(), CONTENT_TYPE);
    }

    /** A JSON answer with AWS's request id (and error type) headers; shared by JSON 1.1 and REST-JSON. */
    static HttpResponseData json(int status, ObjectNode body, String requestId, String errorType, String contentType) {
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> headers = errorType == null
                ? Map.of("Content-Type", contentType, "x-amzn-RequestId", requestId)
                : Map.of("Content-Type", contentType, "x-amzn-RequestId", requestId, "x-amzn-ErrorType", errorType);
        return new HttpResponseData(status, headers, bytes);
    }

    @Override
    public AwsError invalidCredentials() {
        return new AwsError(400, "UnrecognizedClientException", "The security token included in the request is invalid.");
    }

    @Override
    public AwsError signatureMismatch(String detail) {
        return new AwsError(400, "InvalidSignatureException", detail);
    }

    @Override
    public AwsError missingAuthentication() {
        return new AwsError(400, "MissingAuthenticationTokenException", "Missing Authentication Token");
    }

    @Override
    public AwsError expiredToken() {
        return new AwsError(400, "ExpiredTokenException", "The security token included in the request is expired");
    }

    @Override
    public AwsError throttled() {
        return new AwsError(400, "ThrottlingException", "Rate exceeded");
    }

    @Override
    public AwsError internalError() {
        return new AwsError(500, "InternalFailure",
                "The request processing has failed because of an unknown error, exception or failure.", false);
    }

    @Override
    public AwsError explicitDeny(String message) {
        return new AwsError(400, "AccessDeniedException", message);
    }

    @Override
    public AwsError unknownOperation(String operation) {
        return new AwsError(400, "UnknownOperationException", null);
    }

    @Override
    public JsonNode timestamp(Instant instant) {
        return DecimalNode.valueOf(BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3));
    }
}
