package dev.irshell.action.aws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.action.ActionContext;
import dev.irshell.action.ActionFailure;
import dev.irshell.action.ActionResult;
import dev.irshell.action.ActionSpec;
import dev.irshell.action.Effect;
import dev.irshell.action.Finding;
import dev.irshell.action.ParamKind;
import dev.irshell.action.ParamSpec;
import dev.irshell.action.Params;
import dev.irshell.action.Plan;
import dev.irshell.action.PlannedCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.GetUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.LoginProfile;
import software.amazon.awssdk.services.iam.model.MFADevice;
import software.amazon.awssdk.services.iam.model.ServiceSpecificCredentialMetadata;
import software.amazon.awssdk.services.iam.model.SigningCertificate;
import software.amazon.awssdk.services.iam.model.SSHPublicKeyMetadata;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;

/**
 * {@code iam.deleteUser}: deletes an IAM user for good (procedure 000, "Delete IAM users that you
 * didn't create"). First it captures the user's whole configuration into the result
 * ({@code captured}: AWS's own shapes, member names as in the IAM model, inline policy documents
 * URL-decoded to JSON), then removes in AWS's documented order everything that makes DeleteUser
 * fail with DeleteConflict: password, access keys, signing certificates, SSH public keys,
 * service-specific credentials, MFA devices (deactivated; virtual ones also deleted), inline
 * policies, attached managed policies, group memberships; then the user.
 *
 * <p>A failure midway names the call that failed, what was already removed and what is left;
 * the captured configuration is in the step's recorded calls. Running it again captures what is
 * left and carries on. No undo: the user's id, keys and password cannot be recreated.
 */
public final class DeleteUserAction extends AwsAction {
    public static final String NAME = "iam.deleteUser";
    static final String EACH = "(each)";

    /** What {@link #capture} found, typed, for building the removals. */
    record Captured(ObjectNode json, LoginProfile loginProfile, List<AccessKeyMetadata> keys,
                    List<SigningCertificate> certificates, List<SSHPublicKeyMetadata> sshKeys,
                    List<ServiceSpecificCredentialMetadata> serviceCredentials, List<MFADevice> mfaDevices,
                    List<String> inlinePolicies, List<AttachedPolicy> attachedPolicies, List<Group> groups) {}

    public DeleteUserAction(AwsClientSource clients) {
        super(clients, new ActionSpec(NAME,
                "Delete an IAM user for good, after capturing its configuration and removing what blocks deletion",
                Effect.DESTROY,
                List.of(ParamSpec.required("userName", ParamKind.USER_NAME, "the IAM user to delete")),
                List.of("iam:GetUser", "iam:ListAccessKeys", "iam:GetLoginProfile", "iam:ListSigningCertificates",
                        "iam:ListSSHPublicKeys", "iam:ListServiceSpecificCredentials", "iam:ListMFADevices",
                        "iam:ListUserPolicies", "iam:GetUserPolicy", "iam:ListAttachedUserPolicies",
                        "iam:ListGroupsForUser", "iam:ListUserTags",
                        "iam:DeleteLoginProfile", "iam:DeleteAccessKey", "iam:DeleteSigningCertificate",
                        "iam:DeleteSSHPublicKey", "iam:DeleteServiceSpecificCredential", "iam:DeactivateMFADevice",
                        "iam:DeleteVirtualMFADevice", "iam:DeleteUserPolicy", "iam:DetachUserPolicy",
                        "iam:RemoveUserFromGroup", "iam:DeleteUser"),
                null, "userName", true));
    }

    @Override
    public Plan plan(Params params, ActionContext ctx) {
        String u = ParamChecks.userName(params, "userName");
        List<PlannedCall> calls = new ArrayList<>();
        for (String op : List.of("GetUser", "ListAccessKeys", "GetLoginProfile", "ListSigningCertificates",
                "ListSSHPublicKeys", "ListServiceSpecificCredentials", "ListMFADevices", "ListUserPolicies")) {
            calls.add(iamCall(op, Json.obj("UserName", u)));
        }
        calls.add(iamCall("GetUserPolicy", Json.obj("UserName", u, "PolicyName", EACH)));
        for (String op : List.of("ListAttachedUserPolicies", "ListGroupsForUser", "ListUserTags")) {
            calls.add(iamCall(op, Json.obj("UserName", u)));
        }
        calls.add(iamCall("DeleteLoginProfile", Json.obj("UserName", u)));
        calls.add(iamCall("DeleteAccessKey", Json.obj("UserName", u, "AccessKeyId", EACH)));
        calls.add(iamCall("DeleteSigningCertificate", Json.obj("UserName", u, "CertificateId", EACH)));
        calls.add(iamCall("DeleteSSHPublicKey", Json.obj("UserName", u, "SSHPublicKeyId", EACH)));
        calls.add(iamCall("DeleteServiceSpecificCredential", Json.obj("UserName", u, "ServiceSpecificCredentialId", EACH)));
        calls.add(iamCall("DeactivateMFADevice", Json.obj("UserName", u, "SerialNumber", EACH)));
        calls.add(iamCall("DeleteVirtualMFADevice", Json.obj("SerialNumber", "(each virtual one)")));
        calls.add(iamCall("DeleteUserPolicy", Json.obj("UserName", u, "PolicyName", EACH)));
        calls.add(iamCall("DetachUserPolicy", Json.obj("UserName", u, "PolicyArn", EACH)));
        calls.add(iamCall("RemoveUserFromGroup", Json.obj("GroupName", EACH, "UserName", u)));
        calls.add(iamCall("DeleteUser", Json.obj("UserName", u)));
        return new Plan("capture the whole configuration of IAM user " + u + " into the result, then remove in AWS's"
                + " documented order everything that blocks its deletion (only what exists is called) and delete " + u
                + " for good: its password, access keys and id cannot be recreated", calls, u);
    }

