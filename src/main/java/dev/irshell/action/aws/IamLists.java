package dev.irshell.action.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.ListAttachedUserPoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListGroupsResponse;
import software.amazon.awssdk.services.iam.model.ListPoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListRolesResponse;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.User;

/**
 * IAM listings shared by the investigation actions, each following Marker/IsTruncated pages to
 * the end (IAM may return fewer than MaxItems with IsTruncated=true) and each call error-mapped.
 */
final class IamLists {
    static final int PAGE = 1000;
    private final AwsClientSource clients;

    IamLists(AwsClientSource clients) {
        this.clients = clients;
    }

    private <T> T iam(String operation, Supplier<T> body) {
        return clients.calls().call("iam", operation, AwsClientSource.IAM_REGION, body);
    }

    List<User> users() {
        List<User> out = new ArrayList<>();
        String marker = null;
        do {
            String m = marker;
            ListUsersResponse page = iam("ListUsers", () -> clients.iam().listUsers(b -> b.maxItems(PAGE).marker(m)));
            out.addAll(page.users());
            marker = next(page.isTruncated(), page.marker());
        } while (marker != null);
        return out;
    }

    List<Group> groups() {
        List<Group> out = new ArrayList<>();
        String marker = null;
        do {
            String m = marker;
            ListGroupsResponse page = iam("ListGroups", () -> clients.iam().listGroups(b -> b.maxItems(PAGE).marker(m)));
            out.addAll(page.groups());
            marker = next(page.isTruncated(), page.marker());
        } while (marker != null);
        return out;
    }

    List<Role> roles() {
        List<Role> out = new ArrayList<>();
        String marker = null;
        do {
            String m = marker;
            ListRolesResponse page = iam("ListRoles", () -> clients.iam().listRoles(b -> b.maxItems(PAGE).marker(m)));
            out.addAll(page.roles());
            marker = next(page.isTruncated(), page.marker());
        } while (marker != null);
        return out;
    }

    /** Customer-managed policies (Scope=Local). */
    List<Policy> localPolicies() {
        List<Policy> out = new ArrayList<>();
        String marker = null;
        do {
            String m = marker;
            ListPoliciesResponse page = iam("ListPolicies",
                    () -> clients.iam().listPolicies(b -> b.scope(PolicyScopeType.LOCAL).maxItems(PAGE).marker(m)));
            out.addAll(page.policies());
            marker = next(page.isTruncated(), page.marker());
        } while (marker != null);
        return out;
    }

    List<AttachedPolicy> attachedUserPolicies(String userName) {
        List<AttachedPolicy> out = new ArrayList<>();
        String marker = null;
        do {
            String m = marker;
            ListAttachedUserPoliciesResponse page = iam("ListAttachedUserPolicies",
                    () -> clients.iam().listAttachedUserPolicies(b -> b.userName(userName).maxItems(PAGE).marker(m)));
            out.addAll(page.attachedPolicies());
            marker = next(page.isTruncated(), page.marker());
        } while (marker != null);
        return out;
    }

    private static String next(Boolean truncated, String marker) {
        return Boolean.TRUE.equals(truncated) && marker != null && !marker.isBlank() ? marker : null;
    }
}
