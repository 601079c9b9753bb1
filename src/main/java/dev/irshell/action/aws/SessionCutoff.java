package dev.irshell.action.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The {@code AWSRevokeOlderSessions} inline policy of IAM's "Revoke active sessions" (IAM user
 * guide, id_roles_use_revoke-sessions; the same document on a user, id_credentials_temp_control-
 * access_disable-perms): deny everything to temporary credentials issued before a time.
 */
final class SessionCutoff {
    static final String POLICY_NAME = "AWSRevokeOlderSessions";

    private SessionCutoff() {}

    /**
     * The documented document, verbatim in shape:
     * {@code {"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*",
     * "Condition":{"DateLessThan":{"aws:TokenIssueTime":"<time>"}}}}}.
     */
    static ObjectNode document(String revokedBefore) {
        return Json.obj("Version", "2012-10-17",
                "Statement", Json.obj("Effect", "Deny", "Action", "*", "Resource", "*",
                        "Condition", Json.obj("DateLessThan", Json.obj("aws:TokenIssueTime", revokedBefore))));
    }

    /**
     * The cut-off for "now": rounded up to the whole second, so every session issued up to this
     * moment is denied (the documented example uses whole seconds, e.g. 2014-05-07T23:47:00Z).
     */
    static Instant cutoff(Instant now) {
        Instant whole = now.truncatedTo(ChronoUnit.SECONDS);
        return whole.equals(now) ? whole : whole.plusSeconds(1);
    }

    /** The aws:TokenIssueTime of an existing document, wherever its statement puts it; null if none. */
    static String revokedBefore(JsonNode doc) {
        if (doc == null || !doc.isContainerNode()) {
            return null;
        }
        JsonNode found = doc.findValue("aws:TokenIssueTime");
        if (found == null) {
            return null;
        }
        if (found.isArray() && found.size() == 1) {
            found = found.get(0);
        }
        return found.isTextual() ? found.asText() : null;
    }
}