    @Override
    public ActionResult execute(Params params, ActionContext ctx) {
        String user = ParamChecks.userName(params, "userName");
        Captured c;
        try {
            c = capture(user);
        } catch (ActionFailure f) {
            throw Failures.withMessage(f, f.getMessage() + ". " + NAME + " stopped while capturing the configuration of "
                    + user + " at " + f.operation() + ": nothing was removed. Fix the cause and run it again.");
        }
        RemovalSequence seq = removals(user, c);
        seq.add("user", user, "DeleteUser", () -> clients.iam().deleteUser(b -> b.userName(user)));
        ArrayNode removed = seq.run(NAME, "GetUser, List*, GetUserPolicy answers");
        List<List<String>> rows = seq.rows();
        List<Finding> findings = new ArrayList<>();
        findings.add(Finding.info("IAM user " + user + " is deleted; its configuration before deletion is in this"
                + " result's data (captured) and its recorded calls"));
        long activeKeys = c.keys().stream().filter(k -> "Active".equals(k.statusAsString())).count();
        if (activeKeys > 0) {
            findings.add(Finding.info(activeKeys + " active access key(s) of " + user
                    + " were deleted: calls signed with them now fail"));
        }
        return new ActionResult(
                Json.obj("userName", user, "captured", c.json(), "removed", removed, "deleted", true),
                "deleted IAM user " + user + " after removing " + removed.size() + " thing(s) that blocked it",
                List.of(Tables.of("Removed from " + user, List.of("What", "Id", "Call"), rows, Set.of())),
                findings, List.of());
    }

    /** Every read of the user's configuration, before anything changes. */
    Captured capture(String user) {
        var iam = clients.iam();
        User u = iam("GetUser", () -> iam.getUser(b -> b.userName(user))).user();
        List<AccessKeyMetadata> keys = new IamKeys(clients).list(user);
        LoginProfile profile = loginProfile(user);
        List<SigningCertificate> certs = IamPages.all(clients, "ListSigningCertificates",
                m -> iam.listSigningCertificates(b -> b.userName(user).marker(m)),
                r -> r.certificates(), r -> r.isTruncated(), r -> r.marker());
        List<SSHPublicKeyMetadata> ssh = IamPages.all(clients, "ListSSHPublicKeys",
                m -> iam.listSSHPublicKeys(b -> b.userName(user).marker(m)),
                r -> r.sshPublicKeys(), r -> r.isTruncated(), r -> r.marker());
        List<ServiceSpecificCredentialMetadata> ssc = IamPages.all(clients, "ListServiceSpecificCredentials",
                m -> iam.listServiceSpecificCredentials(b -> b.userName(user).marker(m)),
                r -> r.serviceSpecificCredentials(), r -> r.isTruncated(), r -> r.marker());
        List<MFADevice> mfa = IamPages.all(clients, "ListMFADevices",
                m -> iam.listMFADevices(b -> b.userName(user).marker(m)),
                r -> r.mfaDevices(), r -> r.isTruncated(), r -> r.marker());
        List<String> inline = IamPages.all(clients, "ListUserPolicies",
                m -> iam.listUserPolicies(b -> b.userName(user).marker(m)),
                r -> r.policyNames(), r -> r.isTruncated(), r -> r.marker());
        ArrayNode inlineJson = Json.array();
        for (String name : inline) {
            GetUserPolicyResponse p = iam("GetUserPolicy", () -> iam.getUserPolicy(b -> b.userName(user).policyName(name)));
            inlineJson.add(Json.obj("policyName", name, "document", PolicyDocs.decode(p.policyDocument())));
        }
        List<AttachedPolicy> attached = IamPages.all(clients, "ListAttachedUserPolicies",
                m -> iam.listAttachedUserPolicies(b -> b.userName(user).marker(m)),
                r -> r.attachedPolicies(), r -> r.isTruncated(), r -> r.marker());
        List<Group> groups = IamPages.all(clients, "ListGroupsForUser",
                m -> iam.listGroupsForUser(b -> b.userName(user).marker(m)),
                r -> r.groups(), r -> r.isTruncated(), r -> r.marker());
        List<Tag> tags = IamPages.all(clients, "ListUserTags",
                m -> iam.listUserTags(b -> b.userName(user).marker(m)),
                r -> r.tags(), r -> r.isTruncated(), r -> r.marker());
        ObjectNode json = Json.obj(
                "user", SdkJson.toJson(u),
                "loginProfile", profile == null ? null : SdkJson.toJson(profile),
                "accessKeys", pojos(keys),
                "signingCertificates", pojos(certs),
                "sshPublicKeys", pojos(ssh),
                "serviceSpecificCredentials", pojos(ssc),
                "mfaDevices", pojos(mfa),
                "inlinePolicies", inlineJson,
                "attachedPolicies", pojos(attached),
                "groups", pojos(groups),
                "tags", pojos(tags));
        return new Captured(json, profile, keys, certs, ssh, ssc, mfa, inline, attached, groups);
    }

