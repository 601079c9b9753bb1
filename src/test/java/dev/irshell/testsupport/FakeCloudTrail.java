package dev.irshell.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CloudTrail event history on 127.0.0.1 that speaks the LookupEvents wire protocol (JSON 1.1,
 * {@code X-Amz-Target: com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents}),
 * for tests that drive the real SDK: moto has no LookupEvents.
 *
 * <p>Events are kept per region (the region is read from the SigV4 credential scope of each
 * request). Honoured: exactly one LookupAttribute (more gives InvalidLookupAttributesException),
 * StartTime/EndTime (inclusive), MaxResults 1-50 with NextToken paging (the token is only valid
 * with identical parameters), most recent first. Errors come back as HTTP 400 with a JSON body
 * carrying {@code __type} and {@code message}. Every request is kept in {@link #requests()}.
 *
 * <pre>{@code
 * try (FakeCloudTrail ct = FakeCloudTrail.start()) {
 *     ct.addEvent("eu-west-1", "RunInstances").at(t).user("alice").accessKey("AKIA...")
 *             .resource("AWS::EC2::Instance", "i-0abc...").sourceIp("203.0.113.7");
 *     // AwsClients.Config serviceEndpoints: Map.of("cloudtrail", ct.endpoint())
 * }
 * }</pre>
 */
public final class FakeCloudTrail implements AutoCloseable {
    public static final String TARGET_PREFIX = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.";
    private static final String ERROR_NS = "com.amazonaws.cloudtrail.v20131101#";
    private static final Pattern SCOPE = Pattern.compile("Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request");
    private static final ObjectMapper M = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private volatile String accountId = MotoServer.ACCOUNT;

    /** One request as it arrived: the region of its credential scope, its operation, JSON body and User-Agent. */
    public record Request(String region, String operation, JsonNode body, String userAgent) {}

    private record Fault(String region, int status, String type, String message) {}

    private FakeCloudTrail(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts on 127.0.0.1 and a free port. */
    public static FakeCloudTrail start() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService ex = Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "fake-cloudtrail");
                t.setDaemon(true);
                return t;
            });
            FakeCloudTrail ct = new FakeCloudTrail(s, ex);
            s.createContext("/", ct::handle);
            s.setExecutor(ex);
            s.start();
            return ct;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the fake CloudTrail: " + e.getMessage(), e);
        }
    }

    /** e.g. {@code http://127.0.0.1:54321}: the endpoint override for service {@code cloudtrail}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The account put in every event's userIdentity and recipientAccountId. */
    public FakeCloudTrail account(String accountId) {
        this.accountId = accountId;
        return this;
    }

    /**
     * Adds an event to a region's history and returns it for filling in; it is visible at once.
     * Defaults: now, a random event id, readOnly from the name (Get/List/Describe/Lookup), event
     * source guessed from the name, an IAMUser identity once {@link Event#user} is set.
     */
    public Event addEvent(String region, String eventName) {
        Event e = new Event(region, eventName);
        events.add(e);
        return e;
    }

    /** Every request received so far, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Requests of one operation in one region. */
    public List<Request> requests(String region) {
        return requests.stream().filter(r -> r.region().equals(region)).toList();
    }

    /**
     * The next request to {@code region} (any region when null) fails with this error instead of
     * being answered, e.g. {@code (null, 400, "ThrottlingException", "Rate exceeded")}. Queue
     * several to fail several requests.
     */
    public FakeCloudTrail failNext(String region, int status, String type, String message) {
        faults.add(new Fault(region, status, type, message));
        return this;
    }

    /** Forgets events, requests and queued faults. */
    public void clear() {
        events.clear();
        requests.clear();
        faults.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // --- wire protocol ---

    private void handle(HttpExchange x) throws IOException {
        try {
            String region = region(x.getRequestHeaders().getFirst("Authorization"));
            String target = x.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = target != null && target.startsWith(TARGET_PREFIX)
                    ? target.substring(TARGET_PREFIX.length()) : String.valueOf(target);
            byte[] raw = x.getRequestBody().readAllBytes();
            JsonNode body = raw.length == 0 ? M.createObjectNode() : M.readTree(raw);
            requests.add(new Request(region, operation, body, x.getRequestHeaders().getFirst("User-Agent")));
            if (region == null) {
                error(x, 403, "IncompleteSignatureException", "Authorization header with a SigV4 credential scope is required");
                return;
            }
            for (Fault f : faults) {
                if ((f.region() == null || f.region().equals(region)) && faults.remove(f)) {
                    error(x, f.status(), f.type(), f.message());
                    return;
                }
            }
            if (!"LookupEvents".equals(operation)) {
                error(x, 400, "UnknownOperationException", "the fake CloudTrail only knows LookupEvents, not " + operation);
                return;
            }
            lookupEvents(x, region, body);
        } catch (RuntimeException e) {
            error(x, 500, "InternalFailure", String.valueOf(e));
        } finally {
            x.close();
        }
    }

    static String region(String authorization) {
        if (authorization == null) {
            return null;
        }
        Matcher m = SCOPE.matcher(authorization);
        return m.find() ? m.group(3) : null;
    }

    private void lookupEvents(HttpExchange x, String region, JsonNode body) throws IOException {
        JsonNode attrs = body.path("LookupAttributes");
        if (attrs.isArray() && attrs.size() > 1) {
            error(x, 400, "InvalidLookupAttributesException",
                    "You cannot specify more than one lookup attribute at a time.");
            return;
        }
        String key = attrs.isArray() && attrs.size() == 1 ? attrs.get(0).path("AttributeKey").asText(null) : null;
        String value = attrs.isArray() && attrs.size() == 1 ? attrs.get(0).path("AttributeValue").asText(null) : null;
        if (key != null && !Event.KEYS.contains(key)) {
            error(x, 400, "InvalidLookupAttributesException", "Invalid attribute key: " + key);
            return;
        }
        Instant start = time(body.get("StartTime"));
        Instant end = time(body.get("EndTime"));
        if (start != null && end != null && start.isAfter(end)) {
            error(x, 400, "InvalidTimeRangeException", "Start time must be before end time.");
            return;
        }
        int max = body.has("MaxResults") ? body.get("MaxResults").asInt() : 50;
        if (max < 1 || max > 50) {
            error(x, 400, "InvalidMaxResultsException", "MaxResults must be between 1 and 50.");
            return;
        }
        String fingerprint = key + "|" + value + "|" + start + "|" + end + "|" + max;
        int offset = 0;
        if (body.hasNonNull("NextToken")) {
            String[] parts = new String(Base64.getUrlDecoder().decode(body.get("NextToken").asText()),
                    StandardCharsets.UTF_8).split("\n", 2);
            if (parts.length != 2 || !parts[1].equals(fingerprint)) {
                error(x, 400, "InvalidNextTokenException", "Invalid NextToken: the other parameters changed");
                return;
            }
            offset = Integer.parseInt(parts[0]);
        }
        List<Event> matching = new ArrayList<>();
        for (Event e : events) {
            if (e.region.equals(region) && (key == null || e.matches(key, value))
                    && (start == null || !e.time.isBefore(start)) && (end == null || !e.time.isAfter(end))) {
                matching.add(e);
            }
        }
        matching.sort(Comparator.comparing((Event e) -> e.time).reversed().thenComparing(e -> e.eventId));
        ObjectNode out = M.createObjectNode();
        ArrayNode arr = out.putArray("Events");
        int to = Math.min(matching.size(), offset + max);
        for (int i = offset; i < to; i++) {
            arr.add(matching.get(i).wire(accountId));
        }
        if (to < matching.size()) {
            out.put("NextToken", Base64.getUrlEncoder().encodeToString(
                    (to + "\n" + fingerprint).getBytes(StandardCharsets.UTF_8)));
        }
        send(x, 200, out);
    }

    private static Instant time(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isNumber()) {
            double seconds = n.asDouble();
            long s = (long) Math.floor(seconds);
            return Instant.ofEpochSecond(s, Math.round((seconds - s) * 1e9));
        }
        return Instant.parse(n.asText());
    }

    private static void error(HttpExchange x, int status, String type, String message) throws IOException {
        ObjectNode b = M.createObjectNode();
        b.put("__type", ERROR_NS + type);
        b.put("message", message);
        send(x, status, b);
    }

    private static void send(HttpExchange x, int status, JsonNode body) throws IOException {
        byte[] bytes = M.writeValueAsBytes(body);
        x.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        x.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(bytes);
        }
    }

    /** One event of the history; fill it in with the fluent setters. */
    public static final class Event {
        static final List<String> KEYS = List.of(
                "EventId", "EventName", "ReadOnly", "Username", "ResourceType", "ResourceName", "EventSource", "AccessKeyId");

        private final String region;
        private final String eventName;
        private volatile String eventId = UUID.randomUUID().toString();
        private volatile Instant time = Instant.now();
        private volatile String eventSource;
        private volatile String username;
        private volatile String accessKeyId;
        private volatile String sourceIp = "198.51.100.10";
        private volatile String userAgent = "aws-cli/2.15.0";
        private volatile Boolean readOnly;
        private volatile String errorCode;
        private volatile String errorMessage;
        private volatile String identityType;
        private volatile String identityArn;
        private volatile JsonNode requestParameters;
        private final List<String[]> resources = new CopyOnWriteArrayList<>();

        private Event(String region, String eventName) {
            this.region = region;
            this.eventName = eventName;
        }

        public Event id(String eventId) { this.eventId = eventId; return this; }
        public Event at(Instant time) { this.time = time; return this; }
        public Event source(String eventSource) { this.eventSource = eventSource; return this; }
        /** The IAM user name (Username attribute); also the identity's userName. */
        public Event user(String userName) { this.username = userName; return this; }
        public Event accessKey(String accessKeyId) { this.accessKeyId = accessKeyId; return this; }
        public Event sourceIp(String ip) { this.sourceIp = ip; return this; }
        public Event userAgent(String ua) { this.userAgent = ua; return this; }
        public Event readOnly(boolean ro) { this.readOnly = ro; return this; }
        public Event error(String code, String message) { this.errorCode = code; this.errorMessage = message; return this; }
        /** userIdentity.type (IAMUser, AssumedRole, Root...) and arn. */
        public Event identity(String type, String arn) { this.identityType = type; this.identityArn = arn; return this; }
        public Event resource(String type, String name) { resources.add(new String[] {type, name}); return this; }
        /** requestParameters of the CloudTrailEvent, as JSON text. */
        public Event requestParameters(String json) {
            try {
                this.requestParameters = M.readTree(json);
            } catch (IOException e) {
                throw new IllegalArgumentException("not JSON: " + json, e);
            }
            return this;
        }

        public String eventId() { return eventId; }

        private boolean isReadOnly() {
            return readOnly != null ? readOnly
                    : eventName.matches("^(Get|List|Describe|Lookup).*");
        }

        private String source() {
            if (eventSource != null) {
                return eventSource;
            }
            if (eventName.matches(".*(User|AccessKey|LoginProfile|Role|Policy|Group|MFA).*")) {
                return "iam.amazonaws.com";
            }
            if (eventName.matches("^(AssumeRole.*|GetCallerIdentity|GetSessionToken|GetFederationToken|GetAccessKeyInfo)$")) {
                return "sts.amazonaws.com";
            }
            return "ec2.amazonaws.com";
        }

        boolean matches(String key, String value) {
            return switch (key) {
                case "EventId" -> eventId.equals(value);
                case "EventName" -> eventName.equals(value);
                case "ReadOnly" -> String.valueOf(isReadOnly()).equals(value);
                case "Username" -> value.equals(username);
                case "ResourceType" -> resources.stream().anyMatch(r -> value.equals(r[0]));
                case "ResourceName" -> resources.stream().anyMatch(r -> value.equals(r[1]));
                case "EventSource" -> source().equals(value);
                case "AccessKeyId" -> value.equals(accessKeyId);
                default -> false;
            };
        }

        private ObjectNode wire(String account) {
            ObjectNode e = M.createObjectNode();
            e.put("EventId", eventId);
            e.put("EventName", eventName);
            e.put("ReadOnly", String.valueOf(isReadOnly()));
            if (accessKeyId != null) {
                e.put("AccessKeyId", accessKeyId);
            }
            e.put("EventTime", time.getEpochSecond() + time.getNano() / 1e9);
            e.put("EventSource", source());
            if (username != null) {
                e.put("Username", username);
            }
            ArrayNode rs = e.putArray("Resources");
            for (String[] r : resources) {
                ObjectNode o = rs.addObject();
                o.put("ResourceType", r[0]);
                o.put("ResourceName", r[1]);
            }
            e.put("CloudTrailEvent", cloudTrailEvent(account).toString());
            return e;
        }

        private ObjectNode cloudTrailEvent(String account) {
            ObjectNode c = M.createObjectNode();
            c.put("eventVersion", "1.08");
            ObjectNode id = c.putObject("userIdentity");
            String type = identityType != null ? identityType : username != null ? "IAMUser" : "Root";
            id.put("type", type);
            id.put("principalId", "AIDA" + Math.abs(String.valueOf(username).hashCode()));
            id.put("arn", identityArn != null ? identityArn
                    : username != null ? "arn:aws:iam::" + account + ":user/" + username : "arn:aws:iam::" + account + ":root");
            id.put("accountId", account);
            if (accessKeyId != null) {
                id.put("accessKeyId", accessKeyId);
            }
            if (username != null) {
                id.put("userName", username);
            }
            c.put("eventTime", time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
            c.put("eventSource", source());
            c.put("eventName", eventName);
            c.put("awsRegion", region);
            c.put("sourceIPAddress", sourceIp);
            c.put("userAgent", userAgent);
            if (errorCode != null) {
                c.put("errorCode", errorCode);
                c.put("errorMessage", errorMessage);
            }
            c.set("requestParameters", requestParameters);
            c.putNull("responseElements");
            c.put("requestID", UUID.randomUUID().toString());
            c.put("eventID", eventId);
            c.put("readOnly", isReadOnly());
            c.put("eventType", "AwsApiCall");
            c.put("managementEvent", true);
            c.put("recipientAccountId", account);
            c.put("eventCategory", "Management");
            return c;
        }
    }

}
