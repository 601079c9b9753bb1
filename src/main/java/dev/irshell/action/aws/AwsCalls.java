package dev.irshell.action.aws;

import dev.irshell.action.ActionFailure;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs one SDK call and turns whatever the SDK throws into an {@link ActionFailure} of the right
 * kind, keeping AWS's error code, message, HTTP status and request id. The one place where SDK
 * exceptions are translated; every message tells the operator what to do next.
 */
public final class AwsCalls {
    static final Set<String> ACCESS_DENIED = Set.of(
            "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "Client.UnauthorizedOperation");
    static final Set<String> BAD_CREDENTIALS = Set.of(
            "InvalidClientTokenId", "ExpiredToken", "ExpiredTokenException", "SignatureDoesNotMatch",
            "UnrecognizedClientException", "InvalidAccessKeyId", "AuthFailure", "Client.AuthFailure");

    private final String profile;
    private final Function<String, URI> endpointOf;
    private final RetryPolicy retries;
    private final Supplier<CredentialAdvice.Sources> sources;

    /**
     * @param profile    the profile in use (named in advice), or null for the default chain
     * @param endpointOf the endpoint override of a service signing name, or null when none
     */
    public AwsCalls(String profile, Function<String, URI> endpointOf) {
        this(profile, endpointOf, RetryPolicy.defaults());
    }

    /** @param retries how the calls were retried, to say so when they still failed */
    public AwsCalls(String profile, Function<String, URI> endpointOf, RetryPolicy retries) {
        this(profile, endpointOf, retries, CredentialAdvice.Sources::current);
    }

    /** @param sources where the SDK looked for credentials, read only when they failed (tests give their own) */
    AwsCalls(String profile, Function<String, URI> endpointOf, RetryPolicy retries,
             Supplier<CredentialAdvice.Sources> sources) {
        this.profile = profile;
        this.endpointOf = endpointOf == null ? s -> null : endpointOf;
        this.retries = retries == null ? RetryPolicy.defaults() : retries;
        this.sources = sources;
    }

    /** For the default chain and real AWS endpoints. */
    public static AwsCalls standard() {
        return new AwsCalls(null, null);
    }

    public static AwsCalls forProfile(String profile) {
        return new AwsCalls(profile, null);
    }

    public String profile() {
        return profile;
    }

    /** Runs {@code body}; every exception leaves as an {@link ActionFailure}. */
    public <T> T call(String service, String operation, String region, Supplier<T> body) {
        try {
            return body.get();
        } catch (RuntimeException e) {
            throw map(e, service, operation, region);
        }
    }

    public void run(String service, String operation, String region, Runnable body) {
        call(service, operation, region, () -> {
            body.run();
            return null;
        });
    }

    /** The {@link ActionFailure} for an exception thrown by an SDK call. */
    public ActionFailure map(Throwable e, String service, String operation, String region) {
        ActionFailure already = findActionFailure(e);
        if (already != null) {
            return already;
        }
        if (e instanceof AwsServiceException ase) {
            return mapService(ase, service, operation, region);
        }
        if (e instanceof SdkClientException sce) {
            return mapClient(sce, service, operation, region);
        }
        if (e instanceof SdkException se) {
            return ActionFailure.aws(service, operation, region, null, messageOf(se), null, 0, se);
        }
        if (ssoCacheMissing(e)) {
            // the SDK reads a legacy SSO profile's token file directly, and fails with the file's absence
            return ActionFailure.credentials(service, operation, region, null,
                    CredentialAdvice.unresolved(profile, "SSO token cache: " + messageOf(e), sources.get()).message(),
                    null, 0, e);
        }
        return ActionFailure.aws(service, operation, region, null,
                "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage(), null, 0, e);
    }

    private ActionFailure mapService(AwsServiceException e, String service, String operation, String region) {
        AwsErrorDetails d = e.awsErrorDetails();
        String code = d == null ? null : d.errorCode();
        String message = d != null && d.errorMessage() != null ? d.errorMessage() : messageOf(e);
        String requestId = e.requestId();
        int status = e.statusCode();
        if (code == null && status == 401 && service.equals("ec2")) {
            // EC2 says AuthFailure with HTTP 401; the JDK's HttpURLConnection drops the body of a 401
            // answer to a POST, so the code never reaches the SDK. 401 from EC2 means exactly that.
            code = "AuthFailure";
            message = "AWS was not able to validate the provided access credentials (HTTP 401)";
        }
        if (code != null && ACCESS_DENIED.contains(code)) {
            String permission = service + ":" + operation;
            return ActionFailure.accessDenied(service, operation, region, code,
                    message + " - grant " + permission + " to the identity in use, or run this step with a"
                            + " profile that has it",
                    requestId, status, permission, e);
        }
        if (code != null && code.contains("AuthFailure")) {
            return ActionFailure.credentials(service, operation, region, code,
                    "AWS could not validate the credentials " + whose() + " in " + region
                            + " (or the region is not enabled for this account) (AWS said: " + message + "): " + advice(),
                    requestId, status, e);
        }
        if (code != null && BAD_CREDENTIALS.contains(code)) {
            return ActionFailure.credentials(service, operation, region, code,
                    CredentialAdvice.refused(profile, code, message, sources.get()).message(), requestId, status, e);
        }
        if (e.isThrottlingException() || status >= 500) {
            // Only errors AWS calls transient reach here this way, and only after every attempt failed.
            message = message + " (" + attempts(e) + (e.isThrottlingException()
                    ? ": AWS kept throttling the account's API calls; wait a minute, then run the step again"
                    : ": AWS kept answering with a server error; run the step again, and check the AWS Health"
                            + " Dashboard if it persists") + ")";
        }
        return ActionFailure.aws(service, operation, region, code, message, requestId, status, e);
    }

    /** "failed 10 times with back-off", or "no retry" when there was one attempt. */
    private static String attempts(SdkException e) {
        Integer n = e.numAttempts();
        return n == null || n <= 1 ? "not retried" : "still failing after " + n + " attempts with back-off";
    }

    private ActionFailure mapClient(SdkClientException e, String service, String operation, String region) {
        String msg = messageOf(e);
        String lower = msg.toLowerCase(Locale.ROOT);
        if (lower.contains("credential") || lower.contains("profile")
                || (lower.contains("token") && (lower.contains("expired") || lower.contains("sso")))
                || lower.contains("sso session")) {
            return ActionFailure.credentials(service, operation, region, null,
                    CredentialAdvice.unresolved(profile, msg, sources.get()).message(), null, 0, e);
        }
        URI ep = endpointOf.apply(service);
        String where = ep != null ? ep.toString() : "the " + service + " endpoint of " + region;
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return ActionFailure.unreachable(service, operation, region,
                    "no answer from " + service + " in " + region + " within " + RetryPolicy.seconds(retries.callTimeout())
                            + " (" + attempts(e) + ", each abandoned after "
                            + RetryPolicy.seconds(retries.attemptTimeout()) + "): " + region
                            + " is slow or unreachable from here; run the step again"
                            + (ep != null ? ", and check that " + ep + " is running" : ""),
                    e);
        }
        return ActionFailure.unreachable(service, operation, region,
                "could not reach " + where + " (" + msg + "): check the network, proxy and VPN"
                        + (ep != null ? ", and that the endpoint override is running" : "")
                        + ", then retry the step",
                e);
    }

    private String whose() {
        return profile != null ? "of profile '" + profile + "'" : "in use (default credential chain)";
    }

    private String advice() {
        if (profile != null) {
            return "run `aws sso login --profile " + profile + "` (SSO) or refresh the keys of profile '" + profile
                    + "', or export fresh AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, then retry the step";
        }
        return "export fresh AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary"
                + " credentials), or start irshell with --profile <name>, then retry the step";
    }

    private static String messageOf(Throwable e) {
        String m = e.getMessage();
        Throwable c = e.getCause();
        if ((m == null || m.isBlank()) && c != null) {
            m = c.getMessage();
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }

    private static boolean ssoCacheMissing(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof java.nio.file.NoSuchFileException nsf && nsf.getFile() != null
                    && nsf.getFile().replace('\\', '/').contains("/sso/cache/")) {
                return true;
            }
        }
        return false;
    }

    private static ActionFailure findActionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ActionFailure af) {
                return af;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** Error code of an {@link ActionFailure}, for callers that treat some codes as answers. */
    static boolean hasCode(ActionFailure f, String... codes) {
        if (f.errorCode() == null) {
            return false;
        }
        for (String c : codes) {
            if (c.equals(f.errorCode())) {
                return true;
            }
        }
        return false;
    }
}
