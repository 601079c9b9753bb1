package dev.irshell.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * IAM's role and customer-managed-policy operations, registered on {@link IamService}: what a
 * responder needs to find a rogue role and remove it (GetRole, ListRoles,
 * ListAttachedRolePolicies, DetachRolePolicy, DeleteRole, DeletePolicy).
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
        iam.register("DeletePolicy", ServiceHandler.WRITE, IamRoleOperations::deletePolicy);
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
        if (!role.attachedPolicyArns().isEmpty()) {
            throw AwsError.deleteConflict("Cannot delete entity, must detach all policies first.");
        }
        call.state.removeRole(role.name());
        call.resource("AWS::IAM::Role", role.name());
        return call.object();
    }

    private static ObjectNode deletePolicy(Call call) {
        String arn = call.required("PolicyArn");
        if (arn.startsWith(ManagedPolicies.PREFIX)) {
            throw AwsError.accessDenied("User: " + call.caller.arn() + " is not authorized to perform: "
                    + "iam:DeletePolicy on resource: policy " + arn + " (AWS managed policies cannot be deleted)");
        }
        if (!call.state.policyExists(arn)) {
            throw AwsError.noSuchEntity("Policy " + arn + " does not exist or is not attachable.");
        }
        boolean attached = call.state.users().stream().anyMatch(u -> u.attachedPolicyArns().contains(arn))
                || call.state.roles().stream().anyMatch(r -> r.attachedPolicyArns().contains(arn));
        if (attached) {
            throw AwsError.deleteConflict("Cannot delete a policy attached to entities.");
        }
        call.state.removeCustomerPolicy(arn);
        call.resource("AWS::IAM::Policy", arn);
        return call.object();
    }

    static IamRole withPolicies(IamRole r, List<String> arns) {
        return new IamRole(r.name(), r.roleId(), r.path(), r.arn(), r.created(), arns, r.trustedPrincipals(),
                r.maxSessionDurationSeconds(), r.origin());
    }

    private static IamRole existingRole(Call call, String name) {
        return call.state.role(name).orElseThrow(
                () -> AwsError.noSuchEntity("The role with name " + name + " cannot be found."));
    }

    private static ObjectNode roleNode(Call call, IamRole role) {
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
