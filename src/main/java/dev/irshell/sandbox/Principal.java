package dev.irshell.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Who made a call: an IAM user (by long-term key or console), an assumed-role session, or an
 * AWS service acting on the account.
 */
record Principal(
        String type,
        String principalId,
        String arn,
        String accountId,
        String accessKeyId,
        String userName,
        StsSession session,
        String invokedBy) {

    static Principal user(IamUser user, String accountId, String accessKeyId) {
        return new Principal("IAMUser", user.userId(), user.arn(), accountId, accessKeyId, user.name(), null, null);
    }

    static Principal assumedRole(StsSession s, String accountId) {
        return new Principal("AssumedRole", s.roleId() + ":" + s.sessionName(), s.assumedRoleArn(), accountId,
                s.accessKeyId(), s.sessionName(), s, null);
    }

    static Principal awsService(String invokedBy) {
        return new Principal("AWSService", null, null, null, null, null, null, invokedBy);
    }

    boolean isUser() {
        return "IAMUser".equals(type);
    }

    /** The event-history {@code Username}: the user, or the role session name. */
    String lookupUsername() {
        return userName;
    }

    ObjectNode userIdentity() {
        ObjectNode id = JsonNodeFactory.instance.objectNode();
        id.put("type", type);
        if (invokedBy != null) {
            id.put("invokedBy", invokedBy);
            return id;
        }
        id.put("principalId", principalId);
        id.put("arn", arn);
        id.put("accountId", accountId);
        if (accessKeyId != null) {
            id.put("accessKeyId", accessKeyId);
        }
        if (session == null) {
            id.put("userName", userName);
        } else {
            ObjectNode ctx = id.putObject("sessionContext");
            ObjectNode issuer = ctx.putObject("sessionIssuer");
            issuer.put("type", "Role");
            issuer.put("principalId", session.roleId());
            issuer.put("arn", session.roleArn());
            issuer.put("accountId", accountId);
            issuer.put("userName", session.roleName());
            ObjectNode attributes = ctx.putObject("attributes");
            attributes.put("creationDate", Times.iso(session.issued()));
            attributes.put("mfaAuthenticated", "false");
        }
        return id;
    }

}
