package dev.irshell.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * IAM's managed-policy operations, registered on {@link IamService}: finding policies and their
 * versions, where they are attached, and removing a rogue policy in AWS's documented order
 * (detach from every user, group and role, delete the non-default versions, DeletePolicy).
 */
final class IamPolicyOperations {
    private IamPolicyOperations() {
    }

    static void registerOn(IamService iam) {
        iam.register("ListPolicies", ServiceHandler.READ, IamPolicyOperations::listPolicies);
        iam.register("GetPolicy", ServiceHandler.READ, IamPolicyOperations::getPolicy);
        iam.register("ListPolicyVersions", ServiceHandler.READ, IamPolicyOperations::listPolicyVersions);
        iam.register("GetPolicyVersion", ServiceHandler.READ, IamPolicyOperations::getPolicyVersion);
        iam.register("CreatePolicyVersion", ServiceHandler.WRITE, IamPolicyOperations::createPolicyVersion);
        iam.register("DeletePolicyVersion", ServiceHandler.WRITE, IamPolicyOperations::deletePolicyVersion);
        iam.register("ListEntitiesForPolicy", ServiceHandler.READ, IamPolicyOperations::listEntitiesForPolicy);
        iam.register("DeletePolicy", ServiceHandler.WRITE, IamPolicyOperations::deletePolicy);
    }

    /** A user, group or role a policy is attached to. */
    private record Holder(String type, String name, String id) {
    }

    private static List<Holder> holders(SandboxState state, String arn) {
        List<Holder> out = new ArrayList<>();
        state.groups().stream().filter(g -> g.attachedPolicyArns().contains(arn))
                .forEach(g -> out.add(new Holder("Group", g.name(), g.groupId())));
        state.users().stream().filter(u -> u.attachedPolicyArns().contains(arn))
                .forEach(u -> out.add(new Holder("User", u.name(), u.userId())));
        state.roles().stream().filter(r -> r.attachedPolicyArns().contains(arn))
                .forEach(r -> out.add(new Holder("Role", r.name(), r.roleId())));
        return out;
    }

    private static ManagedPolicy existing(Call call, String arn) {
        return call.state.policy(arn).orElseThrow(
                () -> AwsError.noSuchEntity("Policy " + arn + " does not exist or is not attachable."));
    }

    private static ObjectNode policyNode(Call call, ManagedPolicy p) {
        ObjectNode n = call.object();
        n.put("PolicyName", p.name());
        n.put("PolicyId", p.policyId());
        n.put("Arn", p.arn());
        n.put("Path", p.path());
        n.put("DefaultVersionId", p.defaultVersion().versionId());
        n.put("AttachmentCount", holders(call.state, p.arn()).size());
        n.put("PermissionsBoundaryUsageCount", 0);
        n.put("IsAttachable", true);
        n.set("CreateDate", call.time(p.created()));
        n.set("UpdateDate", call.time(p.updated()));
        return n;
    }

    private static ObjectNode listPolicies(Call call) {
        String scope = call.str("Scope") == null ? "All" : call.str("Scope");
        if (!List.of("All", "AWS", "Local").contains(scope)) {
            throw AwsError.validationError("1 validation error detected: Value '" + scope + "' at 'scope' failed to "
                    + "satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]");
        }
        String prefix = call.str("PathPrefix");
        boolean onlyAttached = call.bool("OnlyAttached");
        boolean boundaries = "PermissionsBoundary".equals(call.str("PolicyUsageFilter"));
        Stream<ManagedPolicy> aws = ManagedPolicies.AWS.stream().sorted().map(ManagedPolicies::aws);
        Stream<ManagedPolicy> local = call.state.customerPolicies().stream();
        List<ManagedPolicy> all = (switch (scope) {
            case "AWS" -> aws;
            case "Local" -> local;
            default -> Stream.concat(aws, local);
        }).filter(p -> prefix == null || p.path().startsWith(prefix))
                .filter(p -> !onlyAttached || !holders(call.state, p.arn()).isEmpty())
                .filter(p -> !boundaries).toList();
        Pages.Page<ManagedPolicy> page = IamService.page(call, all);
        ObjectNode out = call.object();
        ArrayNode list = out.putArray("Policies");
        page.items().forEach(p -> list.add(policyNode(call, p)));
        return IamService.paged(out, page);
    }

    private static ObjectNode getPolicy(Call call) {
        ManagedPolicy p = existing(call, call.required("PolicyArn"));
        ObjectNode out = call.object();
        out.set("Policy", policyNode(call, p));
        return out;
    }

    private static ObjectNode versionNode(Call call, ManagedPolicy.Version v, boolean withDocument) {
        ObjectNode n = call.object();
        if (withDocument) {
            n.put("Document", PolicyDocuments.encode(v.document()));
        }
        n.put("VersionId", v.versionId());
        n.put("IsDefaultVersion", v.isDefault());
        n.set("CreateDate", call.time(v.created()));
        return n;
    }

