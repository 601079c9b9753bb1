package dev.irshell.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** IAM (query protocol, 2010-05-08). Global: signed for us-east-1, events in us-east-1. */
final class IamService extends ServiceHandler {
    /** The sandbox answers IAM lists in pages of at most this many, so clients must follow markers. */
    static final int PAGE_LIMIT = 2;
    static final int KEYS_PER_USER = 2;
    private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]{1,64}");

    IamService() {
        super("iam", QueryCodec.INSTANCE);
        register("GetUser", READ, this::getUser);
        register("ListUsers", READ, this::listUsers);
        register("CreateUser", WRITE, this::createUser);
        register("DeleteUser", WRITE, this::deleteUser);
        register("CreateAccessKey", WRITE, this::createAccessKey);
        register("ListAccessKeys", READ, this::listAccessKeys);
        register("UpdateAccessKey", WRITE, this::updateAccessKey);
        register("DeleteAccessKey", WRITE, this::deleteAccessKey);
        register("GetAccessKeyLastUsed", READ, this::getAccessKeyLastUsed);
        register("GetLoginProfile", READ, this::getLoginProfile);
        register("CreateLoginProfile", WRITE, this::createLoginProfile);
        register("DeleteLoginProfile", WRITE, this::deleteLoginProfile);
        register("ListAttachedUserPolicies", READ, this::listAttachedUserPolicies);
        register("AttachUserPolicy", WRITE, this::attachUserPolicy);
        register("DetachUserPolicy", WRITE, this::detachUserPolicy);
        register("ListUserPolicies", READ, this::listUserPolicies);
        IamRoleOperations.registerOn(this);
        IamUserCredentialOperations.registerOn(this);
        IamPolicyOperations.registerOn(this);
        CredentialReportOperations.registerOn(this);
        LastAccessedOperations.registerOn(this);
        IamSimulationOperations.registerOn(this);
    }

    @Override
    String eventRegion(String signingRegion) {
        return "us-east-1";
    }

    @Override
    boolean regional() {
        return false;
    }

    @Override
    String xmlNamespace() {
        return "https://iam.amazonaws.com/doc/2010-05-08/";
    }

    @Override
    Set<String> secretParameters() {
        return Set.of("Password", "NewPassword", "OldPassword");
    }

    // ------------------------------------------------------------------ users

    private ObjectNode getUser(Call call) {
        IamUser user = existingUser(call, userNameOrCaller(call));
        ObjectNode out = call.object();
        out.set("User", userNode(call, user));
        return out;
    }

    private ObjectNode listUsers(Call call) {
        String prefix = call.str("PathPrefix");
        List<IamUser> users = call.state.users().stream()
                .filter(u -> prefix == null || u.path().startsWith(prefix)).toList();
        Pages.Page<IamUser> page = page(call, users);
        ObjectNode out = call.object();
        ArrayNode list = out.putArray("Users");
        page.items().forEach(u -> list.add(userNode(call, u)));
        return paged(out, page);
    }

    private ObjectNode createUser(Call call) {
        String name = validName(call, "UserName");
        if (call.state.user(name).isPresent()) {
            throw AwsError.entityAlreadyExists("User with name " + name + " already exists.");
        }
        String path = call.str("Path") == null ? "/" : call.str("Path");
        IamUser user = new IamUser(name, call.ids.uniqueId("AIDA"), path,
                "arn:aws:iam::" + call.accountId() + ":user" + path + name, call.now, null, null,
                List.of(), List.of(), List.of(), List.of(), Map.of(), call.origin);
        call.state.putUser(user);
        call.resource("AWS::IAM::User", name);
        ObjectNode out = call.object();
        out.set("User", userNode(call, user));
        return out;
    }

    private ObjectNode deleteUser(Call call) {
        IamUser user = existingUser(call, call.required("UserName"));
        String conflict = deleteConflict(call.state, user);
        if (conflict != null) {
            throw AwsError.deleteConflict("Cannot delete entity, " + conflict + ".");
        }
        call.state.removeUser(user.name());
        call.resource("AWS::IAM::User", user.name());
        return call.object();
    }

    /**
     * What still blocks DeleteUser, in the order of AWS's "Deleting an IAM user (AWS CLI)": password,
     * access keys, signing certificates, SSH keys, service-specific credentials, MFA devices,
     * inline policies, attached policies, groups; null when nothing does.
     */
    static String deleteConflict(SandboxState state, IamUser user) {
        if (user.loginProfile() != null) {
            return "must delete login profile first";
        } else if (!state.accessKeysOf(user.name()).isEmpty()) {
            return "must delete access keys first";
        } else if (!state.credentialsOf(user.name(), UserCredential.Kind.SIGNING_CERTIFICATE).isEmpty()) {
            return "must delete signing certificates first";
        } else if (!state.credentialsOf(user.name(), UserCredential.Kind.SSH_PUBLIC_KEY).isEmpty()) {
            return "must delete SSH public keys first";
        } else if (!state.credentialsOf(user.name(), UserCredential.Kind.SERVICE_SPECIFIC_CREDENTIAL).isEmpty()) {
            return "must delete service specific credentials first";
        } else if (!user.mfaSerials().isEmpty()) {
            return "must delete MFA device first";
        } else if (!user.inlinePolicyNames().isEmpty()) {
            return "must delete policies first";
        } else if (!user.attachedPolicyArns().isEmpty()) {
            return "must detach all policies first";
        } else if (!user.groups().isEmpty()) {
            return "must remove users from group first";
        }
        return null;
    }

    // ------------------------------------------------------------------ access keys

    private ObjectNode createAccessKey(Call call) {
        IamUser user = existingUser(call, userNameOrCaller(call));
        if (call.state.accessKeysOf(user.name()).size() >= KEYS_PER_USER) {
            throw AwsError.limitExceeded("Cannot exceed quota for AccessKeysPerUser: " + KEYS_PER_USER);
        }
        AccessKey key = new AccessKey(call.ids.accessKeyId("AKIA"), call.ids.secretAccessKey(), user.name(),
                AccessKey.Status.Active, call.now, null, null, null, call.origin);
        call.state.putAccessKey(key);
        call.resource("AWS::IAM::User", user.name());
        call.resource("AWS::IAM::AccessKey", key.id());
        ObjectNode out = call.object();
        ObjectNode k = out.putObject("AccessKey");
        k.put("UserName", key.userName());
        k.put("AccessKeyId", key.id());
        k.put("Status", key.status().name());
        k.put("SecretAccessKey", key.secret());
        k.set("CreateDate", call.time(key.created()));
        return out;
    }

    private ObjectNode listAccessKeys(Call call) {
        IamUser user = existingUser(call, userNameOrCaller(call));
        Pages.Page<AccessKey> page = page(call, call.state.accessKeysOf(user.name()));
        ObjectNode out = call.object();
        ArrayNode list = out.putArray("AccessKeyMetadata");
        for (AccessKey key : page.items()) {
            ObjectNode k = list.addObject();
            k.put("UserName", key.userName());
            k.put("AccessKeyId", key.id());
            k.put("Status", key.status().name());
            k.set("CreateDate", call.time(key.created()));
        }
        return paged(out, page);
    }

    private ObjectNode updateAccessKey(Call call) {
        AccessKey key = ownedKey(call);
        String status = call.required("Status");
        AccessKey.Status newStatus;
        try {
            newStatus = AccessKey.Status.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw AwsError.validationError("1 validation error detected: Value '" + status + "' at 'status' failed "
                    + "to satisfy constraint: Member must satisfy enum value set: [Active, Inactive, Expired]");
        }
        call.state.putAccessKey(key.withStatus(newStatus));
        call.resource("AWS::IAM::AccessKey", key.id());
        call.resource("AWS::IAM::User", key.userName());
        return call.object();
    }

    private ObjectNode deleteAccessKey(Call call) {
        AccessKey key = ownedKey(call);
        call.state.removeAccessKey(key.id());
        call.resource("AWS::IAM::AccessKey", key.id());
        call.resource("AWS::IAM::User", key.userName());
        return call.object();
    }

    private ObjectNode getAccessKeyLastUsed(Call call) {
        String id = call.required("AccessKeyId");
        AccessKey key = call.state.accessKey(id).orElseThrow(() -> AwsError.accessDenied("User: " + call.caller.arn()
                + " is not authorized to perform: iam:GetAccessKeyLastUsed on resource: access key " + id));
        ObjectNode out = call.object();
        out.put("UserName", key.userName());
        ObjectNode used = out.putObject("AccessKeyLastUsed");
        if (key.lastUsed() != null) {
            used.set("LastUsedDate", call.time(key.lastUsed()));
            used.put("ServiceName", key.lastUsedService());
            used.put("Region", key.lastUsedRegion());
        } else {
            used.put("ServiceName", "N/A");
            used.put("Region", "N/A");
        }
        return out;
    }

    // ------------------------------------------------------------------ login profiles

    private ObjectNode getLoginProfile(Call call) {
        IamUser user = existingUser(call, userNameOrCaller(call));
        if (user.loginProfile() == null) {
            throw AwsError.noSuchEntity("Login Profile for User " + user.name() + " cannot be found.");
        }
        ObjectNode out = call.object();
        out.set("LoginProfile", loginProfileNode(call, user));
        return out;
    }

    private ObjectNode createLoginProfile(Call call) {
        IamUser user = existingUser(call, userNameOrCaller(call));
        SecretLedger.record(call.str("Password"));
        if (call.str("Password") == null) {
            throw AwsError.validationError("1 validation error detected: Value null at 'password' failed to "
                    + "satisfy constraint: Member must not be null");
        }
        if (user.loginProfile() != null) {
            throw AwsError.entityAlreadyExists("Login Profile for user " + user.name() + " already exists.");
        }
        IamUser updated = user.withLoginProfile(new IamUser.LoginProfile(call.now, call.bool("PasswordResetRequired")));
        call.state.putUser(updated);
        call.resource("AWS::IAM::User", user.name());
        ObjectNode out = call.object();
        out.set("LoginProfile", loginProfileNode(call, updated));
        return out;
    }

    private ObjectNode deleteLoginProfile(Call call) {
        IamUser user = existingUser(call, userNameOrCaller(call));
        if (user.loginProfile() == null) {
            throw AwsError.noSuchEntity("Login Profile for User " + user.name() + " cannot be found.");
        }
        call.state.putUser(user.withLoginProfile(null));
        call.resource("AWS::IAM::User", user.name());
        return call.object();
    }

    // ------------------------------------------------------------------ policies

    private ObjectNode listAttachedUserPolicies(Call call) {
        IamUser user = existingUser(call, call.required("UserName"));
        Pages.Page<String> page = page(call, user.attachedPolicyArns());
        ObjectNode out = call.object();
        ArrayNode list = out.putArray("AttachedPolicies");
        for (String arn : page.items()) {
            ObjectNode p = list.addObject();
            p.put("PolicyName", ManagedPolicies.name(arn));
            p.put("PolicyArn", arn);
        }
        return paged(out, page);
    }

    private ObjectNode attachUserPolicy(Call call) {
        IamUser user = existingUser(call, call.required("UserName"));
        String arn = call.required("PolicyArn");
        if (!arn.startsWith("arn:aws:iam::")) {
            throw AwsError.invalidInput("ARN " + arn + " is not valid.");
        }
        if (!call.state.policyExists(arn)) {
            throw AwsError.noSuchEntity("Policy " + arn + " does not exist or is not attachable.");
        }
        if (!user.attachedPolicyArns().contains(arn)) {
            List<String> arns = new ArrayList<>(user.attachedPolicyArns());
            arns.add(arn);
            call.state.putUser(user.withAttachedPolicyArns(arns));
        }
        call.resource("AWS::IAM::User", user.name());
        call.resource("AWS::IAM::Policy", arn);
        return call.object();
    }

    private ObjectNode detachUserPolicy(Call call) {
        IamUser user = existingUser(call, call.required("UserName"));
        String arn = call.required("PolicyArn");
        if (!user.attachedPolicyArns().contains(arn)) {
            throw AwsError.noSuchEntity("Policy " + arn + " was not found.");
        }
        List<String> arns = new ArrayList<>(user.attachedPolicyArns());
        arns.remove(arn);
        call.state.putUser(user.withAttachedPolicyArns(arns));
        call.resource("AWS::IAM::User", user.name());
        call.resource("AWS::IAM::Policy", arn);
        return call.object();
    }

    private ObjectNode listUserPolicies(Call call) {
        IamUser user = existingUser(call, call.required("UserName"));
        Pages.Page<String> page = page(call, user.inlinePolicyNames());
        ObjectNode out = call.object();
        ArrayNode list = out.putArray("PolicyNames");
        page.items().forEach(list::add);
        return paged(out, page);
    }

    // ------------------------------------------------------------------ helpers

    static String userNameOrCaller(Call call) {
        String name = call.str("UserName");
        if (name != null) {
            return name;
        }
        if (!call.caller.isUser()) {
            throw AwsError.validationError("Must specify userName when calling with non-User credentials");
        }
        return call.caller.userName();
    }

    static IamUser existingUser(Call call, String name) {
        return call.state.user(name).orElseThrow(
                () -> AwsError.noSuchEntity("The user with name " + name + " cannot be found."));
    }

    private static AccessKey ownedKey(Call call) {
        String id = call.required("AccessKeyId");
        String userName = userNameOrCaller(call);
        existingUser(call, userName);
        return call.state.accessKey(id).filter(k -> k.userName().equals(userName))
                .orElseThrow(() -> AwsError.noSuchEntity("The Access Key with id " + id + " cannot be found."));
    }

    private static String validName(Call call, String param) {
        String name = call.required(param);
        if (!NAME.matcher(name).matches()) {
            throw AwsError.validationError("1 validation error detected: Value '" + name + "' at '"
                    + Call.lowerFirst(param) + "' failed to satisfy constraint: Member must satisfy regular "
                    + "expression pattern: [\\w+=,.@-]+");
        }
        return name;
    }

    private static ObjectNode userNode(Call call, IamUser user) {
        ObjectNode u = call.object();
        u.put("Path", user.path());
        u.put("UserName", user.name());
        u.put("UserId", user.userId());
        u.put("Arn", user.arn());
        u.set("CreateDate", call.time(user.created()));
        if (user.passwordLastUsed() != null) {
            u.set("PasswordLastUsed", call.time(user.passwordLastUsed()));
        }
        return u;
    }

    static ObjectNode loginProfileNode(Call call, IamUser user) {
        ObjectNode p = call.object();
        p.put("UserName", user.name());
        p.set("CreateDate", call.time(user.loginProfile().created()));
        p.put("PasswordResetRequired", user.loginProfile().passwordResetRequired());
        return p;
    }

    static <T> Pages.Page<T> page(Call call, List<T> all) {
        Integer max = call.integer("MaxItems");
        if (max != null && (max < 1 || max > 1000)) {
            throw AwsError.validationError("1 validation error detected: Value '" + max + "' at 'maxItems' failed "
                    + "to satisfy constraint: Member must have value between 1 and 1000");
        }
        int size = Math.min(max == null ? PAGE_LIMIT : max, PAGE_LIMIT);
        return Pages.slice(all, "iam", call.str("Marker"), size,
                () -> AwsError.invalidInput("Invalid Marker."));
    }

    static ObjectNode paged(ObjectNode out, Pages.Page<?> page) {
        out.put("IsTruncated", page.truncated());
        if (page.truncated()) {
            out.put("Marker", page.next());
        }
        return out;
    }
}
