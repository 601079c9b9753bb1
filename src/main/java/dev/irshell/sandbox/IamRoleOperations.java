package dev.irshell.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * IAM's role operations, registered on {@link IamService}: what a responder needs to find a
 * rogue role, cut its sessions and remove it (GetRole, ListRoles, ListAttachedRolePolicies,
 * DetachRolePolicy, the inline role policies, instance profiles, DeleteRole).
 */
final class IamRoleOperations {
    private IamRoleOperations() {
    }

    static void registerOn(IamService iam) {
        iam.register("GetRole", ServiceHandler.READ, IamRoleOperations::getRole);
        iam.register("ListRoles", ServiceHandler.READ, IamRoleOperations::listRoles);
        iam.register("ListAttachedRolePolicies", ServiceHandler.READ, IamRoleOperations::listAttachedRolePolicies);
        iam.register("DetachRolePolicy", ServiceHandler.WRITE, IamRoleOperations::detachRolePolicy);
        iam.register("DeleteRole", ServiceHandler.WRITE, IamRoleOperations::deleteRole);
        iam.register("ListRolePolicies", ServiceHandler.READ, IamRoleOperations::listRolePolicies);
        iam.register("GetRolePolicy", ServiceHandler.READ, IamRoleOperations::getRolePolicy);
        iam.register("PutRolePolicy", ServiceHandler.WRITE, IamRoleOperations::putRolePolicy);
        iam.register("DeleteRolePolicy", ServiceHandler.WRITE, IamRoleOperations::deleteRolePolicy);
        iam.register("ListInstanceProfilesForRole", ServiceHandler.READ, IamRoleOperations::listInstanceProfilesForRole);
        iam.register("RemoveRoleFromInstanceProfile", ServiceHandler.WRITE,
                IamRoleOperations::removeRoleFromInstanceProfile);
    }

    /** The trust policy of a role as IAM stores it (a JSON document). */
    static String trustPolicy(IamRole role) {
        StringBuilder principals = new StringBuilder();
        for (String p : role.trustedPrincipals()) {
            principals.append(principals.isEmpty() ? "" : ",").append('"').append(p).append('"');
        }
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":["
                + principals + "]},\"Action\":\"sts:AssumeRole\"}]}";
    }

    private static ObjectNode getRole(Call call) {
        IamRole role = existingRole(call, call.required("RoleName"));
        ObjectNode out = call.object();
        out.set("Role", roleNode(call, role));
        return out;
    }

    private static ObjectNode listRoles(Call call) {
        String prefix = call.str("PathPrefix");
        List<IamRole> roles = call.state.roles().stream()
                .filter(r -> prefix == null || r.path().startsWith(prefix)).toList();
        Pages.Page<IamRole> page = page(call, roles);
        ObjectNode out = call.object();
        ArrayNode list = out.putArray("Roles");
        page.items().forEach(r -> list.add(roleNode(call, r)));
        return paged(out, page);
    }

    private static ObjectNode listAttachedRolePolicies(Call call) {
        IamRole role = existingRole(call, call.required("RoleName"));
        Pages.Page<String> page = page(call, role.attachedPolicyArns());
        ObjectNode out = call.object();
        ArrayNode list = out.putArray("AttachedPolicies");
        for (String arn : page.items()) {
            list.addObject().put("PolicyName", ManagedPolicies.name(arn)).put("PolicyArn", arn);
        }
        return paged(out, page);
    }

    private static ObjectNode detachRolePolicy(Call call) {
        IamRole role = existingRole(call, call.required("RoleName"));
        String arn = call.required("PolicyArn");
        if (!role.attachedPolicyArns().contains(arn)) {
            throw AwsError.noSuchEntity("Policy " + arn + " was not found.");
        }
        List<String> arns = new ArrayList<>(role.attachedPolicyArns());
        arns.remove(arn);
        call.state.putRole(withPolicies(role, arns));
        call.resource("AWS::IAM::Role", role.name());
        call.resource("AWS::IAM::Policy", arn);
        return call.object();
    }

    private static ObjectNode deleteRole(Call call) {
        IamRole role = existingRole(call, call.required("RoleName"));
        if (!call.state.inlinePolicyNames("role", role.name()).isEmpty()) {
            throw AwsError.deleteConflict("Cannot delete entity, must delete policies first.");
        }
        if (!role.attachedPolicyArns().isEmpty()) {
            throw AwsError.deleteConflict("Cannot delete entity, must detach all policies first.");
        }
        if (call.state.instanceProfiles().stream().anyMatch(p -> p.roleNames().contains(role.name()))) {
            throw AwsError.deleteConflict("Cannot delete entity, must remove roles from instance profile first.");
        }
        call.state.removeRole(role.name());
        call.resource("AWS::IAM::Role", role.name());
        return call.object();
    }

    // ------------------------------------------------------------------ inline policies

    private static ObjectNode listRolePolicies(Call call) {
        IamRole role = existingRole(call, call.required("RoleName"));
        Pages.Page<String> page = page(call, call.state.inlinePolicyNames("role", role.name()));
        ObjectNode out = call.object();
        ArrayNode list = out.putArray("PolicyNames");
        page.items().forEach(list::add);
        return paged(out, page);
    }

