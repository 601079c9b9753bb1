package dev.irshell.engine;

/**
 * Who the session runs as (STS GetCallerIdentity at start) and the access key it signs with,
 * which the lock-out guard protects.
 *
 * @param userName    the IAM user name when the caller is an IAM user, else null
 * @param accessKeyId the access key id of the credentials in use, or null if unknown
 */
public record CallerIdentity(String account, String arn, String userId, String userName, String accessKeyId) {
    /** The role whose session this is ({@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION}), else null. */
    public String roleName() {
        String marker = ":assumed-role/";
        int i = arn == null ? -1 : arn.indexOf(marker);
        if (i < 0) {
            return null;
        }
        String rest = arn.substring(i + marker.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }
}
