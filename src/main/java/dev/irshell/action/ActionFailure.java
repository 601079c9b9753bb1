package dev.irshell.action;

/**
 * An action that could not do its work, with everything the operator and the transcript need:
 * the AWS service, operation, region, error code and request id where AWS answered. Built only
 * through the typed factories, so every kind of failure reads the same way.
 */
public final class ActionFailure extends RuntimeException {
    /** Why it failed; decides the message and the exit code. */
    public enum Kind {
        /** AWS answered with an error. */
        AWS,
        /** AWS refused for lack of permission: {@link #missingPermission} names the IAM action. */
        ACCESS_DENIED,
        /** Credentials are missing, expired or invalid. */
        CREDENTIALS,
        /** A parameter has the wrong form. */
        INVALID_PARAM,
        /** The session runs read-only and this call would change the account. */
        READ_ONLY,
        /** The call did not reach AWS or got no answer (network, timeout). */
        UNREACHABLE,
        /** What the step looks for does not exist (an instance in no region, a key of no user). */
        NOT_FOUND,
        /** A replay has no recorded answer for this call: the recorded operator did something else. */
        NOT_RECORDED
    }

    private final Kind kind;
    private final String service;
    private final String operation;
    private final String region;
    private final String errorCode;
    private final String requestId;
    private final int httpStatus;
    private final String missingPermission;

    private ActionFailure(Kind kind, String message, String service, String operation, String region,
                          String errorCode, String requestId, int httpStatus, String missingPermission,
                          Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.service = service;
        this.operation = operation;
        this.region = region;
        this.errorCode = errorCode;
        this.requestId = requestId;
        this.httpStatus = httpStatus;
        this.missingPermission = missingPermission;
    }

    public static ActionFailure aws(String service, String operation, String region, String errorCode,
                                    String message, String requestId, int httpStatus, Throwable cause) {
        return new ActionFailure(Kind.AWS, message, service, operation, region, errorCode, requestId, httpStatus, null, cause);
    }

    public static ActionFailure accessDenied(String service, String operation, String region, String errorCode,
                                             String message, String requestId, int httpStatus, String missingPermission,
                                             Throwable cause) {
        return new ActionFailure(Kind.ACCESS_DENIED, message, service, operation, region, errorCode, requestId,
                httpStatus, missingPermission, cause);
    }

    public static ActionFailure credentials(String message, Throwable cause) {
        return new ActionFailure(Kind.CREDENTIALS, message, null, null, null, null, null, 0, null, cause);
    }

    public static ActionFailure credentials(String service, String operation, String region, String errorCode,
                                            String message, String requestId, int httpStatus, Throwable cause) {
        return new ActionFailure(Kind.CREDENTIALS, message, service, operation, region, errorCode, requestId, httpStatus, null, cause);
    }

    public static ActionFailure invalidParam(String param, String expected, String got) {
        return new ActionFailure(Kind.INVALID_PARAM,
                "parameter '" + param + "' must be " + expected + ", got '" + got + "'",
                null, null, null, null, null, 0, null, null);
    }

    public static ActionFailure readOnly(String service, String operation, String region) {
        return new ActionFailure(Kind.READ_ONLY,
                "refused " + service + ":" + operation + " in " + region
                        + ": this session is read-only (started with --read-only), so nothing in the account may change",
                service, operation, region, "ReadOnlySession", null, 0, null, null);
    }

    public static ActionFailure unreachable(String service, String operation, String region, String message, Throwable cause) {
        return new ActionFailure(Kind.UNREACHABLE, message, service, operation, region, null, null, 0, null, cause);
    }

    public static ActionFailure notFound(String message) {
        return new ActionFailure(Kind.NOT_FOUND, message, null, null, null, null, null, 0, null, null);
    }

    /** A replay asked for a call the recording does not hold; the message says what the recording did instead. */
    public static ActionFailure notRecorded(String message) {
        return new ActionFailure(Kind.NOT_RECORDED, message, null, null, null, null, null, 0, null, null);
    }

    /**
     * A failure rebuilt from a transcript's {@code error} object, for a replay to fail where the
     * recording failed, in the same words (same kind, message, service, operation, region, error
     * code, request id, HTTP status and missing permission).
     */
    public static ActionFailure replayed(Kind kind, String message, String service, String operation, String region,
                                         String errorCode, String requestId, int httpStatus, String missingPermission) {
        return new ActionFailure(kind, message, service, operation, region, errorCode, requestId, httpStatus,
                missingPermission, null);
    }

    public Kind kind() { return kind; }
    public String service() { return service; }
    public String operation() { return operation; }
    public String region() { return region; }
    public String errorCode() { return errorCode; }
    public String requestId() { return requestId; }
    public int httpStatus() { return httpStatus; }
    public String missingPermission() { return missingPermission; }

    /** One line for the operator: what failed, where, AWS's words and the request id. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        if (service != null) {
            b.append(service).append(':').append(operation);
            if (region != null) {
                b.append(" in ").append(region);
            }
            b.append(" failed");
            if (errorCode != null) {
                b.append(" with ").append(errorCode);
            }
            b.append(": ");
        }
        b.append(getMessage());
        if (missingPermission != null) {
            b.append(" (missing IAM permission: ").append(missingPermission).append(')');
        }
        if (requestId != null) {
            b.append(" [request id ").append(requestId).append(']');
        }
        return b.toString();
    }
}
