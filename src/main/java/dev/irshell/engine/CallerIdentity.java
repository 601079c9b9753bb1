package dev.irshell.engine;

/**
 * Who the session runs as (STS GetCallerIdentity at start) and the access key it signs with,
 * which the lock-out guard protects.
 *
 * @param userName    the IAM user name when the caller is an IAM user, else null
 * @param accessKeyId the access key id of the credentials in use, or null if unknown
 */
public record CallerIdentity(String account, String arn, String userId, String userName, String accessKeyId) {}
