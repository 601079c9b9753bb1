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
import software.amazon.awssdk.services.iam.model.ListEntitiesForPolicyResponse;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyGroup;
import software.amazon.awssdk.services.iam.model.PolicyRole;
import software.amazon.awssdk.services.iam.model.PolicyUsageType;
import software.amazon.awssdk.services.iam.model.PolicyUser;
import software.amazon.awssdk.services.iam.model.PolicyVersion;

/**
 * {@code iam.deletePolicy}: deletes a customer managed policy for good (procedure 000, "Delete
 * access keys, policies, roles... that you identified as unsanctioned"). Captures the policy and
 * the document of every version (URL-decoded) first, then in AWS's documented order detaches it
 * from every user, group and role, deletes the non-default versions, and deletes the policy.
 * AWS managed policies ({@code arn:aws:iam::aws:policy/...}) are refused; so is a policy used as
 * a permissions boundary (removing a boundary widens access: do it by hand, knowingly).
 */
public final class DeletePolicyAction extends AwsAction {
    public static final String NAME = "iam.deletePolicy";
    static final String EACH = DeleteUserAction.EACH;

    public DeletePolicyAction(AwsClientSource clients) {
        super(clients, new ActionSpec(NAME,
                "Delete a customer managed policy for good, after capturing it and detaching it everywhere",
                Effect.DESTROY,
                List.of(ParamSpec.required("policyArn", ParamKind.TEXT, "the customer managed policy's ARN")),
                List.of("iam:GetPolicy", "iam:ListPolicyVersions", "iam:GetPolicyVersion", "iam:ListEntitiesForPolicy",
                        "iam:DetachUserPolicy", "iam:DetachGroupPolicy", "iam:DetachRolePolicy",
                        "iam:DeletePolicyVersion", "iam:DeletePolicy"),
                null, "policyArn", false));
    }

    private static String arn(Params params) {
        String arn = ContainmentParams.policyArn(params, "policyArn");
        if (ContainmentParams.AWS_MANAGED.matcher(arn).matches()) {
            throw ActionFailure.invalidParam("policyArn", "a customer managed policy: " + arn + " is an AWS managed"
                    + " policy, which nobody can delete; detach it from the users, groups or roles instead"
                    + " (for a user: iam.deleteUser removes its attachments)", arn);
        }
        return arn;
    }

    @Override
    public Plan plan(Params params, ActionContext ctx) {
        String arn = arn(params);
        List<PlannedCall> calls = new ArrayList<>();
        calls.add(iamCall("GetPolicy", Json.obj("PolicyArn", arn)));
        calls.add(iamCall("ListPolicyVersions", Json.obj("PolicyArn", arn)));
        calls.add(iamCall("GetPolicyVersion", Json.obj("PolicyArn", arn, "VersionId", EACH)));
        calls.add(iamCall("ListEntitiesForPolicy", Json.obj("PolicyArn", arn,
                "PolicyUsageFilter", PolicyUsageType.PERMISSIONS_POLICY.toString())));
        calls.add(iamCall("DetachUserPolicy", Json.obj("UserName", EACH, "PolicyArn", arn)));
        calls.add(iamCall("DetachGroupPolicy", Json.obj("GroupName", EACH, "PolicyArn", arn)));
        calls.add(iamCall("DetachRolePolicy", Json.obj("RoleName", EACH, "PolicyArn", arn)));
        calls.add(iamCall("DeletePolicyVersion", Json.obj("PolicyArn", arn, "VersionId", "(each non-default)")));
        calls.add(iamCall("DeletePolicy", Json.obj("PolicyArn", arn)));
        return new Plan("capture managed policy " + arn + " and every version's document, detach it from every user,"
                + " group and role, delete its non-default versions, then delete it for good", calls, arn);
    }

