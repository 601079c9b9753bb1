package dev.irshell.action.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irshell.action.ActionFailure;
import dev.irshell.action.AwsCall;
import dev.irshell.action.CallListener;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Tells the {@link CallListener} of every completed call (success or failure) as an
 * {@link AwsCall}: service, operation, region, redacted request and response JSON, outcome, HTTP
 * status, error code and message, request id and duration, and every attempt the SDK retried
 * (its status, error code, request id and the back-off before the next one), so the record shows
 * that a throttled or failed call was retried, not only that it ended well. One instance per client.
 */
public final class CallRecordingInterceptor implements ExecutionInterceptor {
    private static final System.Logger LOG = System.getLogger(CallRecordingInterceptor.class.getName());
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("irshell.callStartedNanos");
    private static final ExecutionAttribute<List<Attempt>> ATTEMPTS = new ExecutionAttribute<>("irshell.callAttempts");
    /**
     * The operation the calling thread's client is executing, for the retry strategy's notices
     * (the SDK does not hand the operation to a retry strategy). Sync clients retry on the thread
     * that made the call, which is the one that ran {@link #beforeExecution}.
     */
    private static final ThreadLocal<String> CURRENT_OPERATION = new ThreadLocal<>();
    /** Error answers are small; a longer body is not read for its code. */
    private static final int MAX_ERROR_BODY = 64 * 1024;
    private static final Pattern XML_CODE = Pattern.compile("<Code>\\s*([^<\\s]+)\\s*</Code>");
    private static final Pattern JSON_CODE = Pattern.compile("\"(?:__type|code|Code)\"\\s*:\\s*\"([^\"]+)\"");

    /** One attempt as the interceptor saw it; mutable while the call runs, on the calling thread. */
    private static final class Attempt {
        final long startedNanos = System.nanoTime();
        long answeredNanos;
        int status;
        String errorCode;
        String requestId;
    }

    private final String service;
    private final String region;
    private final CallListener listener;

    /**
     * @param service signing name ({@code iam}, {@code ec2}, ...)
     * @param region  the region label of the client ({@code aws-global} for IAM)
     */
    public CallRecordingInterceptor(String service, String region, CallListener listener) {
        this.service = service;
        this.region = region;
        this.listener = listener == null ? CallListener.NONE : listener;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attrs) {
        attrs.putAttribute(STARTED, System.nanoTime());
        attrs.putAttribute(ATTEMPTS, new ArrayList<>());
        CURRENT_OPERATION.set(operation(attrs));
    }

    /** The operation this thread's AWS call is executing, or null outside a call. */
    static String currentOperation() {
        return CURRENT_OPERATION.get();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attrs) {
        List<Attempt> attempts = attrs.getAttribute(ATTEMPTS);
        if (attempts != null) {
            attempts.add(new Attempt());
        }
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attrs) {
        Attempt a = current(attrs);
        if (a != null && context.httpResponse() != null) {
            a.answeredNanos = System.nanoTime();
            a.status = context.httpResponse().statusCode();
            a.requestId = headerRequestId(context.httpResponse());
            a.errorCode = context.httpResponse().firstMatchingHeader("x-amzn-ErrorType")
                    .map(CallRecordingInterceptor::shortCode).orElse(null);
        }
    }

