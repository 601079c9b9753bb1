package dev.irshell.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * IAM's operations on what hangs off a user, registered on {@link IamService}: everything
 * DeleteUser needs gone first (signing certificates, SSH keys, service-specific credentials, MFA
 * devices, inline policies, groups), tags, password resets, and the groups themselves.
 */
final class IamUserCredentialOperations {
    private IamUserCredentialOperations() {
    }

    /** The body IAM returns for a certificate; the sandbox keeps none, so every certificate shows this one. */
    private static final String CERTIFICATE_BODY = "-----BEGIN CERTIFICATE-----\nMIIBsandbox\n-----END CERTIFICATE-----";

    static void registerOn(IamService iam) {
        iam.register("ListSigningCertificates", ServiceHandler.READ,
                c -> listCredentials(c, UserCredential.Kind.SIGNING_CERTIFICATE));
        iam.register("DeleteSigningCertificate", ServiceHandler.WRITE,
                c -> deleteCredential(c, UserCredential.Kind.SIGNING_CERTIFICATE, "CertificateId"));
        iam.register("ListSSHPublicKeys", ServiceHandler.READ,
                c -> listCredentials(c, UserCredential.Kind.SSH_PUBLIC_KEY));
        iam.register("DeleteSSHPublicKey", ServiceHandler.WRITE,
                c -> deleteCredential(c, UserCredential.Kind.SSH_PUBLIC_KEY, "SSHPublicKeyId"));
        iam.register("ListServiceSpecificCredentials", ServiceHandler.READ,
                c -> listCredentials(c, UserCredential.Kind.SERVICE_SPECIFIC_CREDENTIAL));
        iam.register("DeleteServiceSpecificCredential", ServiceHandler.WRITE,
                c -> deleteCredential(c, UserCredential.Kind.SERVICE_SPECIFIC_CREDENTIAL, "ServiceSpecificCredentialId"));
        iam.register("ListMFADevices", ServiceHandler.READ, IamUserCredentialOperations::listMfaDevices);
        iam.register("DeactivateMFADevice", ServiceHandler.WRITE, IamUserCredentialOperations::deactivateMfaDevice);
        iam.register("DeleteVirtualMFADevice", ServiceHandler.WRITE, IamUserCredentialOperations::deleteVirtualMfaDevice);
        iam.register("ListGroups", ServiceHandler.READ, IamUserCredentialOperations::listGroups);
        iam.register("ListGroupsForUser", ServiceHandler.READ, IamUserCredentialOperations::listGroupsForUser);
        iam.register("RemoveUserFromGroup", ServiceHandler.WRITE, IamUserCredentialOperations::removeUserFromGroup);
        iam.register("DetachGroupPolicy", ServiceHandler.WRITE, IamUserCredentialOperations::detachGroupPolicy);
        iam.register("ListUserTags", ServiceHandler.READ, IamUserCredentialOperations::listUserTags);
        iam.register("UpdateLoginProfile", ServiceHandler.WRITE, IamUserCredentialOperations::updateLoginProfile);
        iam.register("GetUserPolicy", ServiceHandler.READ, IamUserCredentialOperations::getUserPolicy);
        iam.register("PutUserPolicy", ServiceHandler.WRITE, IamUserCredentialOperations::putUserPolicy);
        iam.register("DeleteUserPolicy", ServiceHandler.WRITE, IamUserCredentialOperations::deleteUserPolicy);
    }

    // ------------------------------------------------------------------ certificates, SSH keys, service credentials

    private static ObjectNode listCredentials(Call call, UserCredential.Kind kind) {
        IamUser user = IamService.existingUser(call, IamService.userNameOrCaller(call));
        String service = call.str("ServiceName");
        List<UserCredential> all = call.state.credentialsOf(user.name(), kind).stream()
                .filter(c -> service == null || service.equals(c.serviceName())).toList();
        Pages.Page<UserCredential> page = IamService.page(call, all);
        ObjectNode out = call.object();
        ArrayNode list = out.putArray(switch (kind) {
            case SIGNING_CERTIFICATE -> "Certificates";
            case SSH_PUBLIC_KEY -> "SSHPublicKeys";
            case SERVICE_SPECIFIC_CREDENTIAL -> "ServiceSpecificCredentials";
        });
        for (UserCredential c : page.items()) {
            ObjectNode n = list.addObject();
            n.put("UserName", c.userName());
            switch (kind) {
                case SIGNING_CERTIFICATE -> {
                    n.put("CertificateId", c.id());
                    n.put("CertificateBody", CERTIFICATE_BODY);
                    n.put("Status", c.status());
                    n.set("UploadDate", call.time(c.created()));
                }
                case SSH_PUBLIC_KEY -> {
                    n.put("SSHPublicKeyId", c.id());
                    n.put("Status", c.status());
                    n.set("UploadDate", call.time(c.created()));
                }
                case SERVICE_SPECIFIC_CREDENTIAL -> {
                    n.put("Status", c.status());
                    n.put("ServiceUserName", c.serviceUserName());
                    n.set("CreateDate", call.time(c.created()));
                    n.put("ServiceSpecificCredentialId", c.id());
                    n.put("ServiceName", c.serviceName());
                }
                default -> throw new IllegalStateException();
            }
        }
        return IamService.paged(out, page);
    }

