package dev.irshell.action.aws;

import dev.irshell.action.CallListener;
import dev.irshell.action.RetryNotice;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Predicate;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RecordSuccessResponse;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * The SDK's retry strategy with two things added for an operator at a terminal.
 *
 * <p>A call that cannot connect at all (connection refused, unknown host, network or host
 * unreachable, no route, connect timeout) ends after {@link RetryPolicy#unreachableAttempts()}
 * such attempts, not the {@link RetryPolicy#maxAttempts()} that throttling earns: a wrong
 * endpoint, a proxy that is down or a VPN that is off does not heal in the 40 s that ten
 * back-offs take, and a responder reads 40 silent seconds as a hung shell. Only the attempts that
 * could not connect count against that bound, so throttling before a brief network blip does
 * not use up the blip's retries.
 *
 * <p>Every retry that makes the operator wait (a connection failure, or a back-off of
 * {@link #NOTABLE_WAIT} or more) is told to the {@link CallListener} before the wait, with the
 * reason and the attempt number.
 *
 * <p>The SDK hands the same strategy object to every call of a client; the attempt count lives in
 * the token, so it is safe across threads.
 */
final class BoundedRetryStrategy implements RetryStrategy {
    /** A back-off at least this long is announced; shorter ones pass unnoticed, as they should. */
    static final Duration NOTABLE_WAIT = Duration.ofSeconds(1);

    private static final System.Logger LOG = System.getLogger(BoundedRetryStrategy.class.getName());

    private final RetryStrategy delegate;
    /** As configured; {@link #unreachableLimit()} is what applies under the delegate's own maximum. */
    private final int unreachableAttempts;
    private final String service;
    private final String region;
    private final CallListener listener;

    /**
     * The delegate's token, the number of the attempt it stands for (1 for the first), and how
     * many attempts so far could not connect: throttling before a network blip does not use up
     * the blip's retries.
     */
    private record Token(RetryToken inner, int attempt, int unreachable) implements RetryToken {}

    BoundedRetryStrategy(RetryStrategy delegate, int unreachableAttempts, String service, String region,
                         CallListener listener) {
        this.delegate = delegate;
        this.unreachableAttempts = unreachableAttempts;
        this.service = service;
        this.region = region;
        this.listener = listener == null ? CallListener.NONE : listener;
    }

    @Override
    public AcquireInitialTokenResponse acquireInitialToken(AcquireInitialTokenRequest request) {
        AcquireInitialTokenResponse r = delegate.acquireInitialToken(request);
        return AcquireInitialTokenResponse.create(new Token(r.token(), 1, 0), r.delay());
    }

    private int unreachableLimit() {
        return Math.min(unreachableAttempts, delegate.maxAttempts());
    }

    @Override
    public RefreshRetryTokenResponse refreshRetryToken(RefreshRetryTokenRequest request) {
        Token t = (Token) request.token();
        Throwable failure = request.failure();
        String unreachable = unreachable(failure);
        int unreachableSoFar = t.unreachable() + (unreachable != null ? 1 : 0);
        if (unreachable != null && unreachableSoFar >= unreachableLimit()) {
            throw new TokenAcquisitionFailedException("no connection after " + unreachableSoFar + " attempts ("
                    + unreachable + "); not retried further", t, failure);
        }
        RefreshRetryTokenResponse r;
        try {
            r = delegate.refreshRetryToken(request.toBuilder().token(t.inner()).build());
        } catch (TokenAcquisitionFailedException e) {
            RetryToken inner = e.token() == null ? t.inner() : e.token();
            throw new TokenAcquisitionFailedException(e.getMessage(), new Token(inner, t.attempt(), unreachableSoFar),
                    e.getCause());
        }
        if (unreachable != null || r.delay().compareTo(NOTABLE_WAIT) >= 0) {
            // the last attempt this failure allows: the bound for a connection failure, else the policy's
            int last = unreachable != null
                    ? Math.min(delegate.maxAttempts(), t.attempt() + unreachableLimit() - unreachableSoFar)
                    : delegate.maxAttempts();
            tell(new RetryNotice(service, CallRecordingInterceptor.currentOperation(), region, t.attempt(), last,
                    unreachable != null ? unreachable : reason(failure), r.delay(), unreachable != null));
        }
        return RefreshRetryTokenResponse.create(new Token(r.token(), t.attempt() + 1, unreachableSoFar), r.delay());
    }

    /** A listener that fails must not turn a call that is being retried into one that failed for another reason. */
    private void tell(RetryNotice notice) {
        try {
            listener.onRetry(notice);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "retry listener failed for " + notice.describe(), e);
        }
    }

    @Override
    public RecordSuccessResponse recordSuccess(RecordSuccessRequest request) {
        Token t = (Token) request.token();
        delegate.recordSuccess(RecordSuccessRequest.create(t.inner()));
        return RecordSuccessResponse.create(t);
    }

    @Override
    public int maxAttempts() {
        return delegate.maxAttempts();
    }

    /** The SDK must not replace this strategy with its own defaults: the delegate already has them. */
    @Override
    public boolean useClientDefaults() {
        return false;
    }

    @Override
    public Builder toBuilder() {
        return new Builder(delegate.toBuilder(), unreachableAttempts, service, region, listener);
    }

    /**
     * "connection refused", "unknown host sts.example", "no route to host", "connect timed out":
     * what kept the call from reaching the endpoint, or null when it reached it (or failed
     * otherwise).
     */
    static String unreachable(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof UnknownHostException) {
                return "unknown host" + (c.getMessage() == null ? "" : " " + c.getMessage());
            }
            if (c instanceof NoRouteToHostException || c instanceof PortUnreachableException) {
                return "no route to host";
            }
            if (c instanceof java.net.SocketException && c.getMessage() != null
                    && c.getMessage().toLowerCase(Locale.ROOT).contains("unreachable")) {
                // "Network is unreachable" (no route at all: Wi-Fi or VPN off), "Host is unreachable"
                return c.getMessage().toLowerCase(Locale.ROOT).contains("host") ? "host unreachable" : "network unreachable";
            }
            if (c instanceof ConnectException) {
                String m = c.getMessage() == null ? "" : c.getMessage().toLowerCase(Locale.ROOT);
                return m.contains("timed out") ? "connect timed out" : "connection refused";
            }
            if (c instanceof SocketTimeoutException && c.getMessage() != null
                    && c.getMessage().toLowerCase(Locale.ROOT).contains("connect timed out")) {
                return "connect timed out";
            }
        }
        return null;
    }

    /** "throttled (Throttling)", "HTTP 503 (ServiceUnavailable)", "no answer within the attempt's time". */
    static String reason(Throwable failure) {
        if (failure instanceof AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            String what = e.isThrottlingException() ? "throttled" : "HTTP " + e.statusCode();
            return code == null ? what : what + " (" + code + ")";
        }
        if (failure instanceof ApiCallAttemptTimeoutException) {
            return "no answer within the attempt's time limit";
        }
        Throwable c = failure;
        while (c.getCause() != null && c.getCause() != c && (c.getMessage() == null || c.getMessage().isBlank())) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }

    /** Changes the delegate's settings and wraps the result again, keeping the bound and the listener. */
    static final class Builder implements RetryStrategy.Builder<Builder, BoundedRetryStrategy> {
        private final RetryStrategy.Builder<?, ?> inner;
        private final int unreachableAttempts;
        private final String service;
        private final String region;
        private final CallListener listener;

        Builder(RetryStrategy.Builder<?, ?> inner, int unreachableAttempts, String service, String region,
                CallListener listener) {
            this.inner = inner;
            this.unreachableAttempts = unreachableAttempts;
            this.service = service;
            this.region = region;
            this.listener = listener;
        }

        @Override
        public Builder retryOnException(Predicate<Throwable> shouldRetry) {
            inner.retryOnException(shouldRetry);
            return this;
        }

        @Override
        public Builder maxAttempts(int maxAttempts) {
            inner.maxAttempts(maxAttempts);
            return this;
        }

        @Override
        public Builder backoffStrategy(BackoffStrategy backoffStrategy) {
            inner.backoffStrategy(backoffStrategy);
            return this;
        }

        @Override
        public Builder throttlingBackoffStrategy(BackoffStrategy backoffStrategy) {
            inner.throttlingBackoffStrategy(backoffStrategy);
            return this;
        }

        @Override
        public Builder treatAsThrottling(Predicate<Throwable> treatAsThrottling) {
            inner.treatAsThrottling(treatAsThrottling);
            return this;
        }

        @Override
        public BoundedRetryStrategy build() {
            return new BoundedRetryStrategy(inner.build(), unreachableAttempts, service, region, listener);
        }
    }
}