    private static ObjectNode listPolicyVersions(Call call) {
        ManagedPolicy p = existing(call, call.required("PolicyArn"));
        Pages.Page<ManagedPolicy.Version> page = IamService.page(call, p.versions());
        ObjectNode out = call.object();
        ArrayNode list = out.putArray("Versions");
        page.items().forEach(v -> list.add(versionNode(call, v, false)));
        return IamService.paged(out, page);
    }

    private static ManagedPolicy.Version version(Call call, ManagedPolicy p) {
        String id = call.required("VersionId");
        return p.versions().stream().filter(v -> v.versionId().equals(id)).findFirst().orElseThrow(
                () -> AwsError.noSuchEntity("Policy " + p.arn() + " version " + id + " does not exist or is not "
                        + "deletable."));
    }

    private static ObjectNode getPolicyVersion(Call call) {
        ManagedPolicy p = existing(call, call.required("PolicyArn"));
        ObjectNode out = call.object();
        out.set("PolicyVersion", versionNode(call, version(call, p), true));
        return out;
    }

    private static ManagedPolicy customer(Call call, String action) {
        String arn = call.required("PolicyArn");
        if (arn.startsWith(ManagedPolicies.PREFIX)) {
            throw AwsError.accessDenied("User: " + call.caller.arn() + " is not authorized to perform: iam:" + action
                    + " on resource: policy " + arn + " (AWS managed policies cannot be changed)");
        }
        ManagedPolicy p = existing(call, arn);
        call.resource("AWS::IAM::Policy", arn);
        return p;
    }

    private static ObjectNode createPolicyVersion(Call call) {
        ManagedPolicy p = customer(call, "CreatePolicyVersion");
        String doc = PolicyDocuments.validDocument(call);
        if (p.versions().size() >= ManagedPolicy.MAX_VERSIONS) {
            throw AwsError.limitExceeded("A managed policy can have up to " + ManagedPolicy.MAX_VERSIONS
                    + " versions. Before you create a new version, you must delete an existing version.");
        }
        ManagedPolicy updated = p.withNewVersion(doc, call.bool("SetAsDefault"), call.now);
        call.state.putCustomerPolicy(updated);
        ObjectNode out = call.object();
        out.set("PolicyVersion", versionNode(call, updated.versions().get(updated.versions().size() - 1), false));
        return out;
    }

    private static ObjectNode deletePolicyVersion(Call call) {
        ManagedPolicy p = customer(call, "DeletePolicyVersion");
        ManagedPolicy.Version v = version(call, p);
        if (v.isDefault()) {
            throw AwsError.deleteConflict("Cannot delete the default version of a policy.");
        }
        call.state.putCustomerPolicy(p.withVersions(p.versions().stream().filter(x -> x != v).toList()));
        return call.object();
    }

    private static ObjectNode listEntitiesForPolicy(Call call) {
        ManagedPolicy p = call.state.policy(call.required("PolicyArn")).orElseThrow(
                () -> AwsError.noSuchEntity("Policy " + call.str("PolicyArn") + " was not found."));
        String filter = call.str("EntityFilter");
        String prefix = call.str("PathPrefix");
        boolean boundaries = "PermissionsBoundary".equals(call.str("PolicyUsageFilter"));
        List<Holder> all = holders(call.state, p.arn()).stream()
                .filter(h -> filter == null || filter.equals(h.type())
                        || filter.equals(p.awsManaged() ? "AWSManagedPolicy" : "LocalManagedPolicy"))
                .filter(h -> prefix == null || path(call.state, h).startsWith(prefix))
                .filter(h -> !boundaries).toList();
        Pages.Page<Holder> page = IamService.page(call, all);
        ObjectNode out = call.object();
        ArrayNode groups = out.putArray("PolicyGroups");
        ArrayNode users = out.putArray("PolicyUsers");
        ArrayNode roles = out.putArray("PolicyRoles");
        for (Holder h : page.items()) {
            switch (h.type()) {
                case "Group" -> groups.addObject().put("GroupName", h.name()).put("GroupId", h.id());
                case "User" -> users.addObject().put("UserName", h.name()).put("UserId", h.id());
                default -> roles.addObject().put("RoleName", h.name()).put("RoleId", h.id());
            }
        }
        return IamService.paged(out, page);
    }

    private static String path(SandboxState state, Holder h) {
        return switch (h.type()) {
            case "Group" -> state.group(h.name()).map(IamGroup::path).orElse("/");
            case "User" -> state.user(h.name()).map(IamUser::path).orElse("/");
            default -> state.role(h.name()).map(IamRole::path).orElse("/");
        };
    }

    private static ObjectNode deletePolicy(Call call) {
        ManagedPolicy p = customer(call, "DeletePolicy");
        if (!holders(call.state, p.arn()).isEmpty()) {
            throw AwsError.deleteConflict("Cannot delete a policy attached to entities.");
        }
        if (p.versions().size() > 1) {
            throw AwsError.deleteConflict("This policy has more than one version. Before you delete a policy, you "
                    + "must delete the policy's versions. The default version is deleted with the policy.");
        }
        call.state.removeCustomerPolicy(p.arn());
        return call.object();
    }
}