    @Override
    public ActionResult execute(Params params, ActionContext ctx) {
        String arn = arn(params);
        var iam = clients.iam();
        ObjectNode captured;
        List<PolicyUser> users = new ArrayList<>();
        List<PolicyGroup> groups = new ArrayList<>();
        List<PolicyRole> roles = new ArrayList<>();
        List<PolicyVersion> versions;
        try {
            Policy policy = iam("GetPolicy", () -> iam.getPolicy(b -> b.policyArn(arn))).policy();
            if (policy.permissionsBoundaryUsageCount() != null && policy.permissionsBoundaryUsageCount() > 0) {
                throw Failures.refused("iam", "DeletePolicy", AwsClientSource.IAM_REGION, "DeleteConflict", arn
                        + " is the permissions boundary of " + policy.permissionsBoundaryUsageCount() + " user(s) or"
                        + " role(s) (checked before any change: AWS would answer DeleteConflict). Removing a boundary"
                        + " widens what they may do, so irshell leaves that to you: find them in the console (Policy"
                        + " usage, Permissions boundary), remove the boundary knowingly, then run " + NAME + " again");
            }
            versions = IamPages.all(clients, "ListPolicyVersions", m -> iam.listPolicyVersions(b -> b.policyArn(arn).marker(m)),
                    r -> r.versions(), r -> r.isTruncated(), r -> r.marker());
            ArrayNode versionJson = Json.array();
            ObjectNode defaultVersion = null;
            for (PolicyVersion v : versions) {
                PolicyVersion full = iam("GetPolicyVersion",
                        () -> iam.getPolicyVersion(b -> b.policyArn(arn).versionId(v.versionId()))).policyVersion();
                ObjectNode vj = Json.obj("versionId", v.versionId(), "isDefaultVersion", Boolean.TRUE.equals(v.isDefaultVersion()),
                        "createDate", v.createDate(), "document", PolicyDocs.decode(full.document()));
                versionJson.add(vj);
                if (Boolean.TRUE.equals(v.isDefaultVersion())) {
                    defaultVersion = vj;
                }
            }
            String marker = null;
            do {
                String m = marker;
                ListEntitiesForPolicyResponse page = iam("ListEntitiesForPolicy", () -> iam.listEntitiesForPolicy(
                        b -> b.policyArn(arn).policyUsageFilter(PolicyUsageType.PERMISSIONS_POLICY).marker(m)));
                users.addAll(page.policyUsers());
                groups.addAll(page.policyGroups());
                roles.addAll(page.policyRoles());
                marker = Boolean.TRUE.equals(page.isTruncated()) ? page.marker() : null;
            } while (marker != null);
            captured = Json.obj("policy", SdkJson.toJson(policy), "defaultVersion", defaultVersion,
                    "versions", versionJson,
                    "entities", Json.obj("users", users.stream().map(PolicyUser::userName).toList(),
                            "groups", groups.stream().map(PolicyGroup::groupName).toList(),
                            "roles", roles.stream().map(PolicyRole::roleName).toList()));
        } catch (ActionFailure f) {
            if (f.operation() != null && f.operation().equals("DeletePolicy")) {
                throw f; // the boundary refusal: already says what to do
            }
            throw Failures.withMessage(f, f.getMessage() + ". " + NAME + " stopped while capturing " + arn + " at "
                    + f.operation() + ": nothing was changed. Fix the cause and run it again.");
        }
        RemovalSequence seq = new RemovalSequence(clients);
        for (PolicyUser u : users) {
            seq.add("userAttachment", u.userName(), "DetachUserPolicy",
                    () -> iam.detachUserPolicy(b -> b.userName(u.userName()).policyArn(arn)));
        }
        for (PolicyGroup g : groups) {
            seq.add("groupAttachment", g.groupName(), "DetachGroupPolicy",
                    () -> iam.detachGroupPolicy(b -> b.groupName(g.groupName()).policyArn(arn)));
        }
        for (PolicyRole r : roles) {
            seq.add("roleAttachment", r.roleName(), "DetachRolePolicy",
                    () -> iam.detachRolePolicy(b -> b.roleName(r.roleName()).policyArn(arn)));
        }
        for (PolicyVersion v : versions) {
            if (!Boolean.TRUE.equals(v.isDefaultVersion())) {
                seq.add("policyVersion", v.versionId(), "DeletePolicyVersion",
                        () -> iam.deletePolicyVersion(b -> b.policyArn(arn).versionId(v.versionId())));
            }
        }
        seq.add("policy", arn, "DeletePolicy", () -> iam.deletePolicy(b -> b.policyArn(arn)));
        ArrayNode removed = seq.run(NAME, "GetPolicy, ListPolicyVersions, GetPolicyVersion, ListEntitiesForPolicy answers");
        List<Finding> findings = new ArrayList<>();
        findings.add(Finding.info("managed policy " + arn + " is deleted; its versions' documents and where it was"
                + " attached are in this result's data (captured)"));
        if (!users.isEmpty() || !groups.isEmpty() || !roles.isEmpty()) {
            findings.add(Finding.warn("detached from " + users.size() + " user(s), " + groups.size() + " group(s) and "
                    + roles.size() + " role(s): anything they did with its permissions now fails"));
        }
        return new ActionResult(Json.obj("policyArn", arn, "captured", captured, "removed", removed, "deleted", true),
                "deleted managed policy " + arn + " after " + removed.size() + " detachment(s)/version deletion(s)",
                List.of(Tables.of("Removed: " + arn, List.of("What", "Id", "Call"), seq.rows(), Set.of())),
                findings, List.of());
    }
}