    private static ObjectNode getRolePolicy(Call call) {
        IamRole role = existingRole(call, call.required("RoleName"));
        String name = call.required("PolicyName");
        String doc = call.state.inlinePolicy("role", role.name(), name).orElseThrow(
                () -> AwsError.noSuchEntity("The role policy with name " + name + " cannot be found."));
        ObjectNode out = call.object();
        out.put("RoleName", role.name());
        out.put("PolicyName", name);
        out.put("PolicyDocument", PolicyDocuments.encode(doc));
        return out;
    }

    private static ObjectNode putRolePolicy(Call call) {
        IamRole role = existingRole(call, call.required("RoleName"));
        String name = PolicyDocuments.validPolicyName(call);
        String doc = PolicyDocuments.validDocument(call);
        if (role.path().startsWith("/aws-service-role/")) {
            throw new AwsError(400, "UnmodifiableEntity", "Cannot perform the operation on the protected role '"
                    + role.name() + "' - this role is only modifiable by AWS");
        }
        call.state.putInlinePolicy("role", role.name(), name, doc);
        call.resource("AWS::IAM::Role", role.arn());
        return call.object();
    }

    private static ObjectNode deleteRolePolicy(Call call) {
        IamRole role = existingRole(call, call.required("RoleName"));
        String name = call.required("PolicyName");
        if (call.state.inlinePolicy("role", role.name(), name).isEmpty()) {
            throw AwsError.noSuchEntity("The role policy with name " + name + " cannot be found.");
        }
        call.state.removeInlinePolicy("role", role.name(), name);
        call.resource("AWS::IAM::Role", role.arn());
        return call.object();
    }

    // ------------------------------------------------------------------ instance profiles

    private static ObjectNode listInstanceProfilesForRole(Call call) {
        IamRole role = existingRole(call, call.required("RoleName"));
        Pages.Page<InstanceProfile> page = page(call, call.state.instanceProfiles().stream()
                .filter(p -> p.roleNames().contains(role.name())).toList());
        ObjectNode out = call.object();
        ArrayNode list = out.putArray("InstanceProfiles");
        for (InstanceProfile p : page.items()) {
            ObjectNode n = list.addObject();
            n.put("Path", p.path());
            n.put("InstanceProfileName", p.name());
            n.put("InstanceProfileId", p.profileId());
            n.put("Arn", p.arn());
            n.set("CreateDate", call.time(p.created()));
            ArrayNode roles = n.putArray("Roles");
            p.roleNames().forEach(r -> call.state.role(r).ifPresent(x -> roles.add(roleNode(call, x))));
        }
        return paged(out, page);
    }

    private static ObjectNode removeRoleFromInstanceProfile(Call call) {
        String name = call.required("InstanceProfileName");
        InstanceProfile p = call.state.instanceProfile(name).orElseThrow(
                () -> AwsError.noSuchEntity("Instance Profile " + name + " cannot be found."));
        String roleName = call.required("RoleName");
        IamRole role = existingRole(call, roleName);
        if (!p.roleNames().contains(roleName)) {
            throw AwsError.noSuchEntity("The role with name " + roleName + " cannot be found in instance profile "
                    + name + ".");
        }
        List<String> roles = new ArrayList<>(p.roleNames());
        roles.remove(roleName);
        call.state.putInstanceProfile(p.withRoleNames(roles));
        call.resource("AWS::IAM::InstanceProfile", p.arn());
        call.resource("AWS::IAM::Role", role.arn());
        return call.object();
    }

    static IamRole withPolicies(IamRole r, List<String> arns) {
        return new IamRole(r.name(), r.roleId(), r.path(), r.arn(), r.created(), arns, r.trustedPrincipals(),
                r.maxSessionDurationSeconds(), r.origin());
    }

    static IamRole existingRole(Call call, String name) {
        return call.state.role(name).orElseThrow(
                () -> AwsError.noSuchEntity("The role with name " + name + " cannot be found."));
    }

    static ObjectNode roleNode(Call call, IamRole role) {
        ObjectNode r = call.object();
        r.put("Path", role.path());
        r.put("RoleName", role.name());
        r.put("RoleId", role.roleId());
        r.put("Arn", role.arn());
        r.set("CreateDate", call.time(role.created()));
        r.put("AssumeRolePolicyDocument", URLEncoder.encode(trustPolicy(role), StandardCharsets.UTF_8));
        r.put("MaxSessionDuration", role.maxSessionDurationSeconds());
        return r;
    }

    private static <T> Pages.Page<T> page(Call call, List<T> all) {
        Integer max = call.integer("MaxItems");
        int size = Math.min(max == null || max < 1 ? IamService.PAGE_LIMIT : max, IamService.PAGE_LIMIT);
        return Pages.slice(all, "iam", call.str("Marker"), size, () -> AwsError.invalidInput("Invalid Marker."));
    }

    private static ObjectNode paged(ObjectNode out, Pages.Page<?> page) {
        out.put("IsTruncated", page.truncated());
        if (page.truncated()) {
            out.put("Marker", page.next());
        }
        return out;
    }
}
