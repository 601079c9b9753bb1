package dev.irshell.action.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.irshell.action.ActionFailure;
import dev.irshell.action.AwsCall;
import dev.irshell.action.CallListener;
import dev.irshell.action.RetryNotice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import dev.irshell.engine.CallRelay;
import dev.irshell.shell.LaunchOptions;
import dev.irshell.shell.Workspace;
import java.time.Clock;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * A refused connection is not throttling: it gets three attempts and a notice per retry, while
 * throttling and 5xx keep the policy's ten (RetriesUnderFaultsTest proves those end well).
 */
@Timeout(180)
class BoundedRetryStrategyTest {
    final List<RetryNotice> notices = new CopyOnWriteArrayList<>();
    final CallListener listener = new CallListener() {
        @Override
        public void onCall(AwsCall call) {
            calls.add(call);
        }

        @Override
        public void onRetry(RetryNotice notice) {
            notices.add(notice);
        }
    };
    final List<AwsCall> calls = new CopyOnWriteArrayList<>();

    static SdkClientException refused() {
        return SdkClientException.create("Unable to execute HTTP request: Connection refused",
                new ConnectException("Connection refused"));
    }

    static AwsServiceException throttled() {
        return AwsServiceException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("Throttling").errorMessage("Rate exceeded").build())
                .build();
    }

    /** A strategy of the policy's own make, for one client, with the listener above. */
    BoundedRetryStrategy strategy(RetryPolicy policy) {
        return (BoundedRetryStrategy) policy.strategy("sts", "us-east-1", listener);
    }

    /** Asks for retries after {@code failure} until the strategy refuses; returns how many attempts were made. */
    static int attemptsUntilRefused(RetryStrategy s, Throwable failure) {
        RetryToken token = s.acquireInitialToken(AcquireInitialTokenRequest.create("test")).token();
        int attempts = 1;
        while (true) {
            try {
                token = s.refreshRetryToken(RefreshRetryTokenRequest.builder().token(token).failure(failure).build()).token();
                attempts++;
            } catch (TokenAcquisitionFailedException e) {
                return attempts;
            }
            if (attempts > 100) {
                throw new AssertionError("never refused");
            }
        }
    }

    @Test
    void refusedConnection_getsThreeAttempts_andEachRetryIsAnnounced() {
        BoundedRetryStrategy s = strategy(RetryPolicy.defaults());
        assertThat(attemptsUntilRefused(s, refused())).isEqualTo(RetryPolicy.UNREACHABLE_ATTEMPTS).isEqualTo(3);
        assertThat(notices).hasSize(2);
        assertThat(notices).extracting(RetryNotice::failedAttempt).containsExactly(1, 2);
        assertThat(notices).allSatisfy(n -> {
            assertThat(n.unreachable()).isTrue();
            assertThat(n.maxAttempts()).isEqualTo(3);
            assertThat(n.reason()).isEqualTo("connection refused");
            assertThat(n.service()).isEqualTo("sts");
            assertThat(n.region()).isEqualTo("us-east-1");
        });
        assertThat(notices.get(1).describe()).startsWith("sts in us-east-1: connection refused; trying again in ")
                .endsWith("(attempt 3 of 3)");
    }

    @Test
    void throttling_keepsEveryAttemptOfThePolicy() {
        BoundedRetryStrategy s = strategy(RetryPolicy.defaults());
        assertThat(attemptsUntilRefused(s, throttled())).isEqualTo(RetryPolicy.defaults().maxAttempts()).isEqualTo(10);
        // back-offs of a second or more are announced with the throttling code; shorter ones are not
        assertThat(notices).isNotEmpty().allSatisfy(n -> {
            assertThat(n.unreachable()).isFalse();
            assertThat(n.reason()).isEqualTo("throttled (Throttling)");
            assertThat(n.maxAttempts()).isEqualTo(10);
            assertThat(n.delay()).isGreaterThanOrEqualTo(BoundedRetryStrategy.NOTABLE_WAIT);
        });
    }

    /** Throttling first, then the network blips: only the attempts that could not connect count against their bound. */
    @Test
    void throttlingBeforeAConnectionFailure_doesNotUseUpItsRetries() {
        BoundedRetryStrategy s = strategy(RetryPolicy.defaults());
        RetryToken token = s.acquireInitialToken(AcquireInitialTokenRequest.create("test")).token();
        for (int i = 0; i < 4; i++) {
            token = s.refreshRetryToken(RefreshRetryTokenRequest.builder().token(token).failure(throttled()).build()).token();
        }
        // attempts 5 and 6 could not connect: both retried, announced as attempts 6 and 7 of 7
        for (int i = 0; i < 2; i++) {
            token = s.refreshRetryToken(RefreshRetryTokenRequest.builder().token(token).failure(refused()).build()).token();
        }
        assertThat(notices).filteredOn(RetryNotice::unreachable).extracting(n -> n.failedAttempt() + 1 + "/" + n.maxAttempts())
                .containsExactly("6/7", "7/7");
        RetryToken seventh = token;
        assertThatThrownBy(() -> s.refreshRetryToken(RefreshRetryTokenRequest.builder().token(seventh).failure(refused()).build()))
                .isInstanceOf(TokenAcquisitionFailedException.class)
                .hasMessageContaining("no connection after 3 attempts (connection refused)");
    }

    /** A listener that throws (the shell closing under a background call) does not end the call's retries. */
    @Test
    void aFailingListener_doesNotStopTheRetries() {
        BoundedRetryStrategy s = (BoundedRetryStrategy) RetryPolicy.defaults().strategy("sts", "us-east-1", new CallListener() {
            @Override
            public void onCall(AwsCall call) {
            }

            @Override
            public void onRetry(RetryNotice notice) {
                throw new IllegalStateException("the shell has closed");
            }
        });
        assertThat(attemptsUntilRefused(s, refused())).isEqualTo(3);
    }

    @Test
    void aPolicyOfOneAttempt_neverRetriesAConnectionFailure() {
        BoundedRetryStrategy s = strategy(new RetryPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(1)));
        assertThat(attemptsUntilRefused(s, refused())).isEqualTo(1);
        assertThat(notices).isEmpty();
    }

    @Test
    void unreachableAttempts_outsideOneToMax_isRefused() {
        assertThatThrownBy(() -> new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(2), 6))
                .hasMessageContaining("unreachableAttempts must be between 1 and maxAttempts (5), got 6");
        assertThatThrownBy(() -> new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(2), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rebuilt_throughToBuilder_keepsTheBoundAndTheListener() {
        RetryStrategy rebuilt = strategy(RetryPolicy.defaults()).toBuilder().maxAttempts(6).build();
        assertThat(rebuilt).isInstanceOf(BoundedRetryStrategy.class);
        assertThat(rebuilt.maxAttempts()).isEqualTo(6);
        assertThat(attemptsUntilRefused(rebuilt, refused())).isEqualTo(3);
        assertThat(attemptsUntilRefused(rebuilt, throttled())).isEqualTo(6);
        assertThat(notices).anyMatch(RetryNotice::unreachable);
    }

    @Test
    void whatCountsAsUnreachable() {
        assertThat(BoundedRetryStrategy.unreachable(refused())).isEqualTo("connection refused");
        assertThat(BoundedRetryStrategy.unreachable(SdkClientException.create("x",
                new UnknownHostException("sts.eu-nowhere-1.amazonaws.com")))).isEqualTo("unknown host sts.eu-nowhere-1.amazonaws.com");
        assertThat(BoundedRetryStrategy.unreachable(new UncheckedIOException(new NoRouteToHostException("No route to host"))))
                .isEqualTo("no route to host");
        assertThat(BoundedRetryStrategy.unreachable(SdkClientException.create("x", new java.net.SocketException("Network is unreachable"))))
                .isEqualTo("network unreachable");
        assertThat(BoundedRetryStrategy.unreachable(SdkClientException.create("x", new ConnectException("Network is unreachable (connect failed)"))))
                .isEqualTo("network unreachable");
        assertThat(BoundedRetryStrategy.unreachable(SdkClientException.create("x", new SocketTimeoutException("connect timed out"))))
                .isEqualTo("connect timed out");
        assertThat(BoundedRetryStrategy.unreachable(SdkClientException.create("x", new ConnectException("Connection timed out"))))
                .isEqualTo("connect timed out");
        // an answer that took too long reached the endpoint: not unreachable, the full retries apply
        assertThat(BoundedRetryStrategy.unreachable(SdkClientException.create("x", new SocketTimeoutException("Read timed out"))))
                .isNull();
        assertThat(BoundedRetryStrategy.unreachable(SdkClientException.create("x", new IOException("Connection reset")))).isNull();
        assertThat(BoundedRetryStrategy.unreachable(SdkClientException.create("x", new java.net.SocketException("Connection reset"))))
                .isNull();
        assertThat(BoundedRetryStrategy.unreachable(throttled())).isNull();
    }

    static URI closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + s.getLocalPort());
        }
    }

    static AwsClients clientsAt(URI endpoint, CallListener listener) {
        return new AwsClients(new AwsClients.Config(null, "us-east-1", endpoint, Map.of(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "secret")),
                false, "irshell-test/0", listener));
    }

    /**
     * The shell's prompt asks who the caller is in the background while the operator's
     * {@code whoami} asks too, both through the workspace: the one that waited gets the first
     * one's failure instead of a second round of retries (and notices) against the same broken
     * network.
     */
    @Test
    void aCallerWaitingOnAFailingIdentityCall_getsThatFailure() throws Exception {
        AtomicReference<Thread> waiter = new AtomicReference<>();
        CallRelay relay = new CallRelay();
        // the first call, between its attempts, lets the second caller queue up behind it
        relay.watchRetries(notice -> {
            notices.add(notice);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline && (waiter.get() == null
                    || !EnumSet.of(Thread.State.BLOCKED, Thread.State.TERMINATED).contains(waiter.get().getState()))) {
                Thread.onSpinWait();
            }
        });
        LaunchOptions o = new LaunchOptions(null, "us-east-1", false, false, null, null, null, false, false, null, null,
                false, List.of());
        try (Workspace ws = new Workspace(o, clientsAt(closedPort(), relay), relay, Clock.systemUTC(), "test")) {
            CompletableFuture<Throwable> first = CompletableFuture.supplyAsync(() -> failureOf(ws::identity));
            CompletableFuture<Throwable> second = new CompletableFuture<>();
            Thread t = new Thread(() -> second.complete(failureOf(ws::identity)), "second-caller");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (notices.isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(notices).as("the first call is being retried").isNotEmpty();
            t.start();
            waiter.set(t);
            assertThat(second.get(30, TimeUnit.SECONDS)).isSameAs(first.get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ActionFailure.class);
            assertThat(notices).as("one round of retries, told once").hasSize(2);

            // asked again later, it tries again: the network may be back
            assertThat(failureOf(ws::identity)).isNotSameAs(second.get()).isInstanceOf(ActionFailure.class);
            assertThat(notices).hasSize(4);
        }
    }

    /**
     * A firewall that drops the packets, made on loopback: a listening socket whose accept queue
     * is full makes Linux drop further SYNs, so connecting times out. It is unreachable too:
     * three attempts of {@link AwsClients#CONNECT_TIMEOUT} each, every retry announced.
     */
    @Test
    void whoAmI_whenConnectingTimesOut_givesUpAfterThreeAttempts() throws Exception {
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            java.net.InetSocketAddress at = new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort());
            List<java.net.Socket> queued = new java.util.ArrayList<>();
            boolean dropping = false;
            try {
                for (int i = 0; i < 16 && !dropping; i++) {
                    java.net.Socket c = new java.net.Socket();
                    try {
                        c.connect(at, 300);
                        queued.add(c);
                    } catch (SocketTimeoutException e) {
                        c.close();
                        dropping = true;
                    }
                }
                org.junit.jupiter.api.Assumptions.assumeTrue(dropping,
                        "this kernel answers connections beyond a full accept queue; no dropped SYNs to test with");
                try (AwsClients clients = clientsAt(URI.create("http://127.0.0.1:" + full.getLocalPort()), listener)) {
                    assertThatThrownBy(clients::identity).isInstanceOf(ActionFailure.class)
                            .hasMessageContaining("SDK Attempt Count: 3");
                }
            } finally {
                for (java.net.Socket c : queued) {
                    c.close();
                }
            }
        }
        assertThat(notices).hasSize(2).allSatisfy(n -> {
            assertThat(n.reason()).isEqualTo("connect timed out");
            assertThat(n.unreachable()).isTrue();
        });
        assertThat(calls).singleElement().satisfies(c -> assertThat(c.attempts()).isEqualTo(3));
    }

    static Throwable failureOf(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("no failure");
    }

    /**
     * End to end, through a real SDK client: GetCallerIdentity against a port nobody listens on
     * fails after three attempts, tells the listener twice that it is trying again and names
     * the operation, and the recorded call carries all three attempts.
     */
    @Test
    void whoAmI_againstARefusedPort_failsAfterThreeAttemptsWithTwoNotices() throws IOException {
        URI closed = closedPort();
        try (AwsClients clients = clientsAt(closed, listener)) {
            assertThatThrownBy(clients::identity)
                    .isInstanceOf(ActionFailure.class)
                    .satisfies(e -> assertThat(((ActionFailure) e).kind()).isEqualTo(ActionFailure.Kind.UNREACHABLE))
                    .hasMessageContaining("could not reach " + closed)
                    .hasMessageContaining("SDK Attempt Count: 3");
        }
        assertThat(notices).hasSize(2).allSatisfy(n -> {
            assertThat(n.operation()).isEqualTo("GetCallerIdentity");
            assertThat(n.reason()).isEqualTo("connection refused");
        });
        assertThat(notices.get(0).describe()).startsWith("sts GetCallerIdentity in us-east-1: connection refused; trying again in ")
                .endsWith("(attempt 2 of 3)");
        assertThat(calls).singleElement().satisfies(c -> {
            assertThat(c.outcome()).isEqualTo("error");
            assertThat(c.attempts()).isEqualTo(3);
        });
    }
}