    private static ObjectNode deleteCredential(Call call, UserCredential.Kind kind, String idParam) {
        String id = call.required(idParam);
        IamUser user = IamService.existingUser(call, IamService.userNameOrCaller(call));
        UserCredential c = call.state.userCredential(id)
                .filter(x -> x.kind() == kind && x.userName().equals(user.name()))
                .orElseThrow(() -> AwsError.noSuchEntity(switch (kind) {
                    case SIGNING_CERTIFICATE -> "The Certificate with id " + id + " cannot be found.";
                    case SSH_PUBLIC_KEY -> "The Public Key with id " + id + " cannot be found.";
                    case SERVICE_SPECIFIC_CREDENTIAL -> "No such credential " + id + " exists for user "
                            + user.name() + ".";
                }));
        call.state.removeUserCredential(c.id());
        call.resource("AWS::IAM::User", user.name());
        return call.object();
    }

    // ------------------------------------------------------------------ MFA devices

    private static ObjectNode listMfaDevices(Call call) {
        IamUser user = IamService.existingUser(call, IamService.userNameOrCaller(call));
        Pages.Page<String> page = IamService.page(call, user.mfaSerials());
        ObjectNode out = call.object();
        ArrayNode list = out.putArray("MFADevices");
        for (String serial : page.items()) {
            ObjectNode d = list.addObject();
            d.put("UserName", user.name());
            d.put("SerialNumber", serial);
            d.set("EnableDate", call.time(call.state.mfaDevice(serial).map(MfaDevice::enabled)
                    .filter(java.util.Objects::nonNull).orElse(user.created())));
        }
        return IamService.paged(out, page);
    }

    private static ObjectNode deactivateMfaDevice(Call call) {
        String serial = call.required("SerialNumber");
        IamUser user = IamService.existingUser(call, IamService.userNameOrCaller(call));
        if (!user.mfaSerials().contains(serial)) {
            throw AwsError.noSuchEntity("MFA Device with serial number " + serial + " does not exist.");
        }
        List<String> serials = new ArrayList<>(user.mfaSerials());
        serials.remove(serial);
        call.state.putUser(user.withMfaSerials(serials));
        call.state.mfaDevice(serial).ifPresent(d -> {
            if (d.virtual()) {
                call.state.putMfaDevice(d.unassigned());
            } else {
                call.state.removeMfaDevice(serial);
            }
        });
        call.resource("AWS::IAM::User", user.name());
        return call.object();
    }

    private static ObjectNode deleteVirtualMfaDevice(Call call) {
        String serial = call.required("SerialNumber");
        MfaDevice device = call.state.mfaDevice(serial).filter(MfaDevice::virtual).orElseThrow(
                () -> AwsError.noSuchEntity("VirtualMFADevice with serial number " + serial + " doesn't exist."));
        if (device.userName() != null) {
            throw AwsError.deleteConflict("MFA device is still in use (assigned to " + device.userName()
                    + "); deactivate it first.");
        }
        call.state.removeMfaDevice(serial);
        return call.object();
    }

    // ------------------------------------------------------------------ groups

    private static ObjectNode listGroups(Call call) {
        String prefix = call.str("PathPrefix");
        return groupsPage(call, call.state.groups().stream()
                .filter(g -> prefix == null || g.path().startsWith(prefix)).toList());
    }

    private static ObjectNode listGroupsForUser(Call call) {
        IamUser user = IamService.existingUser(call, call.required("UserName"));
        List<IamGroup> groups = new ArrayList<>();
        user.groups().forEach(g -> call.state.group(g).ifPresent(groups::add));
        return groupsPage(call, groups);
    }

