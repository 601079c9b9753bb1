package dev.irshell.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Policy documents as IAM keeps and returns them (URL-encoded JSON), and the one policy shape the
 * sandbox enforces on every call: IAM's "revoke active sessions" deny, {@code {"Effect":"Deny",
 * "Action":"*","Resource":"*","Condition":{"DateLessThan":{"aws:TokenIssueTime":T}}}}. Other
 * statements are evaluated only for SimulatePrincipalPolicy ({@link PolicyEvaluation}); calls are
 * not checked against them.
 */
final class PolicyDocuments {
    /** The inline policy name IAM's console (and irshell) use to revoke sessions. */
    static final String REVOKE_OLDER_SESSIONS = "AWSRevokeOlderSessions";
    private static final Pattern POLICY_NAME = Pattern.compile("[\\w+=,.@-]{1,128}");

    private PolicyDocuments() {
    }

    /** A document as IAM returns it in PolicyDocument/Document: URL-encoded (RFC 3986) JSON. */
    static String encode(String document) {
        return URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Checks a PolicyDocument parameter is a JSON object; MalformedPolicyDocument otherwise. */
    static String validDocument(Call call) {
        String doc = call.required("PolicyDocument");
        try {
            JsonNode n = JsonCodec.MAPPER.readTree(doc);
            if (n != null && n.isObject() && n.has("Statement")) {
                return doc;
            }
        } catch (IOException e) {
            // answered below
        }
        throw new AwsError(400, "MalformedPolicyDocument", "Syntax errors in policy.");
    }

    static String validPolicyName(Call call) {
        String name = call.required("PolicyName");
        if (!POLICY_NAME.matcher(name).matches()) {
            throw AwsError.validationError("1 validation error detected: Value '" + name + "' at 'policyName' failed "
                    + "to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+");
        }
        return name;
    }

    /**
     * The cut-off time of every revoke-sessions deny in the inline policies of a role or user
     * ({@code kind} {@code role}/{@code user}): temporary credentials issued before it are refused.
     */
    static Optional<Instant> revokedBefore(SandboxState state, String kind, String name) {
        Instant latest = null;
        for (String policy : state.inlinePolicyNames(kind, name)) {
            for (Instant t : denyCutoffs(state.inlinePolicy(kind, name, policy).orElse("{}"))) {
                latest = latest == null || t.isAfter(latest) ? t : latest;
            }
        }
        return Optional.ofNullable(latest);
    }

    /** The aws:TokenIssueTime cut-offs of the document's Deny * on * statements. */
    static List<Instant> denyCutoffs(String document) {
        List<Instant> out = new ArrayList<>();
        JsonNode doc;
        try {
            doc = JsonCodec.MAPPER.readTree(document);
        } catch (IOException e) {
            return out;
        }
        JsonNode statements = doc.path("Statement");
        List<JsonNode> list = new ArrayList<>();
        if (statements.isArray()) {
            statements.forEach(list::add);
        } else if (statements.isObject()) {
            list.add(statements);
        }
        for (JsonNode st : list) {
            if (!"Deny".equals(st.path("Effect").asText()) || !isStar(st.path("Action"))
                    || !isStar(st.path("Resource"))) {
                continue;
            }
            JsonNode t = st.path("Condition").path("DateLessThan").path("aws:TokenIssueTime");
            if (t.isArray() && t.size() == 1) {
                t = t.get(0);
            }
            Instant when = time(t.asText(""));
            if (when != null) {
                out.add(when);
            }
        }
        return out;
    }

    private static boolean isStar(JsonNode n) {
        return n.isTextual() && n.asText().equals("*") || n.isArray() && n.size() == 1 && n.get(0).asText().equals("*");
    }

    static Instant time(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
