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
import java.util.Set;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * {@code iam.deleteRole}: deletes an IAM role for good. Captures the role (trust policy URL-decoded),
 * its inline policies with their documents, attached managed policies and instance profiles, then
 * in AWS's documented order deletes the inline policies, detaches the managed ones, removes the
 * role from its instance profiles (the profiles stay, empty), and deletes the role. Service-linked
 * roles (path {@code /aws-service-role/}) are refused: AWS answers UnmodifiableEntity.
 */
public final class DeleteRoleAction extends AwsAction {
    public static final String NAME = "iam.deleteRole";
    static final String SERVICE_LINKED_PATH = "/aws-service-role/";
    static final String EACH = DeleteUserAction.EACH;

    public DeleteRoleAction(AwsClientSource clients) {
        super(clients, new ActionSpec(NAME,
                "Delete an IAM role for good, after capturing it and removing its policies and instance profiles",
                Effect.DESTROY,
                List.of(ParamSpec.required("roleName", ParamKind.ROLE_NAME, "the IAM role to delete")),
                List.of("iam:GetRole", "iam:ListRolePolicies", "iam:GetRolePolicy", "iam:ListAttachedRolePolicies",
                        "iam:ListInstanceProfilesForRole", "iam:DeleteRolePolicy", "iam:DetachRolePolicy",
                        "iam:RemoveRoleFromInstanceProfile", "iam:DeleteRole"),
                null, "roleName", true));
    }

    @Override
    public Plan plan(Params params, ActionContext ctx) {
        String role = ContainmentParams.roleName(params, "roleName");
        List<PlannedCall> calls = new ArrayList<>();
        calls.add(iamCall("GetRole", Json.obj("RoleName", role)));
        calls.add(iamCall("ListRolePolicies", Json.obj("RoleName", role)));
        calls.add(iamCall("GetRolePolicy", Json.obj("RoleName", role, "PolicyName", EACH)));
        calls.add(iamCall("ListAttachedRolePolicies", Json.obj("RoleName", role)));
        calls.add(iamCall("ListInstanceProfilesForRole", Json.obj("RoleName", role)));
        calls.add(iamCall("DeleteRolePolicy", Json.obj("RoleName", role, "PolicyName", EACH)));
        calls.add(iamCall("DetachRolePolicy", Json.obj("RoleName", role, "PolicyArn", EACH)));
        calls.add(iamCall("RemoveRoleFromInstanceProfile", Json.obj("InstanceProfileName", EACH, "RoleName", role)));
        calls.add(iamCall("DeleteRole", Json.obj("RoleName", role)));
        return new Plan("capture IAM role " + role + " (trust policy, policies, instance profiles), remove its inline"
                + " and attached policies and take it out of its instance profiles, then delete it for good; sessions"
                + " of the role and instances using its profiles lose its permissions", calls, role);
    }