    /** Reads the code of an error answer (XML or JSON body) for the attempt's record; the body is handed on unchanged. */
    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attrs) {
        Optional<InputStream> body = context.responseBody();
        Attempt a = current(attrs);
        if (a == null || a.errorCode != null || body.isEmpty() || context.httpResponse() == null
                || context.httpResponse().isSuccessful()) {
            return body;
        }
        try {
            InputStream in = body.get();
            byte[] head = in.readNBytes(MAX_ERROR_BODY);
            a.errorCode = errorCode(new String(head, StandardCharsets.UTF_8));
            return Optional.of(new SequenceInputStream(new ByteArrayInputStream(head), in));
        } catch (IOException e) {
            // the body could not be read here; the SDK will meet the same error and report it
            return body;
        }
    }

    private static Attempt current(ExecutionAttributes attrs) {
        List<Attempt> attempts = attrs.getAttribute(ATTEMPTS);
        return attempts == null || attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
    }

    static String errorCode(String body) {
        Matcher m = XML_CODE.matcher(body);
        if (m.find()) {
            return m.group(1);
        }
        m = JSON_CODE.matcher(body);
        return m.find() ? shortCode(m.group(1)) : null;
    }

    /** {@code com.amazonaws.x#ThrottlingException:http://...} -> {@code ThrottlingException}. */
    private static String shortCode(String raw) {
        String c = raw;
        int colon = c.indexOf(':');
        if (colon >= 0) {
            c = c.substring(0, colon);
        }
        int hash = c.lastIndexOf('#');
        return hash >= 0 ? c.substring(hash + 1) : c;
    }

    /** Every attempt but the last: those the SDK retried. */
    private static List<AwsCall.Retry> retried(ExecutionAttributes attrs) {
        List<Attempt> attempts = attrs.getAttribute(ATTEMPTS);
        if (attempts == null || attempts.size() < 2) {
            return List.of();
        }
        List<AwsCall.Retry> out = new ArrayList<>();
        for (int i = 0; i < attempts.size() - 1; i++) {
            Attempt a = attempts.get(i);
            Attempt next = attempts.get(i + 1);
            long waited = a.answeredNanos == 0 ? 0 : Math.max(0, next.startedNanos - a.answeredNanos) / 1_000_000;
            out.add(new AwsCall.Retry(i + 1, a.status, a.errorCode, a.requestId, waited));
        }
        return out;
    }

    private static int attempts(ExecutionAttributes attrs) {
        List<Attempt> attempts = attrs.getAttribute(ATTEMPTS);
        return attempts == null || attempts.isEmpty() ? 1 : attempts.size();
    }

    /**
     * Adds the running session's marker to the call's User-Agent as an API name
     * ({@code irshell-session/<id>}), the SDK's own way to extend it; CloudTrail records the
     * User-Agent with the call.
     */
    @Override
    public software.amazon.awssdk.core.SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attrs) {
        String marker = listener.userAgentMarker();
        if (marker == null || !(context.request() instanceof software.amazon.awssdk.awscore.AwsRequest req)) {
            return context.request();
        }
        int slash = marker.indexOf('/');
        software.amazon.awssdk.core.ApiName api = software.amazon.awssdk.core.ApiName.builder()
                .name(marker.substring(0, slash)).version(marker.substring(slash + 1)).build();
        software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration cfg = req.overrideConfiguration()
                .map(software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration::toBuilder)
                .orElseGet(software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration::builder)
                .addApiName(api).build();
        return req.toBuilder().overrideConfiguration(cfg).build();
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attrs) {
        SdkResponse response = context.response();
        String requestId = null;
        if (response instanceof AwsResponse r && r.responseMetadata() != null) {
            requestId = known(r.responseMetadata().requestId());
        }
        if (requestId == null) {
            requestId = headerRequestId(context.httpResponse());
        }
        int status = context.httpResponse() == null ? 0 : context.httpResponse().statusCode();
        emit(new AwsCall(service, operation(attrs), region, json(context.request()), "ok", status, null, null,
                requestId, millis(attrs), json(response), attempts(attrs), retried(attrs)));
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attrs) {
        Throwable e = context.exception();
        Optional<SdkHttpResponse> http = context.httpResponse();
        int status = http.map(SdkHttpResponse::statusCode).orElse(0);
        String code = null;
        String message = e.getMessage();
        String requestId = http.map(CallRecordingInterceptor::headerRequestId).orElse(null);
        if (e instanceof AwsServiceException ase) {
            if (ase.awsErrorDetails() != null) {
                code = ase.awsErrorDetails().errorCode();
                message = ase.awsErrorDetails().errorMessage();
            }
            requestId = known(ase.requestId()) != null ? ase.requestId() : requestId;
            status = ase.statusCode() != 0 ? ase.statusCode() : status;
        } else if (e instanceof ActionFailure af) {
            code = af.errorCode();
        }
        emit(new AwsCall(service, operation(attrs), region, json(context.request()), "error", status, code, message,
                requestId, millis(attrs), null, attempts(attrs), retried(attrs)));
    }

    private void emit(AwsCall call) {
        CURRENT_OPERATION.remove();
        try {
            listener.onCall(call);
        } catch (RuntimeException ex) {
            // A failing listener must not turn a call that happened into one that seems not to have.
            LOG.log(System.Logger.Level.WARNING, "call listener failed for " + call.service() + ":" + call.operation(), ex);
        }
    }

    private static String operation(ExecutionAttributes attrs) {
        return attrs.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    }

    private static long millis(ExecutionAttributes attrs) {
        Long started = attrs.getAttribute(STARTED);
        return started == null ? 0 : (System.nanoTime() - started) / 1_000_000;
    }

    private static JsonNode json(Object pojo) {
        if (pojo instanceof SdkPojo p) {
            return SdkJson.toJson(p);
        }
        return pojo == null ? null : Json.object();
    }

    private static String headerRequestId(SdkHttpResponse http) {
        if (http == null) {
            return null;
        }
        for (String h : new String[] {"x-amzn-RequestId", "x-amz-request-id", "x-amzn-requestid"}) {
            Optional<String> v = http.firstMatchingHeader(h);
            if (v.isPresent()) {
                return known(v.get());
            }
        }
        return null;
    }

    private static String known(String requestId) {
        return requestId == null || requestId.isBlank() || "UNKNOWN".equals(requestId) ? null : requestId;
    }
}
