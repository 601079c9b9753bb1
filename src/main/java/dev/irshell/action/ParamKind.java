package dev.irshell.action;

import dev.irshell.runbook.Regions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** What a parameter names, so guards, prompts and completion can treat it for what it is. */
public enum ParamKind {
    TEXT("text"),
    ACCESS_KEY_ID("an access key id such as AKIAIOSFODNN7EXAMPLE (AKIA or ASIA and 16 letters or digits)"),
    USER_NAME("an IAM user name (1-64 of letters, digits and +=,.@_-)"),
    ROLE_NAME("an IAM role name (1-64 of letters, digits and +=,.@_-)"),
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

    private static final Pattern ACCESS_KEY = Pattern.compile("^(AKIA|ASIA)[A-Z0-9]{16}$");
    private static final Pattern INSTANCE = Pattern.compile("^i-[0-9a-f]{8,17}$");
    private static final Pattern USER = Pattern.compile("^[\\w+=,.@-]{1,64}$");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("^-?\\d{1,18}$");

    /** The kind whose form is exactly this regular expression (so messages can say it in words), if any. */
    public static java.util.Optional<ParamKind> ofPattern(String regex) {
        if (regex == null) {
            return java.util.Optional.empty();
        }
        if (regex.equals(ACCESS_KEY.pattern())) {
            return java.util.Optional.of(ACCESS_KEY_ID);
        }
        if (regex.equals(INSTANCE.pattern())) {
            return java.util.Optional.of(INSTANCE_ID);
        }
        if (regex.equals(USER.pattern())) {
            return java.util.Optional.of(USER_NAME);
        }
        return java.util.Optional.empty();
    }

    /** True when {@code value} has this kind's form: the one check every caller shares. */
    public boolean accepts(String value) {
        if (value == null) {
            return false;
        }
        return switch (this) {
            case ACCESS_KEY_ID -> ACCESS_KEY.matcher(value).matches();
            case INSTANCE_ID -> INSTANCE.matcher(value).matches();
            case USER_NAME, ROLE_NAME -> USER.matcher(value).matches();
            case REGION -> Regions.isKnown(value);
            case INTEGER -> WHOLE_NUMBER.matcher(value).matches();
            case DATETIME -> isInstant(value);
            case TEXT, LIST -> true;
        };
    }

    private static boolean isInstant(String value) {
        try {
            Instant.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