    @Override
    public ActionResult execute(Params params, ActionContext ctx) {
        String name = ContainmentParams.roleName(params, "roleName");
        var iam = clients.iam();
        Role role;
        List<String> inline;
        List<AttachedPolicy> attached;
        List<InstanceProfile> profiles;
        ObjectNode captured;
        try {
            role = iam("GetRole", () -> iam.getRole(b -> b.roleName(name))).role();
            if (role.path() != null && role.path().startsWith(SERVICE_LINKED_PATH)) {
                throw Failures.refused("iam", "DeleteRole", AwsClientSource.IAM_REGION, "UnmodifiableEntity",
                        name + " is a service-linked role (path " + role.path() + "): AWS answers UnmodifiableEntity"
                                + " to DeleteRole (checked before any change). Delete the resources of the service that"
                                + " uses it, then delete it from that service or with iam:DeleteServiceLinkedRole");
            }
            inline = IamPages.all(clients, "ListRolePolicies", m -> iam.listRolePolicies(b -> b.roleName(name).marker(m)),
                    r -> r.policyNames(), r -> r.isTruncated(), r -> r.marker());
            ArrayNode inlineJson = Json.array();
            for (String p : inline) {
                String doc = iam("GetRolePolicy", () -> iam.getRolePolicy(b -> b.roleName(name).policyName(p))).policyDocument();
                inlineJson.add(Json.obj("policyName", p, "document", PolicyDocs.decode(doc)));
            }
            attached = IamPages.all(clients, "ListAttachedRolePolicies",
                    m -> iam.listAttachedRolePolicies(b -> b.roleName(name).marker(m)),
                    r -> r.attachedPolicies(), r -> r.isTruncated(), r -> r.marker());
            profiles = IamPages.all(clients, "ListInstanceProfilesForRole",
                    m -> iam.listInstanceProfilesForRole(b -> b.roleName(name).marker(m)),
                    r -> r.instanceProfiles(), r -> r.isTruncated(), r -> r.marker());
            ArrayNode attachedJson = Json.array();
            attached.forEach(p -> attachedJson.add(SdkJson.toJson(p)));
            ArrayNode profilesJson = Json.array();
            profiles.forEach(p -> profilesJson.add(Json.obj("instanceProfileName", p.instanceProfileName(),
                    "instanceProfileId", p.instanceProfileId(), "arn", p.arn(), "path", p.path(),
                    "createDate", p.createDate())));
            ObjectNode roleJson = SdkJson.toJson(role);
            roleJson.set("AssumeRolePolicyDocument", PolicyDocs.decode(role.assumeRolePolicyDocument()));
            captured = Json.obj("role", roleJson,
                    "trustPolicy", PolicyDocs.decode(role.assumeRolePolicyDocument()),
                    "inlinePolicies", inlineJson, "attachedPolicies", attachedJson, "instanceProfiles", profilesJson);
        } catch (ActionFailure f) {
            if ("DeleteRole".equals(f.operation())) {
                throw f; // the service-linked refusal: already says what to do
            }
            throw Failures.withMessage(f, f.getMessage() + ". " + NAME + " stopped while capturing role " + name + " at "
                    + f.operation() + ": nothing was changed. Fix the cause and run it again.");
        }
        RemovalSequence seq = new RemovalSequence(clients);
        for (String p : inline) {
            seq.add("inlinePolicy", p, "DeleteRolePolicy", () -> iam.deleteRolePolicy(b -> b.roleName(name).policyName(p)));
        }
        for (AttachedPolicy p : attached) {
            seq.add("attachedPolicy", p.policyArn(), "DetachRolePolicy",
                    () -> iam.detachRolePolicy(b -> b.roleName(name).policyArn(p.policyArn())));
        }
        for (InstanceProfile p : profiles) {
            seq.add("instanceProfile", p.instanceProfileName(), "RemoveRoleFromInstanceProfile",
                    () -> iam.removeRoleFromInstanceProfile(b -> b.instanceProfileName(p.instanceProfileName()).roleName(name)));
        }
        seq.add("role", name, "DeleteRole", () -> iam.deleteRole(b -> b.roleName(name)));
        ArrayNode removed = seq.run(NAME, "GetRole, ListRolePolicies, GetRolePolicy, ListAttachedRolePolicies,"
                + " ListInstanceProfilesForRole answers");
        List<Finding> findings = new ArrayList<>();
        findings.add(Finding.info("IAM role " + name + " is deleted; its trust policy, policies and instance profiles"
                + " are in this result's data (captured)"));
        for (InstanceProfile p : profiles) {
            findings.add(Finding.warn("instance profile " + p.instanceProfileName() + " is left without a role:"
                    + " instances using it lose the role's credentials; delete it with"
                    + " `aws iam delete-instance-profile --instance-profile-name " + p.instanceProfileName()
                    + "` if it is unwanted"));
        }
        return new ActionResult(Json.obj("roleName", name, "captured", captured, "removed", removed, "deleted", true),
                "deleted IAM role " + name + " after removing " + removed.size() + " policy/profile link(s)",
                List.of(Tables.of("Removed: " + name, List.of("What", "Id", "Call"), seq.rows(), Set.of())),
                findings, List.of());
    }
}
