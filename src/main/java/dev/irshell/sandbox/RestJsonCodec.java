package dev.irshell.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * REST-JSON (Account, Lambda): the operation is chosen by HTTP method and path template (one
 * {@link Route} per operation, as the service model's {@code http} trait says); path variables,
 * query parameters and the JSON body together form the input. Errors carry the code in the
 * {@code x-amzn-ErrorType} header and a JSON body. One instance per service, holding its routes.
 */
final class RestJsonCodec implements ProtocolCodec {
    private static final String CONTENT_TYPE = "application/json";

    /**
     * One operation's HTTP binding: {@code GET /2015-03-31/functions/{FunctionName}}; the
     * success status (200, or 204 for deletes without a body).
     */
    record Route(String method, String template, String operation, int status, Pattern pattern,
                 List<String> variables) {

        static Route of(String method, String template, String operation, int status) {
            List<String> vars = new ArrayList<>();
            StringBuilder regex = new StringBuilder("^");
            Matcher m = Pattern.compile("\\{(\\w+)\\+?}").matcher(template);
            int last = 0;
            while (m.find()) {
                regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
                vars.add(m.group(1));
                last = m.end();
            }
            String tail = template.substring(last);
            if (tail.endsWith("/")) {
                tail = tail.substring(0, tail.length() - 1);
            }
            regex.append(Pattern.quote(tail)).append("/?$");
            return new Route(method, template, operation, status, Pattern.compile(regex.toString()), List.copyOf(vars));
        }
    }

    private final List<Route> routes;
    private final Map<String, Route> byOperation = new LinkedHashMap<>();
    private final ErrorStyle errorStyle;

    /** How a service writes its error bodies. */
    enum ErrorStyle {
        /** {@code {"message": ...}} (Account and most REST-JSON services). */
        LOWER_MESSAGE,
        /** {@code {"Type": "User", "Message": ...}} (Lambda). */
        TYPE_AND_MESSAGE
    }

    RestJsonCodec(ErrorStyle errorStyle, List<Route> routes) {
        this.errorStyle = errorStyle;
        this.routes = List.copyOf(routes);
        routes.forEach(r -> byOperation.put(r.operation(), r));
    }

    /** The route a request is for, or null. */
    Route route(HttpRequestData request) {
        for (Route r : routes) {
            if (r.method().equalsIgnoreCase(request.method()) && r.pattern().matcher(request.rawPath()).matches()) {
                return r;
            }
        }
        return null;
    }

    @Override
    public Parsed parse(ServiceHandler service, HttpRequestData request) {
        Route route = route(request);
        if (route == null) {
            throw unknownOperation(request.method() + " " + request.rawPath());
        }
        ObjectNode input;
        try {
            JsonNode body = request.body().length == 0 ? null : JsonCodec.MAPPER.readTree(request.body());
            input = body instanceof ObjectNode obj ? obj : JsonNodeFactory.instance.objectNode();
        } catch (IOException e) {
            throw new AwsError(400, "SerializationException", "Could not parse the request body as JSON.");
        }
        FormParams.decode(request.rawQuery()).forEach(input::put);
        Matcher m = route.pattern().matcher(request.rawPath());
        if (m.matches()) {
            for (int i = 0; i < route.variables().size(); i++) {
                input.put(route.variables().get(i), URLDecoder.decode(m.group(i + 1).replace("+", "%2B"),
                        StandardCharsets.UTF_8));
            }
        }
        return new Parsed(route.operation(), input);
    }

    @Override
    public HttpResponseData success(ServiceHandler service, String operation, ObjectNode output, String requestId) {
        Route route = byOperation.get(operation);
        int status = route == null ? 200 : route.status();
        if (status == 204) {
            return new HttpResponseData(204, Map.of("x-amzn-RequestId", requestId), new byte[0]);
        }
        return JsonCodec.json(status, output == null ? JsonNodeFactory.instance.objectNode() : output, requestId, null,
                CONTENT_TYPE);
    }

    @Override
    public HttpResponseData error(ServiceHandler service, AwsError error, String requestId) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (errorStyle == ErrorStyle.TYPE_AND_MESSAGE) {
            body.put("Type", error.senderFault() ? "User" : "Service");
            body.put("Message", error.getMessage());
        } else {
            body.put("message", error.getMessage());
        }
        return JsonCodec.json(error.status(), body, requestId, error.code(), CONTENT_TYPE);
    }

    @Override
    public AwsError invalidCredentials() {
        return new AwsError(403, "UnrecognizedClientException", "The security token included in the request is invalid.");
    }

    @Override
    public AwsError signatureMismatch(String detail) {
        return new AwsError(403, "InvalidSignatureException", detail);
    }

    @Override
    public AwsError missingAuthentication() {
        return new AwsError(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
    }

    @Override
    public AwsError expiredToken() {
        return new AwsError(403, "ExpiredTokenException", "The security token included in the request is expired");
    }

    @Override
    public AwsError throttled() {
        return new AwsError(429, "TooManyRequestsException", "Rate exceeded");
    }

    @Override
    public AwsError internalError() {
        return new AwsError(500, errorStyle == ErrorStyle.TYPE_AND_MESSAGE ? "ServiceException"
                : "InternalServerException", "An internal error occurred. Try again.", false);
    }

    @Override
    public AwsError explicitDeny(String message) {
        return new AwsError(403, "AccessDeniedException", message);
    }

    @Override
    public AwsError unknownOperation(String operation) {
        return new AwsError(404, "UnknownOperationException", "No operation for " + operation);
    }

    @Override
    public JsonNode timestamp(Instant instant) {
        return DecimalNode.valueOf(BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3));
    }
}
