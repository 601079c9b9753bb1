package dev.irshell.sandbox;

import java.time.Instant;

/**
 * The AWS Organization the sandbox account belongs to (absent for a standalone account): its
 * identity and the management account. Member accounts, account-creation requests and
 * invitations are kept by {@link SandboxState}.
 */
public record Organization(
        String id,
        String featureSet,
        String managementAccountId,
        String managementAccountEmail) {

    public String arn() {
        return "arn:aws:organizations::" + managementAccountId + ":organization/" + id;
    }

    public String accountArn(String accountId) {
        return "arn:aws:organizations::" + managementAccountId + ":account/" + id + "/" + accountId;
    }

    public String handshakeArn(String handshakeId) {
        return "arn:aws:organizations::" + managementAccountId + ":handshake/" + id + "/invite/" + handshakeId;
    }

    /**
     * An account of the organization (the management account included).
     *
     * @param joinedMethod {@code INVITED} or {@code CREATED}
     * @param origin       {@code scenario} for the account as it was, else the timeline actor who created it
     */
    public record Member(String id, String email, String name, String status, String joinedMethod, Instant joined,
                         String origin) {
    }

    /** A CreateAccount request ({@code car-...}) and how it ended. */
    public record CreateAccountStatus(String id, String accountName, String state, Instant requested,
                                      Instant completed, String accountId, String origin) {
    }

    /** An invitation ({@code h-...}) sent to an account, and its state (ACCEPTED for members that joined). */
    public record Handshake(String id, String accountId, String state, Instant requested, Instant changed,
                            Instant expiration, String origin) {
    }
}
