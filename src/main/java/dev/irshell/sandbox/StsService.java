package dev.irshell.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

/** STS (query protocol, 2011-06-15). Global endpoint signs for us-east-1; regional ones log in their region. */
final class StsService extends ServiceHandler {
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

    StsService() {
        super("sts", QueryCodec.INSTANCE);
        register("GetCallerIdentity", READ, this::getCallerIdentity);
        register("GetAccessKeyInfo", READ, this::getAccessKeyInfo);
        register("AssumeRole", READ, this::assumeRole);
    }

    @Override
    String xmlNamespace() {
        return "https://sts.amazonaws.com/doc/2011-06-15/";
    }

    @Override
    Set<String> secretParameters() {
        return Set.of("SerialNumber", "TokenCode");
    }

    @Override
    boolean recordsResponse(Operation op) {
        return op.name().equals("AssumeRole");
    }

    private ObjectNode getCallerIdentity(Call call) {
        ObjectNode out = call.object();
        out.put("UserId", call.caller.principalId());
        out.put("Account", call.accountId());
        out.put("Arn", call.caller.arn());
        return out;
    }

    private ObjectNode getAccessKeyInfo(Call call) {
        String id = call.required("AccessKeyId");
        boolean ours = call.state.accessKey(id).isPresent() || call.state.session(id).isPresent();
        ObjectNode out = call.object();
        out.put("Account", ours ? call.accountId() : foreignAccount(id));
        return out;
    }

    /** Keys of other accounts: a stable 12-digit account derived from the key id. */
    static String foreignAccount(String accessKeyId) {
        long h = accessKeyId.hashCode() & 0x7fffffffL;
        return String.format("%012d", (h * 7919L) % 1_000_000_000_000L);
    }

    private ObjectNode assumeRole(Call call) {
        String roleArn = call.required("RoleArn");
        String sessionName = call.required("RoleSessionName");
        if (!SESSION_NAME.matcher(sessionName).matches()) {
            throw AwsError.validationError("1 validation error detected: Value '" + sessionName + "' at "
                    + "'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression "
                    + "pattern: [\\w+=,.@-]*");
        }
        Integer duration = call.integer("DurationSeconds");
        int seconds = duration == null ? 3600 : duration;
        IamRole role = call.state.roles().stream().filter(r -> r.arn().equals(roleArn)).findFirst()
                .filter(r -> r.trustedPrincipals().isEmpty() || r.trustedPrincipals().contains(call.caller.arn()))
                .orElseThrow(() -> AwsError.accessDenied("User: " + call.caller.arn()
                        + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn));
        if (seconds < 900 || seconds > role.maxSessionDurationSeconds()) {
            throw AwsError.validationError("The requested DurationSeconds exceeds the MaxSessionDuration set for "
                    + "this role.");
        }
        String assumedArn = "arn:aws:sts::" + call.accountId() + ":assumed-role/" + role.name() + "/" + sessionName;
        StsSession session = new StsSession(call.ids.accessKeyId("ASIA"), call.ids.secretAccessKey(),
                call.ids.sessionToken(), role.name(), role.roleId(), role.arn(), sessionName, assumedArn,
                call.caller.arn(), call.now, call.now.plus(Duration.ofSeconds(seconds)));
        call.state.putSession(session);
        call.resource("AWS::IAM::Role", role.arn());
        call.resource("AWS::STS::AssumedRole", sessionName);
        ObjectNode out = call.object();
        ObjectNode creds = out.putObject("Credentials");
        creds.put("AccessKeyId", session.accessKeyId());
        creds.put("SecretAccessKey", session.secret());
        creds.put("SessionToken", session.sessionToken());
        creds.set("Expiration", call.time(session.expiration()));
        ObjectNode user = out.putObject("AssumedRoleUser");
        user.put("AssumedRoleId", role.roleId() + ":" + sessionName);
        user.put("Arn", assumedArn);
        return out;
    }
}
