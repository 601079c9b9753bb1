package dev.irshell.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The value each objective kind takes, checked when a scenario loads so that the grader never
 * meets a malformed objective: {@code keyDeleted: AKIA...}, {@code userKept: app-backend},
 * {@code policyDetached: ARN} or {@code {policyArn: ARN, user: NAME}} / {@code {policyArn: ARN,
 * role: NAME}}, {@code snapshotBefore: i-...} or a list of instance ids, {@code sessionsRevoked: ROLE},
 * {@code nothingLegitimateDestroyed: true}.
 */
final class ObjectiveShapes {
    private static final Pattern KEY = Pattern.compile("AKIA[A-Z2-7]{16}");
    private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final Pattern INSTANCE = Pattern.compile("i-[0-9a-f]{8}([0-9a-f]{9})?");
    private static final Pattern POLICY = Pattern.compile("arn:aws:iam::(aws|\\d{12}):policy/.+");
    private static final Pattern FUNCTION = Pattern.compile("arn:aws:lambda:[a-z0-9-]+:\\d{12}:function:[\\w-]{1,64}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private ObjectiveShapes() {
    }

    /** What is wrong with {@code value} for {@code kind}, or null when it is well formed. */
    static String problem(String kind, JsonNode value) {
        return switch (kind) {
            case "keyInactive", "keyDeleted", "keyStillActive" ->
                    scalar(value, KEY, "an access key id (AKIA + 16 of A-Z, 2-7)");
            case "userDeleted", "userKept", "loginProfileDeleted" -> scalar(value, NAME, "an IAM user name");
            case "roleDeleted", "sessionsRevoked" -> scalar(value, NAME, "an IAM role name");
            case "instanceTerminated", "instanceRunning" -> scalar(value, INSTANCE, "an instance id like i-0123456789abcdef0");
            case "snapshotBefore" -> instances(value) == null
                    ? "expected an instance id or a list of instance ids" + got(value) : null;
            case "policyDetached" -> policy(value);
            case "functionDeleted", "functionKept" -> scalar(value, FUNCTION,
                    "a Lambda function ARN like arn:aws:lambda:us-east-1:111122223333:function:NAME");
            case "alternateContactRestored" -> value.isObject() && value.size() == 2
                    && value.path("type").asText("").matches("BILLING|OPERATIONS|SECURITY")
                    && EMAIL.matcher(value.path("emailAddress").asText("")).matches() ? null
                    : "expected {type: BILLING|OPERATIONS|SECURITY, emailAddress: ADDRESS}" + got(value);
            case "nothingLegitimateDestroyed" -> value.isBoolean() && value.asBoolean() ? null
                    : "expected 'true'" + got(value);
            default -> "unknown objective '" + kind + "'";
        };
    }

    /** The instance ids of a {@code snapshotBefore} value, or null when malformed. */
    static List<String> instances(JsonNode value) {
        List<String> ids = new ArrayList<>();
        if (value.isTextual()) {
            ids.add(value.asText());
        } else if (value.isArray() && !value.isEmpty()) {
            value.forEach(v -> ids.add(v.isTextual() ? v.asText() : ""));
        }
        return !ids.isEmpty() && ids.stream().allMatch(id -> INSTANCE.matcher(id).matches()) ? ids : null;
    }

    private static String policy(JsonNode value) {
        if (value.isTextual()) {
            return scalar(value, POLICY, "a policy ARN");
        }
        if (value.isObject()) {
            boolean user = value.hasNonNull("user");
            boolean role = value.hasNonNull("role");
            JsonNode arn = value.path("policyArn");
            if (value.size() == 2 && user != role && arn.isTextual() && POLICY.matcher(arn.asText()).matches()) {
                return null;
            }
        }
        return "expected a policy ARN (detached from everyone) or {policyArn: ARN, user: NAME} or {policyArn: ARN, "
                + "role: NAME}" + got(value);
    }

    private static String scalar(JsonNode value, Pattern pattern, String expected) {
        return value.isTextual() && pattern.matcher(value.asText()).matches() ? null : "expected " + expected
                + got(value);
    }

    private static String got(JsonNode value) {
        return value.isValueNode() ? ", got '" + value.asText() + "'" : value.isArray() ? ", got a list"
                : ", got a mapping";
    }
}