    private LoginProfile loginProfile(String user) {
        try {
            return iam("GetLoginProfile", () -> clients.iam().getLoginProfile(b -> b.userName(user))).loginProfile();
        } catch (ActionFailure f) {
            if (AwsCalls.hasCode(f, "NoSuchEntity")) {
                return null; // no console password: nothing to remove
            }
            throw f;
        }
    }

    /** The removals, in the order of AWS's "Deleting an IAM user (AWS CLI)". */
    RemovalSequence removals(String user, Captured c) {
        var iam = clients.iam();
        RemovalSequence out = new RemovalSequence(clients);
        if (c.loginProfile() != null) {
            out.add("loginProfile", user, "DeleteLoginProfile",
                    () -> iam.deleteLoginProfile(b -> b.userName(user)));
        }
        for (AccessKeyMetadata k : c.keys()) {
            out.add("accessKey", k.accessKeyId(), "DeleteAccessKey",
                    () -> iam.deleteAccessKey(b -> b.userName(user).accessKeyId(k.accessKeyId())));
        }
        for (SigningCertificate s : c.certificates()) {
            out.add("signingCertificate", s.certificateId(), "DeleteSigningCertificate",
                    () -> iam.deleteSigningCertificate(b -> b.userName(user).certificateId(s.certificateId())));
        }
        for (SSHPublicKeyMetadata s : c.sshKeys()) {
            out.add("sshPublicKey", s.sshPublicKeyId(), "DeleteSSHPublicKey",
                    () -> iam.deleteSSHPublicKey(b -> b.userName(user).sshPublicKeyId(s.sshPublicKeyId())));
        }
        for (ServiceSpecificCredentialMetadata s : c.serviceCredentials()) {
            out.add("serviceSpecificCredential", s.serviceSpecificCredentialId(), "DeleteServiceSpecificCredential",
                    () -> iam.deleteServiceSpecificCredential(
                            b -> b.userName(user).serviceSpecificCredentialId(s.serviceSpecificCredentialId())));
        }
        for (MFADevice d : c.mfaDevices()) {
            String serial = d.serialNumber();
            out.add("mfaDevice", serial, "DeactivateMFADevice",
                    () -> iam.deactivateMFADevice(b -> b.userName(user).serialNumber(serial)));
            if (isVirtualMfa(serial)) {
                out.add("virtualMfaDevice", serial, "DeleteVirtualMFADevice",
                        () -> iam.deleteVirtualMFADevice(b -> b.serialNumber(serial)));
            }
        }
        for (String name : c.inlinePolicies()) {
            out.add("inlinePolicy", name, "DeleteUserPolicy",
                    () -> iam.deleteUserPolicy(b -> b.userName(user).policyName(name)));
        }
        for (AttachedPolicy p : c.attachedPolicies()) {
            out.add("attachedPolicy", p.policyArn(), "DetachUserPolicy",
                    () -> iam.detachUserPolicy(b -> b.userName(user).policyArn(p.policyArn())));
        }
        for (Group g : c.groups()) {
            out.add("group", g.groupName(), "RemoveUserFromGroup",
                    () -> iam.removeUserFromGroup(b -> b.groupName(g.groupName()).userName(user)));
        }
        return out;
    }

    /** Virtual MFA devices are named by an ARN {@code arn:aws:iam::<acct>:mfa/<name>}; hardware and FIDO ones are not deleted. */
    static boolean isVirtualMfa(String serial) {
        return serial != null && serial.toLowerCase(Locale.ROOT).startsWith("arn:") && serial.contains(":mfa/");
    }

    private static ArrayNode pojos(List<? extends SdkPojo> list) {
        ArrayNode a = Json.array();
        list.forEach(p -> a.add(SdkJson.toJson(p)));
        return a;
    }
}
