package dev.irshell.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The HTTP front: authenticates each request (SigV4), picks the service from the credential
 * scope, injects faults, dispatches to the operation, records the call in CloudTrail and writes
 * the answer in the service's protocol. The clock is read once per request.
 */
final class SandboxServer implements HttpHandler {
    private static final Set<String> THROTTLE_CODES = Set.of("Throttling", "ThrottlingException", "RequestLimitExceeded");

    private final SandboxState state;
    private final SandboxOptions options;
    private final Ids ids;
    private final EventRecorder recorder;
    /** How many calls each service/region/operation has had: the fault dice's position. */
    private final Map<String, Integer> calls = new java.util.HashMap<>();
    private final Map<String, ServiceHandler> services = new LinkedHashMap<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    SandboxServer(SandboxState state, SandboxOptions options, Ids ids, EventRecorder recorder,
                  List<ServiceHandler> handlers) {
        this.state = state;
        this.options = options;
        this.ids = ids;
        this.recorder = recorder;
        handlers.forEach(h -> services.put(h.signingName(), h));
    }

    void close() {
        closed.countDown();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            HttpRequestData request = read(exchange);
            HttpResponseData response = serve(request);
            if (!options.latency().isZero()) {
                pause(options.latency().toMillis());
            }
            write(exchange, response);
        } catch (RuntimeException e) {
            byte[] body = ("Internal sandbox error: " + e).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    HttpResponseData serve(HttpRequestData request) {
        Instant now = options.clock().instant();
        String requestId = ids.uuid();
        ServiceHandler service = infer(request);
        SigV4.Authorization auth;
        try {
            auth = SigV4.parse(request.header("authorization"));
        } catch (SigV4.MalformedAuthorization e) {
            return service.codec().error(service, new AwsError(400, "IncompleteSignature", e.getMessage()), requestId);
        }
        if (auth == null) {
            return service.codec().error(service, service.codec().missingAuthentication(), requestId);
        }
        ServiceHandler signed = services.get(auth.service());
        if (signed == null) {
            return service.codec().error(service, new AwsError(400, "UnrecognizedService",
                    "The sandbox does not implement service '" + auth.service() + "'."), requestId);
        }
        service = signed;
        ProtocolCodec codec = service.codec();
        try {
            Principal caller = authenticate(request, auth, codec, now);
            if (service.regional()) {
                Optional<RegionInfo> region = state.region(auth.region());
                if (region.isEmpty() || !region.get().enabled()) {
                    throw codec.invalidCredentials();
                }
            }
            if (options.timeoutRegions().contains(auth.region())) {
                hangUntilClosed();
                throw codec.internalError();
            }
            ProtocolCodec.Parsed parsed = codec.parse(service, request);
            Operation op = service.operation(parsed.operation())
                    .orElseThrow(() -> codec.unknownOperation(parsed.operation()));
            if (options.throttleRate() > 0 || options.serverErrorRate() > 0) {
                SplittableRandom dice = dice(service.signingName() + "/" + auth.region() + "/" + op.name());
                if (dice.nextDouble() < options.throttleRate()) {
                    throw codec.throttled();
                }
                if (dice.nextDouble() < options.serverErrorRate()) {
                    throw codec.internalError();
                }
            }
            return dispatch(service, op, parsed.input(), caller, auth.region(), now, request, requestId);
        } catch (AwsError e) {
            return codec.error(service, e, requestId);
        }
    }

    private HttpResponseData dispatch(ServiceHandler service, Operation op, ObjectNode input, Principal caller,
                                      String region, Instant now, HttpRequestData request, String requestId) {
        synchronized (state) {
            Call call = new Call(state, now, region, caller, input, ids, service.codec(), "session");
            ObjectNode output = null;
            AwsError failure = null;
            try {
                AwsError denied = revoked(service, op, caller);
                if (denied == null) {
                    denied = deniedByOptions(service, op, caller);
                }
                if (denied != null) {
                    throw denied;
                }
                output = op.handler().handle(call);
            } catch (AwsError e) {
                failure = e;
            }
            if (failure == null || !THROTTLE_CODES.contains(failure.code())) {
                boolean withResponse = failure == null && service.recordsResponse(op);
                recorder.record(new EventRecorder.Happening(op.name(), service.eventSource(),
                        service.eventRegion(region), now, op.readOnly(), caller, request.sourceIp(),
                        request.header("user-agent"), EventRecorder.redact(input, service.secretParameters()),
                        withResponse ? EventRecorder.redact(output, service.secretParameters()) : null,
                        failure == null ? null : failure.code(), failure == null ? null : failure.getMessage(),
                        call.resources, requestId, "AwsApiCall", null));
            }
            if (failure != null) {
                throw failure;
            }
            return service.codec().success(service, op.name(), output, requestId);
        }
    }

    /**
     * IAM's "revoke active sessions": a role session issued before the cut-off of a deny on
     * aws:TokenIssueTime in the role's inline policies is refused (GetCallerIdentity excepted:
     * it needs no permission and works even under an explicit deny).
     */
    private AwsError revoked(ServiceHandler service, Operation op, Principal caller) {
        StsSession session = caller.session();
        if (session == null || service.signingName().equals("sts") && op.name().equals("GetCallerIdentity")) {
            return null;
        }
        Optional<Instant> cutoff = PolicyDocuments.revokedBefore(state, "role", session.roleName());
        if (cutoff.isEmpty() || !session.issued().isBefore(cutoff.get())) {
            return null;
        }
        return service.codec().explicitDeny("User: " + caller.arn() + " is not authorized to perform: "
                + iamAction(service, op) + " with an explicit deny in an identity-based policy");
    }

    /** Fault injection: an IAM action the options deny, as AWS answers when no policy allows it. */
    private AwsError deniedByOptions(ServiceHandler service, Operation op, Principal caller) {
        String action = iamAction(service, op);
        // GetCallerIdentity needs no permission on AWS: no policy can deny it.
        if (!options.deniedActions().contains(action) || action.equals("sts:GetCallerIdentity")) {
            return null;
        }
        return service.codec().explicitDeny("User: " + caller.arn() + " is not authorized to perform: " + action
                + " because no identity-based policy allows the " + action + " action");
    }

    /** {@code lambda:ListFunctions} for the operation {@code ListFunctions20150331}. */
    private static String iamAction(ServiceHandler service, Operation op) {
        return service.signingName() + ":" + op.name().replaceFirst("\\d{8}(v\\d+)?$", "");
    }

    /** Resolves the signing key to a principal and checks the signature; AWS's errors otherwise. */
    private Principal authenticate(HttpRequestData request, SigV4.Authorization auth, ProtocolCodec codec,
                                   Instant now) {
        String keyId = auth.accessKeyId();
        String secret;
        Principal principal;
        AccessKey key = null;
        if (keyId.startsWith("ASIA")) {
            StsSession session = state.session(keyId).orElseThrow(codec::invalidCredentials);
            if (!session.sessionToken().equals(request.header("x-amz-security-token"))) {
                throw codec.invalidCredentials();
            }
            secret = session.secret();
            principal = Principal.assumedRole(session, state.accountId());
            String mismatch = SigV4.verify(request, auth, secret);
            if (mismatch != null) {
                throw codec.signatureMismatch(mismatch);
            }
            if (now.isAfter(session.expiration())) {
                throw codec.expiredToken();
            }
            return principal;
        }
        key = state.accessKey(keyId).filter(AccessKey::active).orElseThrow(codec::invalidCredentials);
        IamUser user = state.user(key.userName()).orElseThrow(codec::invalidCredentials);
        secret = key.secret();
        String mismatch = SigV4.verify(request, auth, secret);
        if (mismatch != null) {
            throw codec.signatureMismatch(mismatch);
        }
        state.putAccessKey(key.withLastUsed(now, auth.service(), auth.region()));
        return Principal.user(user, state.accountId(), keyId);
    }

    /** The service an unsigned or unreadable request was meant for, to answer in its protocol. */
    private ServiceHandler infer(HttpRequestData request) {
        String target = request.header("x-amz-target");
        if (target != null) {
            for (ServiceHandler s : services.values()) {
                if (!s.jsonTargetPrefix().isEmpty() && target.startsWith(s.jsonTargetPrefix())) {
                    return s;
                }
            }
        }
        for (ServiceHandler s : services.values()) {
            if (s.codec() instanceof RestJsonCodec rest && rest.route(request) != null) {
                return s;
            }
        }
        String body = new String(request.body(), StandardCharsets.UTF_8) + "&" + request.rawQuery();
        if (body.contains("Version=2016-11-15")) {
            return services.get("ec2");
        }
        if (body.contains("Version=2011-06-15")) {
            return services.get("sts");
        }
        return services.get("iam");
    }

    /**
     * The dice of the next call with this key: a function of the seed, the key and how many calls
     * with the key came before, so faults land on the same calls whatever the order of threads.
     */
    private SplittableRandom dice(String key) {
        int n;
        synchronized (calls) {
            n = calls.merge(key, 1, Integer::sum);
        }
        long h = 1125899906842597L;
        for (int i = 0; i < key.length(); i++) {
            h = 31 * h + key.charAt(i);
        }
        return new SplittableRandom(options.seed() ^ 0x5DEECE66DL ^ h * 0x9E3779B97F4A7C15L ^ (long) n << 32);
    }

    private void hangUntilClosed() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pause(long millis) {
        try {
            closed.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static HttpRequestData read(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        InetSocketAddress remote = exchange.getRemoteAddress();
        return new HttpRequestData(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body,
                remote == null ? "127.0.0.1" : remote.getAddress().getHostAddress());
    }

    private static void write(HttpExchange exchange, HttpResponseData response) throws IOException {
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response.body());
        }
    }
}
