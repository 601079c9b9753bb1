package dev.irshell.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ec2 protocol: query-style requests with flattened {@code Name.N} lists, XML results with
 * lowerCamel names and {@code <item>} lists, errors in {@code <Response><Errors>}.
 */
final class Ec2Codec implements ProtocolCodec {

    static final Ec2Codec INSTANCE = new Ec2Codec();

    @Override
    public Parsed parse(ServiceHandler service, HttpRequestData request) {
        Map<String, String> params = new LinkedHashMap<>(FormParams.decode(request.rawQuery()));
        params.putAll(FormParams.decode(new String(request.body(), StandardCharsets.UTF_8)));
        String action = params.remove("Action");
        params.remove("Version");
        if (action == null || action.isBlank()) {
            throw new AwsError(400, "MissingAction", "The request must contain the parameter Action");
        }
        return new Parsed(action, FormParams.toTree(params, false));
    }

    @Override
    public HttpResponseData success(ServiceHandler service, String operation, ObjectNode output, String requestId) {
        StringBuilder xml = new StringBuilder(1024);
        xml.append('<').append(operation).append("Response xmlns=\"").append(service.xmlNamespace()).append("\">");
        xml.append("<requestId>").append(requestId).append("</requestId>");
        Xml.writeFields(xml, output, "item");
        xml.append("</").append(operation).append("Response>");
        return QueryCodec.xmlResponse(200, xml, requestId);
    }

    @Override
    public HttpResponseData error(ServiceHandler service, AwsError error, String requestId) {
        StringBuilder xml = new StringBuilder(256);
        xml.append("<Response><Errors><Error><Code>").append(Xml.escape(error.code())).append("</Code><Message>")
                .append(Xml.escape(String.valueOf(error.getMessage()))).append("</Message></Error></Errors><RequestID>")
                .append(requestId).append("</RequestID></Response>");
        return QueryCodec.xmlResponse(error.status(), xml, requestId);
    }

    @Override
    public AwsError invalidCredentials() {
        return new AwsError(401, "AuthFailure", "AWS was not able to validate the provided access credentials");
    }

    @Override
    public AwsError signatureMismatch(String detail) {
        return new AwsError(403, "SignatureDoesNotMatch", detail);
    }

    @Override
    public AwsError missingAuthentication() {
        return new AwsError(401, "AuthFailure", "AWS was not able to validate the provided access credentials");
    }

    @Override
    public AwsError expiredToken() {
        return new AwsError(400, "RequestExpired", "Request has expired.");
    }

    @Override
    public AwsError throttled() {
        return new AwsError(503, "RequestLimitExceeded", "Request limit exceeded.", false);
    }

    @Override
    public AwsError internalError() {
        return new AwsError(500, "InternalError", "An internal error has occurred", false);
    }

    @Override
    public AwsError explicitDeny(String message) {
        return new AwsError(403, "UnauthorizedOperation", "You are not authorized to perform this operation. " + message);
    }

    @Override
    public AwsError unknownOperation(String operation) {
        return new AwsError(400, "InvalidAction", "The action " + operation + " is not valid for this web service.");
    }

    @Override
    public JsonNode timestamp(Instant instant) {
        return TextNode.valueOf(Times.iso(instant));
    }
}
