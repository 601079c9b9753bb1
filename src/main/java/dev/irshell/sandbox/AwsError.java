package dev.irshell.sandbox;

/**
 * An AWS error as the service returns it: code, HTTP status, message, and whether the caller
 * (Sender) or the service (Receiver) is at fault. Thrown by operations, rendered by the codec of
 * the service's protocol. Name error kinds with the factories below, not with bare numbers.
 */
public final class AwsError extends RuntimeException {
    private final String code;
    private final int status;
    private final boolean senderFault;

    public AwsError(int status, String code, String message) {
        this(status, code, message, status < 500);
    }

    public AwsError(int status, String code, String message, boolean senderFault) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
        this.senderFault = senderFault;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public boolean senderFault() {
        return senderFault;
    }

    // ---- IAM / STS (query) ----

    public static AwsError noSuchEntity(String message) {
        return new AwsError(404, "NoSuchEntity", message);
    }

    public static AwsError entityAlreadyExists(String message) {
        return new AwsError(409, "EntityAlreadyExists", message);
    }

    public static AwsError deleteConflict(String message) {
        return new AwsError(409, "DeleteConflict", message);
    }

    public static AwsError limitExceeded(String message) {
        return new AwsError(409, "LimitExceeded", message);
    }

    public static AwsError invalidInput(String message) {
        return new AwsError(400, "InvalidInput", message);
    }

    public static AwsError validationError(String message) {
        return new AwsError(400, "ValidationError", message);
    }

    public static AwsError accessDenied(String message) {
        return new AwsError(403, "AccessDenied", message);
    }

    public static AwsError missingParameter(String name) {
        return new AwsError(400, "MissingParameter",
                "The request must contain the parameter " + name);
    }

    // ---- EC2 ----

    public static AwsError ec2InvalidParameterValue(String message) {
        return new AwsError(400, "InvalidParameterValue", message);
    }

    public static AwsError ec2InvalidParameterCombination(String message) {
        return new AwsError(400, "InvalidParameterCombination", message);
    }

    // ---- CloudTrail (JSON) ----

    public static AwsError invalidLookupAttributes(String message) {
        return new AwsError(400, "InvalidLookupAttributesException", message);
    }

    public static AwsError invalidTimeRange(String message) {
        return new AwsError(400, "InvalidTimeRangeException", message);
    }

    public static AwsError invalidMaxResults(String message) {
        return new AwsError(400, "InvalidMaxResultsException", message);
    }

    public static AwsError invalidNextToken(String message) {
        return new AwsError(400, "InvalidNextTokenException", message);
    }

    public static AwsError throttlingException(String message) {
        return new AwsError(400, "ThrottlingException", message);
    }

    @Override
    public String toString() {
        return code + " (" + status + "): " + getMessage();
    }
}
