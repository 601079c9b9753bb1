package dev.irshell.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * IAM's service last-accessed data (GenerateServiceLastAccessedDetails and
 * GetServiceLastAccessedDetails), registered on {@link IamService}, derived from the CloudTrail
 * events the sandbox recorded: a user's calls by its keys and console session, a role's by its
 * sessions, a group's by its members, a managed policy's by the users, groups and roles it is
 * attached to. A job answers IN_PROGRESS at its first check, COMPLETED afterwards.
 */
final class LastAccessedOperations {
    private static final Map<String, String> SERVICE_NAMES = Map.of(
            "iam", "AWS Identity and Access Management", "sts", "AWS Security Token Service",
            "ec2", "Amazon EC2", "cloudtrail", "AWS CloudTrail", "s3", "Amazon S3", "lambda", "AWS Lambda",
            "organizations", "AWS Organizations", "account", "AWS Account Management",
            "ce", "AWS Cost Explorer Service");

    private LastAccessedOperations() {
    }

    static void registerOn(IamService iam) {
        iam.register("GenerateServiceLastAccessedDetails", ServiceHandler.READ, LastAccessedOperations::generate);
        iam.register("GetServiceLastAccessedDetails", ServiceHandler.READ, LastAccessedOperations::get);
    }

    private static ObjectNode generate(Call call) {
        String arn = call.required("Arn");
        String granularity = call.str("Granularity") == null ? "SERVICE_LEVEL" : call.str("Granularity");
        if (!granularity.equals("SERVICE_LEVEL") && !granularity.equals("ACTION_LEVEL")) {
            throw AwsError.validationError("1 validation error detected: Value '" + granularity + "' at "
                    + "'granularity' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[SERVICE_LEVEL, ACTION_LEVEL]");
        }
        if (!arn.startsWith("arn:aws:iam::")) {
            throw AwsError.invalidInput("ARN " + arn + " is not valid.");
        }
        if (principals(call.state, arn) == null) {
            throw AwsError.noSuchEntity("The entity " + arn + " cannot be found.");
        }
        String id = call.ids.uuid();
        call.state.putLastAccessedJob(new LastAccessedJob(id, arn, granularity, call.now, null));
        ObjectNode out = call.object();
        out.put("JobId", id);
        return out;
    }

    private static ObjectNode get(Call call) {
        String id = call.required("JobId");
        LastAccessedJob job = call.state.lastAccessedJob(id).orElseThrow(
                () -> AwsError.noSuchEntity("No job with id " + id + " exists."));
        ObjectNode out = call.object();
        out.put("JobType", job.granularity());
        out.set("JobCreationDate", call.time(job.created()));
        if (job.completed() == null) {
            call.state.putLastAccessedJob(job.complete(call.now));
            out.put("JobStatus", "IN_PROGRESS");
            out.putArray("ServicesLastAccessed");
            out.put("IsTruncated", false);
            return out;
        }
        out.put("JobStatus", "COMPLETED");
        out.set("JobCompletionDate", call.time(job.completed()));
        Pages.Page<ObjectNode> page = IamService.page(call, services(call, job));
        ArrayNode list = out.putArray("ServicesLastAccessed");
        page.items().forEach(list::add);
        return IamService.paged(out, page);
    }

    /** Who acts for an entity: user ARNs and role ARNs; null when the entity does not exist. */
    private static Set<String> principals(SandboxState state, String arn) {
        Set<String> out = new HashSet<>();
        for (IamUser u : state.users()) {
            if (u.arn().equals(arn)) {
                out.add(u.arn());
                return out;
            }
        }
        for (IamRole r : state.roles()) {
            if (r.arn().equals(arn)) {
                out.add(r.arn());
                return out;
            }
        }
        for (IamGroup g : state.groups()) {
            if (g.arn().equals(arn)) {
                state.users().stream().filter(u -> u.groups().contains(g.name())).forEach(u -> out.add(u.arn()));
                return out;
            }
        }
        if (state.policy(arn).isPresent()) {
            state.users().stream().filter(u -> u.attachedPolicyArns().contains(arn) || u.groups().stream()
                    .anyMatch(g -> state.group(g).map(x -> x.attachedPolicyArns().contains(arn)).orElse(false)))
                    .forEach(u -> out.add(u.arn()));
            state.roles().stream().filter(r -> r.attachedPolicyArns().contains(arn)).forEach(r -> out.add(r.arn()));
            return out;
        }
        return null;
    }

    /** The entity (user ARN, or the role ARN of a session) an event was made by; null for AWS services. */
    private static String actor(TrailEvent e) {
        JsonNode id = e.record().path("userIdentity");
        String type = id.path("type").asText();
        if (type.equals("IAMUser")) {
            return id.path("arn").asText(null);
        }
        if (type.equals("AssumedRole")) {
            return id.path("sessionContext").path("sessionIssuer").path("arn").asText(null);
        }
        return null;
    }

    private static List<ObjectNode> services(Call call, LastAccessedJob job) {
        Set<String> principals = principals(call.state, job.arn());
        if (principals == null) {
            principals = Set.of();
        }
        record Use(Instant last, String entity, String region, Set<String> entities) {
        }
        Map<String, Use> byService = new TreeMap<>();
        for (TrailEvent e : call.state.events()) {
            String who = actor(e);
            if (who == null || !principals.contains(who) || e.eventTime().isAfter(job.created())) {
                continue;
            }
            String namespace = e.eventSource().substring(0, e.eventSource().indexOf('.'));
            if (namespace.equals("signin")) {
                continue;
            }
            Use before = byService.get(namespace);
            Set<String> entities = before == null ? new HashSet<>() : before.entities();
            entities.add(who);
            if (before == null || !e.eventTime().isBefore(before.last())) {
                byService.put(namespace, new Use(e.eventTime(), who, e.region(), entities));
            }
        }
        List<ObjectNode> out = new ArrayList<>();
        Map<String, Use> sorted = new LinkedHashMap<>();
        byService.entrySet().stream().sorted(Map.Entry.comparingByKey(
                (a, b) -> name(a).compareTo(name(b)))).forEach(x -> sorted.put(x.getKey(), x.getValue()));
        sorted.forEach((namespace, use) -> {
            ObjectNode n = call.object();
            n.put("ServiceName", name(namespace));
            n.set("LastAuthenticated", call.time(use.last()));
            n.put("ServiceNamespace", namespace);
            n.put("LastAuthenticatedEntity", use.entity());
            n.put("LastAuthenticatedRegion", use.region());
            n.put("TotalAuthenticatedEntities", use.entities().size());
            out.add(n);
        });
        return out;
    }

    private static String name(String namespace) {
        return SERVICE_NAMES.getOrDefault(namespace, namespace);
    }
}