    private static ObjectNode groupsPage(Call call, List<IamGroup> groups) {
        Pages.Page<IamGroup> page = IamService.page(call, groups);
        ObjectNode out = call.object();
        ArrayNode list = out.putArray("Groups");
        for (IamGroup g : page.items()) {
            ObjectNode n = list.addObject();
            n.put("Path", g.path());
            n.put("GroupName", g.name());
            n.put("GroupId", g.groupId());
            n.put("Arn", g.arn());
            n.set("CreateDate", call.time(g.created()));
        }
        return IamService.paged(out, page);
    }

    static IamGroup existingGroup(Call call, String name) {
        return call.state.group(name).orElseThrow(
                () -> AwsError.noSuchEntity("The group with name " + name + " cannot be found."));
    }

    private static ObjectNode removeUserFromGroup(Call call) {
        IamGroup group = existingGroup(call, call.required("GroupName"));
        IamUser user = IamService.existingUser(call, call.required("UserName"));
        if (!user.groups().contains(group.name())) {
            throw AwsError.noSuchEntity("The user with name " + user.name() + " is not in group " + group.name()
                    + ".");
        }
        List<String> groups = new ArrayList<>(user.groups());
        groups.remove(group.name());
        call.state.putUser(user.withGroups(groups));
        call.resource("AWS::IAM::Group", group.name());
        call.resource("AWS::IAM::User", user.name());
        return call.object();
    }

    private static ObjectNode detachGroupPolicy(Call call) {
        IamGroup group = existingGroup(call, call.required("GroupName"));
        String arn = call.required("PolicyArn");
        if (!group.attachedPolicyArns().contains(arn)) {
            throw AwsError.noSuchEntity("Policy " + arn + " was not found.");
        }
        List<String> arns = new ArrayList<>(group.attachedPolicyArns());
        arns.remove(arn);
        call.state.putGroup(group.withAttachedPolicyArns(arns));
        call.resource("AWS::IAM::Group", group.name());
        call.resource("AWS::IAM::Policy", arn);
        return call.object();
    }

    // ------------------------------------------------------------------ tags, password

    private static ObjectNode listUserTags(Call call) {
        IamUser user = IamService.existingUser(call, call.required("UserName"));
        List<Map.Entry<String, String>> tags = user.tags().entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList();
        Pages.Page<Map.Entry<String, String>> page = IamService.page(call, tags);
        ObjectNode out = call.object();
        ArrayNode list = out.putArray("Tags");
        page.items().forEach(t -> list.addObject().put("Key", t.getKey()).put("Value", t.getValue()));
        return IamService.paged(out, page);
    }

    private static ObjectNode updateLoginProfile(Call call) {
        IamUser user = IamService.existingUser(call, IamService.userNameOrCaller(call));
        if (user.loginProfile() == null) {
            throw AwsError.noSuchEntity("Login Profile for User " + user.name() + " cannot be found.");
        }
        SecretLedger.record(call.str("Password"));
        String reset = call.str("PasswordResetRequired");
        boolean required = reset == null ? user.loginProfile().passwordResetRequired() : Boolean.parseBoolean(reset);
        call.state.putUser(user.withLoginProfile(new IamUser.LoginProfile(user.loginProfile().created(), required)));
        call.resource("AWS::IAM::User", user.name());
        return call.object();
    }

    // ------------------------------------------------------------------ inline policies

    private static ObjectNode getUserPolicy(Call call) {
        IamUser user = IamService.existingUser(call, call.required("UserName"));
        String name = call.required("PolicyName");
        String doc = call.state.inlinePolicy("user", user.name(), name).orElseThrow(
                () -> AwsError.noSuchEntity("The user policy with name " + name + " cannot be found."));
        ObjectNode out = call.object();
        out.put("UserName", user.name());
        out.put("PolicyName", name);
        out.put("PolicyDocument", PolicyDocuments.encode(doc));
        return out;
    }

    private static ObjectNode putUserPolicy(Call call) {
        IamUser user = IamService.existingUser(call, call.required("UserName"));
        String name = PolicyDocuments.validPolicyName(call);
        String doc = PolicyDocuments.validDocument(call);
        call.state.putInlinePolicy("user", user.name(), name, doc);
        call.resource("AWS::IAM::User", user.name());
        return call.object();
    }

    private static ObjectNode deleteUserPolicy(Call call) {
        IamUser user = IamService.existingUser(call, call.required("UserName"));
        String name = call.required("PolicyName");
        if (call.state.inlinePolicy("user", user.name(), name).isEmpty()) {
            throw AwsError.noSuchEntity("The user policy with name " + name + " cannot be found.");
        }
        call.state.removeInlinePolicy("user", user.name(), name);
        call.resource("AWS::IAM::User", user.name());
        return call.object();
    }
}
