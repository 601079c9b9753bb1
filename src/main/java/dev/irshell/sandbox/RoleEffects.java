package dev.irshell.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Timeline effects on roles, customer managed policies and role sessions: CreateRole,
 * CreatePolicy, CreatePolicyVersion, AttachRolePolicy, PutRolePolicy, PutUserPolicy,
 * CreateInstanceProfile, AddRoleToInstanceProfile and AssumeRole. Ids are fixed in the scenario ({@code roleId},
 * {@code policyId}, the session's {@code accessKeyId}), so a session can be an actor afterwards.
 */
final class RoleEffects {
    private RoleEffects() {
    }

    /**
     * {@code with: {roleName, roleId, path?, trustedPrincipals: [arn...], maxSessionDuration?}}.
     */
    static Timeline.Outcome createRole(Timeline.Step s) {
        String name = s.text("roleName");
        if (s.state().role(name).isPresent()) {
            throw s.fail("role '" + name + "' already exists");
        }
        String id = s.text("roleId");
        if (!id.matches("AROA[A-Z0-9]{16,17}")) {
            throw s.fail("roleId must look like AROA + 17 capitals or digits, got '" + id + "'");
        }
        List<String> trusted = new ArrayList<>();
        s.with().path("trustedPrincipals").forEach(p -> trusted.add(p.asText()));
        if (trusted.isEmpty()) {
            throw s.fail("needs 'with: {trustedPrincipals: [arn:aws:iam::ACCOUNT:root]}'");
        }
        int max = Integer.parseInt(s.optional("maxSessionDuration", "3600"));
        String path = s.optional("path", "/");
        IamRole role = new IamRole(name, id, path, "arn:aws:iam::" + s.state().accountId() + ":role" + path + name,
                s.time(), List.of(), trusted, max, s.actor());
        s.state().putRole(role);
        String trust = IamRoleOperations.trustPolicy(role);
        ObjectNode request = obj().put("roleName", name).put("assumeRolePolicyDocument", trust)
                .put("maxSessionDuration", max);
        ObjectNode response = obj();
        response.putObject("role").put("path", path).put("roleName", name).put("roleId", id).put("arn", role.arn())
                .put("createDate", Times.iso(s.time())).put("assumeRolePolicyDocument", trust);
        return new Timeline.Outcome(request, response, List.of(new TrailEvent.Resource("AWS::IAM::Role", role.arn())));
    }

    /** {@code with: {policyName, policyId, path?}}: a customer managed policy. */
    static Timeline.Outcome createPolicy(Timeline.Step s) {
        String name = s.text("policyName");
        String id = s.text("policyId");
        String path = s.optional("path", "/");
        String arn = "arn:aws:iam::" + s.state().accountId() + ":policy" + path + name;
        if (s.state().policyExists(arn)) {
            throw s.fail("policy " + arn + " already exists");
        }
        String document = document(s, "policyDocument", ManagedPolicies.ALLOW_ALL);
        s.state().putCustomerPolicy(new ManagedPolicy(arn, name, id, path, s.time(),
                List.of(new ManagedPolicy.Version("v1", document, true, s.time())), s.actor()));
        ObjectNode response = obj();
        response.putObject("policy").put("policyName", name).put("policyId", id).put("arn", arn).put("path", path)
                .put("defaultVersionId", "v1").put("attachmentCount", 0).put("isAttachable", true)
                .put("createDate", Times.iso(s.time()));
        return new Timeline.Outcome(obj().put("policyName", name).put("path", path).put("policyDocument", document),
                response,
                List.of(new TrailEvent.Resource("AWS::IAM::Policy", arn)));
    }

    /** {@code with: {roleName, policyArn}}. */
    static Timeline.Outcome attachRolePolicy(Timeline.Step s) {
        String name = s.text("roleName");
        IamRole role = s.state().role(name).orElseThrow(() -> s.fail("no role '" + name + "' at this point of the "
                + "timeline"));
        String arn = s.text("policyArn");
        if (!s.state().policyExists(arn)) {
            throw s.fail("unknown policy " + arn + " (create it first with CreatePolicy, or list it under 'policies:')");
        }
        if (!role.attachedPolicyArns().contains(arn)) {
            List<String> arns = new ArrayList<>(role.attachedPolicyArns());
            arns.add(arn);
            s.state().putRole(IamRoleOperations.withPolicies(role, arns));
        }
        return new Timeline.Outcome(obj().put("roleName", name).put("policyArn", arn), null, List.of(
                new TrailEvent.Resource("AWS::IAM::Role", role.arn()), new TrailEvent.Resource("AWS::IAM::Policy", arn)));
    }

    /**
     * {@code with: {roleName, roleSessionName, accessKeyId: ASIA..., secretAccessKey, sessionToken?,
     * durationSeconds?}}: temporary credentials that a later actor can use by {@code accessKeyId}.
     */
    static Timeline.Outcome assumeRole(Timeline.Step s) {
        String name = s.text("roleName");
        IamRole role = s.state().role(name).orElseThrow(() -> s.fail("no role '" + name + "' at this point of the "
                + "timeline"));
        Principal caller = s.principal();
        boolean trusted = role.trustedPrincipals().isEmpty() || (caller.arn() != null
                && (role.trustedPrincipals().contains(caller.arn())
                || role.trustedPrincipals().contains("arn:aws:iam::" + caller.accountId() + ":root")));
        if (!trusted) {
            throw s.fail("role '" + name + "' does not trust " + caller.arn());
        }
        String id = s.text("accessKeyId");
        if (!id.matches("ASIA[A-Z2-7]{16}")) {
            throw s.fail("accessKeyId must be a temporary key id: ASIA + 16 of A-Z, 2-7, got '" + id + "'");
        }
        if (s.state().session(id).isPresent() || s.state().accessKey(id).isPresent()) {
            throw s.fail("access key " + id + " already exists");
        }
        String sessionName = s.text("roleSessionName");
        int seconds = Integer.parseInt(s.optional("durationSeconds", "3600"));
        if (seconds < 900 || seconds > role.maxSessionDurationSeconds()) {
            throw s.fail("durationSeconds must be between 900 and the role's maxSessionDuration ("
                    + role.maxSessionDurationSeconds() + ")");
        }
        String assumedArn = "arn:aws:sts::" + s.state().accountId() + ":assumed-role/" + role.name() + "/" + sessionName;
        StsSession session = new StsSession(id, s.text("secretAccessKey"),
                s.optional("sessionToken", "IQoJb3JpZ2luX2VjE" + id), role.name(), role.roleId(), role.arn(),
                sessionName, assumedArn, caller.arn(), s.time(), s.time().plus(Duration.ofSeconds(seconds)));
        s.state().putSession(session);
        ObjectNode request = obj().put("roleArn", role.arn()).put("roleSessionName", sessionName)
                .put("durationSeconds", seconds);
        ObjectNode response = obj();
        response.putObject("credentials").put("accessKeyId", id).put("expiration", Times.iso(session.expiration()));
        response.putObject("assumedRoleUser").put("assumedRoleId", role.roleId() + ":" + sessionName)
                .put("arn", assumedArn);
        return new Timeline.Outcome(request, response, List.of(
                new TrailEvent.Resource("AWS::IAM::Role", role.arn()),
                new TrailEvent.Resource("AWS::STS::AssumedRole", sessionName)));
    }

    /** A policy document given in {@code with} as JSON text or a mapping; {@code dflt} when absent. */
    private static String document(Timeline.Step s, String field, String dflt) {
        com.fasterxml.jackson.databind.JsonNode n = s.with().path(field);
        if (n.isMissingNode() || n.isNull()) {
            if (dflt == null) {
                throw s.fail("needs 'with: {" + field + ": {...}}'");
            }
            return dflt;
        }
        try {
            return JsonCodec.MAPPER.writeValueAsString(n.isTextual() ? JsonCodec.MAPPER.readTree(n.asText()) : n);
        } catch (java.io.IOException e) {
            throw s.fail(field + " is not a JSON policy document: " + e.getMessage());
        }
    }

    /** {@code with: {policyArn, policyDocument, setAsDefault?}}: a new version of a customer managed policy. */
    static Timeline.Outcome createPolicyVersion(Timeline.Step s) {
        String arn = s.text("policyArn");
        ManagedPolicy policy = s.state().customerPolicies().stream().filter(p -> p.arn().equals(arn)).findFirst()
                .orElseThrow(() -> s.fail("no customer managed policy " + arn + " at this point of the timeline"));
        if (policy.versions().size() >= ManagedPolicy.MAX_VERSIONS) {
            throw s.fail(arn + " already has " + ManagedPolicy.MAX_VERSIONS + " versions");
        }
        boolean setAsDefault = Boolean.parseBoolean(s.optional("setAsDefault", "false"));
        String document = document(s, "policyDocument", null);
        ManagedPolicy updated = policy.withNewVersion(document, setAsDefault, s.time());
        s.state().putCustomerPolicy(updated);
        ManagedPolicy.Version v = updated.versions().get(updated.versions().size() - 1);
        ObjectNode response = obj();
        response.putObject("policyVersion").put("versionId", v.versionId()).put("isDefaultVersion", setAsDefault)
                .put("createDate", Times.iso(s.time()));
        return new Timeline.Outcome(obj().put("policyArn", arn).put("policyDocument", document)
                .put("setAsDefault", setAsDefault), response, List.of(new TrailEvent.Resource("AWS::IAM::Policy", arn)));
    }

    /** {@code with: {roleName, policyName, policyDocument}}: an inline policy on a role. */
    static Timeline.Outcome putRolePolicy(Timeline.Step s) {
        String name = s.text("roleName");
        IamRole role = s.state().role(name).orElseThrow(() -> s.fail("no role '" + name + "' at this point of the "
                + "timeline"));
        String policyName = s.text("policyName");
        String document = document(s, "policyDocument", null);
        s.state().putInlinePolicy("role", name, policyName, document);
        return new Timeline.Outcome(obj().put("roleName", name).put("policyName", policyName)
                .put("policyDocument", document), null, List.of(new TrailEvent.Resource("AWS::IAM::Role", role.arn())));
    }

    /** {@code with: {userName, policyName, policyDocument}}: an inline policy on a user. */
    static Timeline.Outcome putUserPolicy(Timeline.Step s) {
        String name = s.text("userName");
        s.user(name);
        String policyName = s.text("policyName");
        String document = document(s, "policyDocument", null);
        s.state().putInlinePolicy("user", name, policyName, document);
        return new Timeline.Outcome(obj().put("userName", name).put("policyName", policyName)
                .put("policyDocument", document), null, List.of(new TrailEvent.Resource("AWS::IAM::User", name)));
    }

    /** {@code with: {instanceProfileName, instanceProfileId, path?}}. */
    static Timeline.Outcome createInstanceProfile(Timeline.Step s) {
        String name = s.text("instanceProfileName");
        if (s.state().instanceProfile(name).isPresent()) {
            throw s.fail("instance profile '" + name + "' already exists");
        }
        String id = s.text("instanceProfileId");
        if (!id.matches("AIPA[A-Z0-9]{16,17}")) {
            throw s.fail("instanceProfileId must look like AIPA + 17 capitals or digits, got '" + id + "'");
        }
        String path = s.optional("path", "/");
        InstanceProfile p = new InstanceProfile(name, id, path, "arn:aws:iam::" + s.state().accountId()
                + ":instance-profile" + path + name, s.time(), List.of(), s.actor());
        s.state().putInstanceProfile(p);
        ObjectNode response = obj();
        response.putObject("instanceProfile").put("path", path).put("instanceProfileName", name)
                .put("instanceProfileId", id).put("arn", p.arn()).put("createDate", Times.iso(s.time()));
        return new Timeline.Outcome(obj().put("instanceProfileName", name).put("path", path), response,
                List.of(new TrailEvent.Resource("AWS::IAM::InstanceProfile", p.arn())));
    }

    /** {@code with: {instanceProfileName, roleName}}. */
    static Timeline.Outcome addRoleToInstanceProfile(Timeline.Step s) {
        String name = s.text("instanceProfileName");
        InstanceProfile p = s.state().instanceProfile(name).orElseThrow(() -> s.fail("no instance profile '" + name
                + "' at this point of the timeline"));
        String roleName = s.text("roleName");
        IamRole role = s.state().role(roleName).orElseThrow(() -> s.fail("no role '" + roleName + "' at this point "
                + "of the timeline"));
        if (!p.roleNames().isEmpty()) {
            throw s.fail("instance profile '" + name + "' already holds a role (an instance profile holds one)");
        }
        s.state().putInstanceProfile(p.withRoleNames(List.of(roleName)));
        return new Timeline.Outcome(obj().put("instanceProfileName", name).put("roleName", roleName), null, List.of(
                new TrailEvent.Resource("AWS::IAM::InstanceProfile", p.arn()),
                new TrailEvent.Resource("AWS::IAM::Role", role.arn())));
    }

    private static ObjectNode obj() {
        return JsonNodeFactory.instance.objectNode();
    }
}
