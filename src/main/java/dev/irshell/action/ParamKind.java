package dev.irshell.action;

/** What a parameter names, so guards, prompts and completion can treat it for what it is. */
public enum ParamKind {
    TEXT("text"),
    ACCESS_KEY_ID("an access key id such as AKIAIOSFODNN7EXAMPLE (AKIA or ASIA and 16 letters or digits)"),
    USER_NAME("an IAM user name (1-64 of letters, digits and +=,.@_-)"),
    INSTANCE_ID("an EC2 instance id such as i-0123456789abcdef0"),
    REGION("an AWS region code such as us-east-1"),
    DATETIME("an ISO-8601 time such as 2026-11-01T00:00:00Z"),
    INTEGER("a whole number"),
    LIST("a list");

    private final String expected;

    ParamKind(String expected) {
        this.expected = expected;
    }

    /** The expected form, in words, for error messages. */
    public String expected() {
        return expected;
    }
}
