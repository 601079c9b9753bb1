package dev.irshell.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The query protocol (IAM, STS): form-encoded {@code Action=..&Version=..}, XML results wrapped
 * in {@code <OpResponse><OpResult>}, lists as {@code <member>}, errors in {@code <ErrorResponse>}.
 */
final class QueryCodec implements ProtocolCodec {

    static final QueryCodec INSTANCE = new QueryCodec();

    @Override
    public Parsed parse(ServiceHandler service, HttpRequestData request) {
        Map<String, String> params = new LinkedHashMap<>(FormParams.decode(request.rawQuery()));
        params.putAll(FormParams.decode(new String(request.body(), StandardCharsets.UTF_8)));
        String action = params.remove("Action");
        params.remove("Version");
        if (action == null || action.isBlank()) {
            throw new AwsError(400, "MissingAction", "Missing Action");
        }
        return new Parsed(action, FormParams.toTree(params, true));
    }

    @Override
    public HttpResponseData success(ServiceHandler service, String operation, ObjectNode output, String requestId) {
        StringBuilder xml = new StringBuilder(512);
        xml.append("<").append(operation).append("Response xmlns=\"").append(service.xmlNamespace()).append("\">");
        if (!output.isEmpty()) {
            Xml.writeElement(xml, operation + "Result", output, "member");
        }
        xml.append("<ResponseMetadata><RequestId>").append(requestId).append("</RequestId></ResponseMetadata>");
        xml.append("</").append(operation).append("Response>");
        return xmlResponse(200, xml, requestId);
    }

    @Override
    public HttpResponseData error(ServiceHandler service, AwsError error, String requestId) {
        StringBuilder xml = new StringBuilder(256);
        xml.append("<ErrorResponse xmlns=\"").append(service.xmlNamespace()).append("\"><Error><Type>")
                .append(error.senderFault() ? "Sender" : "Receiver").append("</Type><Code>")
                .append(Xml.escape(error.code())).append("</Code><Message>")
                .append(Xml.escape(String.valueOf(error.getMessage()))).append("</Message></Error><RequestId>")
                .append(requestId).append("</RequestId></ErrorResponse>");
        return xmlResponse(error.status(), xml, requestId);
    }

    static HttpResponseData xmlResponse(int status, StringBuilder xml, String requestId) {
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + xml).getBytes(StandardCharsets.UTF_8);
        return new HttpResponseData(status, Map.of("Content-Type", "text/xml", "x-amzn-RequestId", requestId), body);
    }

    @Override
    public AwsError invalidCredentials() {
        return new AwsError(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
    }

    @Override
    public AwsError signatureMismatch(String detail) {
        return new AwsError(403, "SignatureDoesNotMatch", detail);
    }

    @Override
    public AwsError missingAuthentication() {
        return new AwsError(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
    }

    @Override
    public AwsError expiredToken() {
        return new AwsError(403, "ExpiredToken", "The security token included in the request is expired");
    }

    @Override
    public AwsError throttled() {
        return new AwsError(400, "Throttling", "Rate exceeded");
    }

    @Override
    public AwsError internalError() {
        return new AwsError(500, "InternalFailure",
                "The request processing has failed because of an unknown error, exception or failure.", false);
    }

    @Override
    public AwsError explicitDeny(String message) {
        return new AwsError(403, "AccessDenied", message);
    }

    @Override
    public AwsError unknownOperation(String operation) {
        return new AwsError(400, "InvalidAction", "Could not find operation " + operation + " for version "
                + "of this service");
    }

    @Override
    public JsonNode timestamp(Instant instant) {
        return TextNode.valueOf(Times.iso(instant));
    }
}
