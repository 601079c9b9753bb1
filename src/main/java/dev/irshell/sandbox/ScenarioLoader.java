package dev.irshell.sandbox;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads scenario YAML into {@link Scenario}, keeping the line and column of every value so that
 * each problem names its place. Collects all problems before failing. After the structure is
 * valid, the scenario is built once into a throw-away account to check its references (keys of
 * actors, users of keys...).
 */
final class ScenarioLoader {
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern AKIA = Pattern.compile("AKIA[A-Z2-7]{16}");
    private static final Pattern INSTANCE = Pattern.compile("i-[0-9a-f]{8}([0-9a-f]{9})?");
    private static final Pattern IAM_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final Pattern EMAIL = Pattern.compile("[\\w+=.#|!&-]+@[\\w.-]+\\.[\\w]+");
    /** IAM's CreateAccountAlias rule: lowercase letters, digits, single hyphens inside, 3 to 63 characters. */
    private static final Pattern ALIAS = Pattern.compile("[a-z0-9](?:[a-z0-9]|-(?!-)){1,61}[a-z0-9]");
    private static final Pattern ORG_ID = Pattern.compile("o-[a-z0-9]{10,32}");
    private static final Pattern FUNCTION_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");

    private final String file;
    private final Map<String, JsonLocation> locations = new HashMap<>();
    private final List<ScenarioException.Problem> problems = new ArrayList<>();

    private ScenarioLoader(String file) {
        this.file = file;
    }

    static Scenario parse(String file, String yaml) {
        ScenarioLoader loader = new ScenarioLoader(file);
        JsonNode root = loader.readTree(yaml);
        Scenario scenario = loader.scenario(root);
        if (!loader.problems.isEmpty()) {
            throw new ScenarioException(loader.problems);
        }
        ScenarioBuilder.check(scenario);
        return scenario;
    }

    // ------------------------------------------------------------------ YAML with positions

    private JsonNode readTree(String yaml) {
        try (JsonParser p = new YAMLFactory().createParser(yaml)) {
            if (p.nextToken() == null) {
                throw new ScenarioException(List.of(new ScenarioException.Problem(file, 0, 0, "the file is empty; "
                        + "expected a scenario (name, account, users, timeline...)")));
            }
            return readValue(p, "");
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            int line = l == null ? 0 : l.getLineNr();
            int col = l == null ? 0 : l.getColumnNr();
            if (e instanceof com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException m
                    && m.getProblemMark() != null) {
                line = m.getProblemMark().getLine() + 1;
                col = m.getProblemMark().getColumn() + 1;
            }
            throw new ScenarioException(List.of(new ScenarioException.Problem(file, line, col,
                    "not valid YAML: " + dev.irshell.runbook.LocatedYaml.cleanSyntaxMessage(e.getOriginalMessage()))));
        } catch (IOException e) {
            throw new ScenarioException(List.of(new ScenarioException.Problem(file, 0, 0, e.getMessage())));
        }
    }

    private JsonNode readValue(JsonParser p, String pointer) throws IOException {
        locations.put(pointer, p.currentTokenLocation());
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (p.currentToken()) {
            case START_OBJECT -> {
                ObjectNode o = f.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    o.set(name, readValue(p, pointer + "/" + name));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = f.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(readValue(p, pointer + "/" + i++));
                }
                return a;
            }
            case VALUE_STRING -> {
                return f.textNode(p.getText());
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return f.textNode(p.getText());
            }
            case VALUE_TRUE -> {
                return f.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return f.booleanNode(false);
            }
            default -> {
                return f.nullNode();
            }
        }
    }

    Scenario.Pos pos(String pointer) {
        String p = pointer;
        while (true) {
            JsonLocation l = locations.get(p);
            if (l != null) {
                return new Scenario.Pos(file, l.getLineNr(), l.getColumnNr());
            }
            if (p.isEmpty()) {
                return new Scenario.Pos(file, 0, 0);
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    private void problem(String pointer, String message) {
        Scenario.Pos pos = pos(pointer);
        problems.add(new ScenarioException.Problem(file, pos.line(), pos.column(),
                (pointer.isEmpty() ? "" : "at " + pointer + ": ") + message));
    }

    // ------------------------------------------------------------------ typed reads

    private void fields(JsonNode node, String pointer, Set<String> allowed) {
        if (!node.isObject()) {
            return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                problem(pointer + "/" + name, "unknown field '" + name + "'; expected one of "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    private boolean object(JsonNode node, String pointer, String what) {
        if (!node.isObject()) {
            problem(pointer, "expected " + what + " (a mapping of fields)" + got(node));
            return false;
        }
        return true;
    }

    private static String got(JsonNode node) {
        if (node.isMissingNode()) {
            return ", but it is missing";
        }
        return ", got " + (node.isValueNode() ? "'" + node.asText() + "'" : node.isArray() ? "a list" : "a mapping");
    }

    private String text(JsonNode parent, String pointer, String field, boolean required) {
        JsonNode n = parent.path(field);
        if (n.isMissingNode() || n.isNull()) {
            if (required) {
                problem(pointer, "missing required field '" + field + "'");
            }
            return null;
        }
        if (!n.isValueNode()) {
            problem(pointer + "/" + field, "expected a text value" + got(n));
            return null;
        }
        return n.asText();
    }

    private String matching(JsonNode parent, String pointer, String field, boolean required, Pattern pattern,
                            String expected) {
        String v = text(parent, pointer, field, required);
        if (v != null && !pattern.matcher(v).matches()) {
            problem(pointer + "/" + field, "expected " + expected + ", got '" + v + "'");
            return null;
        }
        return v;
    }

    private Duration offset(JsonNode parent, String pointer, String field, boolean required) {
        String v = text(parent, pointer, field, required);
        if (v == null) {
            return required ? Duration.ZERO : null;
        }
        Duration d = Offsets.parse(v);
        if (d == null) {
            problem(pointer + "/" + field, "expected an offset before the sandbox start like -3d, -2h15m, -90s "
                    + "or 0, got '" + v + "'");
            return Duration.ZERO;
        }
        return d;
    }

    private boolean bool(JsonNode parent, String pointer, String field, boolean dflt) {
        JsonNode n = parent.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return dflt;
        }
        if (!n.isBoolean()) {
            problem(pointer + "/" + field, "expected true or false" + got(n));
            return dflt;
        }
        return n.asBoolean();
    }

    private List<String> strings(JsonNode parent, String pointer, String field) {
        JsonNode n = parent.path(field);
        List<String> out = new ArrayList<>();
        if (n.isMissingNode() || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            problem(pointer + "/" + field, "expected a list" + got(n));
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            if (!n.get(i).isValueNode()) {
                problem(pointer + "/" + field + "/" + i, "expected a text value" + got(n.get(i)));
            } else {
                out.add(n.get(i).asText());
            }
        }
        return out;
    }

    private Map<String, String> tags(JsonNode parent, String pointer, String field) {
        JsonNode n = parent.path(field);
        Map<String, String> out = new LinkedHashMap<>();
        if (n.isMissingNode() || n.isNull()) {
            return out;
        }
        if (!n.isObject()) {
            problem(pointer + "/" + field, "expected a mapping of tag keys to values" + got(n));
            return out;
        }
        n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private List<JsonNode> list(JsonNode parent, String pointer, String field) {
        JsonNode n = parent.path(field);
        List<JsonNode> out = new ArrayList<>();
        if (n.isMissingNode() || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            problem(pointer + "/" + field, "expected a list" + got(n));
            return out;
        }
        n.forEach(out::add);
        return out;
    }

    private <E extends Enum<E>> E enumValue(JsonNode parent, String pointer, String field, Class<E> type, E dflt,
                                            java.util.function.Function<String, E> lookup, String expected) {
        String v = text(parent, pointer, field, false);
        if (v == null) {
            return dflt;
        }
        try {
            return lookup.apply(v);
        } catch (IllegalArgumentException e) {
            problem(pointer + "/" + field, "expected one of " + expected + ", got '" + v + "'");
            return dflt;
        }
    }

    // ------------------------------------------------------------------ the scenario

    private Scenario scenario(JsonNode root) {
        if (!object(root, "", "a scenario")) {
            throw new ScenarioException(problems);
        }
        fields(root, "", Set.of("name", "title", "description", "source", "account", "operator", "policies",
                "users", "roles", "instances", "actors", "timeline", "objectives", "organization", "contacts",
                "costs", "lambdaFunctions", "lambdaLayers", "groups", "images", "snapshots"));
        String name = text(root, "", "name", true);
        String title = text(root, "", "title", false);
        String description = text(root, "", "description", false);
        String source = text(root, "", "source", false);
        JsonNode account = root.path("account");
        String accountId = null;
        List<String> optedIn = List.of();
        Scenario.AccountInfo accountInfo = new Scenario.AccountInfo(null, null, Duration.ofDays(-400), true, null);
        if (object(account, "/account", "the account")) {
            fields(account, "/account", Set.of("id", "alias", "optedInRegions", "name", "email", "created",
                    "rootMfaActive"));
            accountId = matching(account, "/account", "id", true, ACCOUNT, "a 12-digit account id (quote it)");
            String alias = matching(account, "/account", "alias", false, ALIAS,
                    "an account alias (3 to 63 lowercase letters, digits and single hyphens, as IAM allows)");
            String accountName = text(account, "/account", "name", false);
            String email = matching(account, "/account", "email", false, EMAIL, "an e-mail address");
            Duration created = offset(account, "/account", "created", false);
            accountInfo = new Scenario.AccountInfo(accountName != null ? accountName : alias != null ? alias
                    : accountId, email != null ? email : "aws-root@" + (alias != null ? alias : "example") + ".com",
                    created != null ? created : Duration.ofDays(-400), bool(account, "/account", "rootMfaActive", true),
                    alias);
            optedIn = strings(account, "/account", "optedInRegions");
            for (int i = 0; i < optedIn.size(); i++) {
                if (!Regions.OPT_IN.contains(optedIn.get(i))) {
                    problem("/account/optedInRegions/" + i, "expected an opt-in region (one of "
                            + String.join(", ", Regions.OPT_IN) + "), got '" + optedIn.get(i) + "'");
                }
            }
        }
        String operator = text(root, "", "operator", true);
        List<Scenario.Policy> policies = new ArrayList<>();
        List<JsonNode> policyNodes = list(root, "", "policies");
        for (int i = 0; i < policyNodes.size(); i++) {
            Scenario.Policy p = policy(policyNodes.get(i), "/policies/" + i);
            if (p != null) {
                policies.add(p);
            }
        }
        List<Scenario.Group> groups = new ArrayList<>();
        List<JsonNode> groupNodes = list(root, "", "groups");
        for (int i = 0; i < groupNodes.size(); i++) {
            Scenario.Group g = group(groupNodes.get(i), "/groups/" + i);
            if (g != null) {
                groups.add(g);
            }
        }
        List<Scenario.Image> images = new ArrayList<>();
        List<JsonNode> imageNodes = list(root, "", "images");
        for (int i = 0; i < imageNodes.size(); i++) {
            Scenario.Image im = image(imageNodes.get(i), "/images/" + i);
            if (im != null) {
                images.add(im);
            }
        }
        List<Scenario.Snapshot> snapshots = new ArrayList<>();
        List<JsonNode> snapshotNodes = list(root, "", "snapshots");
        for (int i = 0; i < snapshotNodes.size(); i++) {
            Scenario.Snapshot sn = snapshot(snapshotNodes.get(i), "/snapshots/" + i);
            if (sn != null) {
                snapshots.add(sn);
            }
        }

        List<Scenario.User> users = new ArrayList<>();
        List<JsonNode> userNodes = list(root, "", "users");
        for (int i = 0; i < userNodes.size(); i++) {
            Scenario.User u = user(userNodes.get(i), "/users/" + i);
            if (u != null) {
                users.add(u);
            }
        }
        List<Scenario.Role> roles = new ArrayList<>();
        List<JsonNode> roleNodes = list(root, "", "roles");
        for (int i = 0; i < roleNodes.size(); i++) {
            Scenario.Role r = role(roleNodes.get(i), "/roles/" + i);
            if (r != null) {
                roles.add(r);
            }
        }
        List<Scenario.Instance> instances = new ArrayList<>();
        List<JsonNode> instanceNodes = list(root, "", "instances");
        for (int i = 0; i < instanceNodes.size(); i++) {
            Scenario.Instance in = instance(instanceNodes.get(i), "/instances/" + i);
            if (in != null) {
                instances.add(in);
            }
        }
        Map<String, Scenario.Actor> actors = new LinkedHashMap<>();
        JsonNode actorsNode = root.path("actors");
        if (!actorsNode.isMissingNode() && object(actorsNode, "/actors", "actors by name")) {
            actorsNode.fields().forEachRemaining(e -> {
                Scenario.Actor a = actor(e.getKey(), e.getValue(), "/actors/" + e.getKey());
                if (a != null) {
                    actors.put(a.name(), a);
                }
            });
        }
        List<Scenario.TimelineEntry> timeline = new ArrayList<>();
        List<JsonNode> entries = list(root, "", "timeline");
        for (int i = 0; i < entries.size(); i++) {
            Scenario.TimelineEntry t = entry(entries.get(i), "/timeline/" + i, actors);
            if (t != null) {
                timeline.add(t);
            }
        }
        List<Scenario.Objective> objectives = new ArrayList<>();
        List<JsonNode> objectiveNodes = list(root, "", "objectives");
        for (int i = 0; i < objectiveNodes.size(); i++) {
            Scenario.Objective o = objective(objectiveNodes.get(i), "/objectives/" + i);
            if (o != null) {
                objectives.add(o);
            }
        }
        Scenario.Org organization = null;
        JsonNode orgNode = root.path("organization");
        if (!orgNode.isMissingNode() && !orgNode.isNull()) {
            organization = organization(orgNode, "/organization", accountId, accountInfo);
        }
        Scenario.Contacts contacts = null;
        JsonNode contactsNode = root.path("contacts");
        if (!contactsNode.isMissingNode() && !contactsNode.isNull()) {
            contacts = contacts(contactsNode, "/contacts");
        }
        List<Scenario.Cost> costs = new ArrayList<>();
        List<JsonNode> costNodes = list(root, "", "costs");
        for (int i = 0; i < costNodes.size(); i++) {
            Scenario.Cost c = cost(costNodes.get(i), "/costs/" + i);
            if (c != null) {
                costs.add(c);
            }
        }
        List<Scenario.Function> functions = new ArrayList<>();
        List<JsonNode> functionNodes = list(root, "", "lambdaFunctions");
        for (int i = 0; i < functionNodes.size(); i++) {
            Scenario.Function f = function(functionNodes.get(i), "/lambdaFunctions/" + i);
            if (f != null) {
                functions.add(f);
            }
        }
        List<Scenario.Layer> layers = new ArrayList<>();
        List<JsonNode> layerNodes = list(root, "", "lambdaLayers");
        for (int i = 0; i < layerNodes.size(); i++) {
            Scenario.Layer l = layer(layerNodes.get(i), "/lambdaLayers/" + i);
            if (l != null) {
                layers.add(l);
            }
        }
        if (operator != null && users.stream().noneMatch(u -> u.name().equals(operator))) {
            problem("/operator", "the operator must be one of the users, got '" + operator + "'");
        } else if (operator != null && users.stream().filter(u -> u.name().equals(operator))
                .noneMatch(u -> u.accessKeys().stream().anyMatch(k -> k.status() == AccessKey.Status.Active))) {
            problem("/operator", "the operator '" + operator + "' needs an active access key");
        }
        return new Scenario(name, title, description, source, accountId, optedIn, operator, policies, users, roles,
                instances, actors, timeline, objectives, accountInfo, organization, contacts, costs, functions,
                layers, groups, images, snapshots);
    }

    // ------------------------------------------------------------------ organization, contacts, costs, Lambda

    private Scenario.Org organization(JsonNode n, String ptr, String accountId, Scenario.AccountInfo info) {
        if (!object(n, ptr, "an organization (id, featureSet, managementAccount, accounts)")) {
            return null;
        }
        fields(n, ptr, Set.of("id", "featureSet", "managementAccount", "managementEmail", "created", "accounts"));
        String id = matching(n, ptr, "id", true, ORG_ID, "an organization id like o-a1b2c3d4e5");
        String featureSet = text(n, ptr, "featureSet", false);
        if (featureSet != null && !featureSet.equals("ALL") && !featureSet.equals("CONSOLIDATED_BILLING")) {
            problem(ptr + "/featureSet", "expected ALL or CONSOLIDATED_BILLING, got '" + featureSet + "'");
        }
        String management = matching(n, ptr, "managementAccount", false, ACCOUNT, "a 12-digit account id (quote it)");
        String managementEmail = matching(n, ptr, "managementEmail", false, EMAIL, "an e-mail address");
        Duration created = offset(n, ptr, "created", true);
        List<Scenario.MemberAccount> accounts = new ArrayList<>();
        List<JsonNode> nodes = list(n, ptr, "accounts");
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            String ap = ptr + "/accounts/" + i;
            JsonNode a = nodes.get(i);
            if (!object(a, ap, "a member account (id, name, email, joinedMethod, joined)")) {
                continue;
            }
            fields(a, ap, Set.of("id", "name", "email", "status", "joinedMethod", "joined"));
            String aid = matching(a, ap, "id", true, ACCOUNT, "a 12-digit account id (quote it)");
            if (aid != null && !seen.add(aid)) {
                problem(ap + "/id", "account " + aid + " is listed twice");
            }
            String status = text(a, ap, "status", false);
            if (status != null && !List.of("ACTIVE", "SUSPENDED", "PENDING_CLOSURE").contains(status)) {
                problem(ap + "/status", "expected ACTIVE, SUSPENDED or PENDING_CLOSURE, got '" + status + "'");
            }
            String method = text(a, ap, "joinedMethod", true);
            if (method != null && !method.equals("INVITED") && !method.equals("CREATED")) {
                problem(ap + "/joinedMethod", "expected INVITED or CREATED, got '" + method + "'");
            }
            accounts.add(new Scenario.MemberAccount(aid, text(a, ap, "name", true),
                    matching(a, ap, "email", true, EMAIL, "an e-mail address"), status == null ? "ACTIVE" : status,
                    method, offset(a, ap, "joined", true), pos(ap)));
        }
        String managementId = management != null ? management : accountId;
        if (managementId != null && !managementId.equals(accountId) && accountId != null && !seen.contains(accountId)) {
            problem(ptr + "/accounts", "the account " + accountId + " is not the management account, so it must be "
                    + "one of the accounts");
        }
        if (managementId != null && managementId.equals(accountId) && !seen.contains(accountId)) {
            accounts.add(0, new Scenario.MemberAccount(accountId, info.name(), info.email(), "ACTIVE", "INVITED",
                    created, pos(ptr)));
        }
        return new Scenario.Org(id, featureSet == null ? "ALL" : featureSet, managementId,
                managementEmail != null ? managementEmail : info.email(), created, accounts, pos(ptr));
    }

    private static final Map<String, String> PRIMARY_FIELDS = primaryFields();

    private static Map<String, String> primaryFields() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String wire : List.of("FullName", "CompanyName", "AddressLine1", "AddressLine2", "AddressLine3", "City",
                "StateOrRegion", "DistrictOrCounty", "PostalCode", "CountryCode", "PhoneNumber", "WebsiteUrl")) {
            m.put(Character.toLowerCase(wire.charAt(0)) + wire.substring(1), wire);
        }
        return m;
    }

    private Scenario.Contacts contacts(JsonNode n, String ptr) {
        if (!object(n, ptr, "contacts (primary, alternate)")) {
            return null;
        }
        fields(n, ptr, Set.of("primary", "alternate"));
        Map<String, String> primary = new LinkedHashMap<>();
        JsonNode p = n.path("primary");
        if (!p.isMissingNode() && object(p, ptr + "/primary", "the primary contact")) {
            fields(p, ptr + "/primary", PRIMARY_FIELDS.keySet());
            for (String required : List.of("fullName", "addressLine1", "city", "postalCode", "countryCode",
                    "phoneNumber")) {
                text(p, ptr + "/primary", required, true);
            }
            PRIMARY_FIELDS.forEach((yaml, wire) -> {
                String v = text(p, ptr + "/primary", yaml, false);
                if (v != null) {
                    primary.put(wire, v);
                }
            });
            String phone = primary.get("PhoneNumber");
            if (phone != null && !phone.matches("[+][\\s0-9()-]+")) {
                problem(ptr + "/primary/phoneNumber", "expected a phone number starting with + (quote it), got '"
                        + phone + "'");
            }
        }
        List<Scenario.AlternateContact> alternates = new ArrayList<>();
        JsonNode alt = n.path("alternate");
        if (!alt.isMissingNode() && object(alt, ptr + "/alternate", "alternate contacts by type")) {
            fields(alt, ptr + "/alternate", Set.copyOf(AccountContacts.TYPES));
            for (String type : AccountContacts.TYPES) {
                JsonNode c = alt.path(type);
                String cp = ptr + "/alternate/" + type;
                if (c.isMissingNode() || !object(c, cp, "an alternate contact (name, title, emailAddress, phoneNumber)")) {
                    continue;
                }
                fields(c, cp, Set.of("name", "title", "emailAddress", "phoneNumber"));
                alternates.add(new Scenario.AlternateContact(type, text(c, cp, "name", true), text(c, cp, "title", true),
                        matching(c, cp, "emailAddress", true, EMAIL, "an e-mail address"),
                        text(c, cp, "phoneNumber", true), pos(cp)));
            }
        }
        return new Scenario.Contacts(primary, alternates, pos(ptr));
    }

    private Scenario.Cost cost(JsonNode n, String ptr) {
        if (!object(n, ptr, "a cost (month, service, region, amount)")) {
            return null;
        }
        fields(n, ptr, Set.of("month", "service", "region", "account", "amount", "since"));
        String month = text(n, ptr, "month", true);
        int m = 0;
        try {
            m = month == null ? 0 : Integer.parseInt(month);
            if (m > 0 || m < -13) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            problem(ptr + "/month", "expected a month offset from 0 (the month of the sandbox start) to -13, got '"
                    + month + "'");
        }
        String region = text(n, ptr, "region", true);
        if (region != null && !Regions.known(region) && !region.equals("global") && !region.equals("NoRegion")) {
            problem(ptr + "/region", "expected an AWS region like us-east-1 (or global), got '" + region + "'");
        }
        String amount = text(n, ptr, "amount", true);
        java.math.BigDecimal value = java.math.BigDecimal.ZERO;
        try {
            value = amount == null ? value : new java.math.BigDecimal(amount);
            if (value.signum() < 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            problem(ptr + "/amount", "expected an amount in USD like 412.18, got '" + amount + "'");
        }
        Duration since = offset(n, ptr, "since", false);
        if (since != null && m != 0) {
            problem(ptr + "/since", "'since' is for the current month (month: 0) only");
        }
        return new Scenario.Cost(m, text(n, ptr, "service", true), region,
                matching(n, ptr, "account", false, ACCOUNT, "a 12-digit account id (quote it)"), value, since,
                pos(ptr));
    }

    private Scenario.Function function(JsonNode n, String ptr) {
        if (!object(n, ptr, "a Lambda function (region, name, runtime, role...)")) {
            return null;
        }
        fields(n, ptr, Set.of("region", "name", "runtime", "role", "handler", "memory", "timeout", "created",
                "description", "codeSize", "environment", "tags", "origin", "policy"));
        String region = region(n, ptr, "region", true);
        String name = matching(n, ptr, "name", true, FUNCTION_NAME, "a function name ([A-Za-z0-9-_], 1-64)");
        String role = matching(n, ptr, "role", true, ROLE_ARN, "an IAM role ARN like arn:aws:iam::111122223333:role/x");
        int memory = intIn(n, ptr, "memory", 128, 128, 10240, "memory in MB");
        int timeout = intIn(n, ptr, "timeout", 3, 1, 900, "a timeout in seconds");
        int codeSize = intIn(n, ptr, "codeSize", 4096, 1, 262_144_000, "a code size in bytes");
        String origin = text(n, ptr, "origin", false);
        String handler = text(n, ptr, "handler", false);
        return new Scenario.Function(region, name, text(n, ptr, "runtime", true), role,
                handler == null ? "index.handler" : handler, memory, timeout, offset(n, ptr, "created", true),
                text(n, ptr, "description", false), codeSize, tags(n, ptr, "environment"), tags(n, ptr, "tags"),
                origin == null ? "scenario" : origin, document(n, ptr, "policy", null), pos(ptr));
    }

    private Scenario.Layer layer(JsonNode n, String ptr) {
        if (!object(n, ptr, "a Lambda layer (region, name, version, created)")) {
            return null;
        }
        fields(n, ptr, Set.of("region", "name", "version", "description", "created", "compatibleRuntimes", "origin"));
        String origin = text(n, ptr, "origin", false);
        return new Scenario.Layer(region(n, ptr, "region", true),
                matching(n, ptr, "name", true, FUNCTION_NAME, "a layer name ([A-Za-z0-9-_], 1-64)"),
                intIn(n, ptr, "version", 1, 1, 1_000_000, "a version number"), text(n, ptr, "description", false),
                offset(n, ptr, "created", true), strings(n, ptr, "compatibleRuntimes"),
                origin == null ? "scenario" : origin, pos(ptr));
    }

    private int intIn(JsonNode n, String ptr, String field, int dflt, int min, int max, String what) {
        String v = text(n, ptr, field, false);
        if (v == null) {
            return dflt;
        }
        try {
            int i = Integer.parseInt(v);
            if (i < min || i > max) {
                throw new NumberFormatException();
            }
            return i;
        } catch (NumberFormatException e) {
            problem(ptr + "/" + field, "expected " + what + " between " + min + " and " + max + ", got '" + v + "'");
            return dflt;
        }
    }

    private Scenario.User user(JsonNode n, String ptr) {
        if (!object(n, ptr, "a user")) {
            return null;
        }
        fields(n, ptr, Set.of("name", "id", "path", "created", "passwordLastUsed", "loginProfile",
                "attachedPolicies", "inlinePolicies", "groups", "mfaDevices", "tags", "accessKeys", "signingCertificates",
                "sshPublicKeys", "serviceSpecificCredentials"));
        String name = matching(n, ptr, "name", true, IAM_NAME, "an IAM user name ([\\w+=,.@-], 1-64 characters)");
        String id = matching(n, ptr, "id", true, Pattern.compile("AIDA[A-Z0-9]{16,17}"),
                "a user id like AIDA + 17 capitals or digits");
        String path = text(n, ptr, "path", false);
        Duration created = offset(n, ptr, "created", true);
        Duration pwdUsed = offset(n, ptr, "passwordLastUsed", false);
        Scenario.LoginProfile profile = null;
        JsonNode lp = n.path("loginProfile");
        if (!lp.isMissingNode() && !lp.isNull() && object(lp, ptr + "/loginProfile", "a login profile")) {
            fields(lp, ptr + "/loginProfile", Set.of("created", "passwordResetRequired"));
            profile = new Scenario.LoginProfile(offset(lp, ptr + "/loginProfile", "created", true),
                    bool(lp, ptr + "/loginProfile", "passwordResetRequired", false));
        }
        List<Scenario.Key> keys = new ArrayList<>();
        List<JsonNode> keyNodes = list(n, ptr, "accessKeys");
        if (keyNodes.size() > IamService.KEYS_PER_USER) {
            problem(ptr + "/accessKeys", "a user has at most " + IamService.KEYS_PER_USER + " access keys, got "
                    + keyNodes.size());
        }
        for (int i = 0; i < keyNodes.size(); i++) {
            String kp = ptr + "/accessKeys/" + i;
            JsonNode k = keyNodes.get(i);
            if (!object(k, kp, "an access key")) {
                continue;
            }
            fields(k, kp, Set.of("id", "secret", "status", "created"));
            String keyId = matching(k, kp, "id", true, AKIA, "an access key id: AKIA + 16 of A-Z, 2-7");
            String secret = matching(k, kp, "secret", true, Pattern.compile("[A-Za-z0-9+/]{40}"),
                    "a 40-character secret access key");
            AccessKey.Status status = enumValue(k, kp, "status", AccessKey.Status.class, AccessKey.Status.Active,
                    AccessKey.Status::valueOf, "Active, Inactive");
            keys.add(new Scenario.Key(keyId, secret, status, offset(k, kp, "created", true), pos(kp)));
        }
        List<Scenario.Credential> credentials = new ArrayList<>();
        credentials.addAll(credentials(n, ptr, "signingCertificates", UserCredential.Kind.SIGNING_CERTIFICATE,
                Pattern.compile("[A-Z0-9]{24,128}"), "a certificate id (24 or more capitals or digits)"));
        credentials.addAll(credentials(n, ptr, "sshPublicKeys", UserCredential.Kind.SSH_PUBLIC_KEY,
                Pattern.compile("APKA[A-Z0-9]{16,124}"), "an SSH public key id like APKA + 16 capitals or digits"));
        credentials.addAll(credentials(n, ptr, "serviceSpecificCredentials",
                UserCredential.Kind.SERVICE_SPECIFIC_CREDENTIAL, Pattern.compile("ACCA[A-Z0-9]{16,124}"),
                "a credential id like ACCA + 16 capitals or digits"));
        List<String> mfa = strings(n, ptr, "mfaDevices");
        for (int i = 0; i < mfa.size(); i++) {
            if (!mfa.get(i).matches("arn:aws:iam::\\d{12}:mfa/[\\w+=,.@/-]+|[A-Z0-9]{9,256}")) {
                problem(ptr + "/mfaDevices/" + i, "expected a virtual MFA device ARN like arn:aws:iam::111122223333:mfa/"
                        + "NAME or a hardware serial number, got '" + mfa.get(i) + "'");
            }
        }
        return new Scenario.User(name, id, path == null ? "/" : path, created, pwdUsed, profile,
                strings(n, ptr, "attachedPolicies"), inlinePolicies(n, ptr), strings(n, ptr, "groups"),
                mfa, tags(n, ptr, "tags"), keys, credentials, pos(ptr));
    }

    private Scenario.Role role(JsonNode n, String ptr) {
        if (!object(n, ptr, "a role")) {
            return null;
        }
        fields(n, ptr, Set.of("name", "id", "path", "created", "attachedPolicies", "trustedPrincipals",
                "maxSessionDuration", "inlinePolicies", "instanceProfiles"));
        String name = matching(n, ptr, "name", true, IAM_NAME, "an IAM role name");
        String id = matching(n, ptr, "id", true, Pattern.compile("AROA[A-Z0-9]{16,17}"),
                "a role id like AROA + 17 capitals or digits");
        String path = text(n, ptr, "path", false);
        String max = text(n, ptr, "maxSessionDuration", false);
        int maxSeconds = 3600;
        if (max != null) {
            try {
                maxSeconds = Integer.parseInt(max);
                if (maxSeconds < 3600 || maxSeconds > 43200) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                problem(ptr + "/maxSessionDuration", "expected seconds between 3600 and 43200, got '" + max + "'");
            }
        }
        return new Scenario.Role(name, id, path == null ? "/" : path, offset(n, ptr, "created", true),
                strings(n, ptr, "attachedPolicies"), strings(n, ptr, "trustedPrincipals"), maxSeconds,
                inlinePolicies(n, ptr), profiles(n, ptr), pos(ptr));
    }

    private Scenario.Instance instance(JsonNode n, String ptr) {
        if (!object(n, ptr, "an instance")) {
            return null;
        }
        fields(n, ptr, Set.of("id", "region", "reservationId", "imageId", "instanceType", "state", "launched",
                "availabilityZone", "publicIp", "privateIp", "keyName", "vpcId", "subnetId", "tags", "volumes",
                "disableApiTermination"));
        String id = matching(n, ptr, "id", true, INSTANCE, "an instance id like i-0123456789abcdef0");
        String region = region(n, ptr, "region", true);
        Ec2Instance.State state = enumValue(n, ptr, "state", Ec2Instance.State.class, Ec2Instance.State.RUNNING,
                Ec2Instance.State::fromWire, "pending, running, shutting-down, terminated, stopping, stopped");
        String az = text(n, ptr, "availabilityZone", false);
        String reservation = text(n, ptr, "reservationId", false);
        return new Scenario.Instance(id, region, reservation == null ? "r-" + (id == null ? "" : id.substring(2))
                : reservation, text(n, ptr, "imageId", true), text(n, ptr, "instanceType", true), state,
                offset(n, ptr, "launched", true), az == null && region != null ? Regions.firstZone(region) : az,
                text(n, ptr, "publicIp", false), text(n, ptr, "privateIp", false), text(n, ptr, "keyName", false),
                text(n, ptr, "vpcId", false), text(n, ptr, "subnetId", false), tags(n, ptr, "tags"),
                volumes(n, ptr), bool(n, ptr, "disableApiTermination", false), pos(ptr));
    }

    // ------------------------------------------------------------------ policies, groups, credentials, EBS

    /** A policy document: JSON text or a YAML mapping, kept as JSON text; {@code dflt} when absent. */
    private String document(JsonNode parent, String ptr, String field, String dflt) {
        JsonNode n = parent.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return dflt;
        }
        try {
            if (n.isObject()) {
                return JsonCodec.MAPPER.writeValueAsString(n);
            }
            if (n.isTextual() && JsonCodec.MAPPER.readTree(n.asText()).isObject()) {
                return JsonCodec.MAPPER.writeValueAsString(JsonCodec.MAPPER.readTree(n.asText()));
            }
        } catch (IOException e) {
            // reported below
        }
        problem(ptr + "/" + field, "expected a policy document (a JSON object, as text or as a mapping)" + got(n));
        return dflt;
    }

    /** A neutral document for policies the scenario names without one. */
    static String placeholderDocument(String name) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"" + name.replaceAll("[^A-Za-z0-9]", "")
                + "\",\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":"
                + "\"arn:aws:s3:::" + name.toLowerCase(java.util.Locale.ROOT) + "/*\"}]}";
    }

    private List<Scenario.InlinePolicy> inlinePolicies(JsonNode n, String ptr) {
        List<Scenario.InlinePolicy> out = new ArrayList<>();
        List<JsonNode> nodes = list(n, ptr, "inlinePolicies");
        for (int i = 0; i < nodes.size(); i++) {
            String ip = ptr + "/inlinePolicies/" + i;
            JsonNode p = nodes.get(i);
            if (p.isValueNode() && IAM_NAME.matcher(p.asText()).matches()) {
                out.add(new Scenario.InlinePolicy(p.asText(), placeholderDocument(p.asText())));
            } else if (p.isObject()) {
                fields(p, ip, Set.of("name", "document"));
                String name = matching(p, ip, "name", true, IAM_NAME, "a policy name ([\\w+=,.@-], 1-64)");
                if (name != null) {
                    out.add(new Scenario.InlinePolicy(name, document(p, ip, "document", placeholderDocument(name))));
                }
            } else {
                problem(ip, "expected a policy name or {name, document}" + got(p));
            }
        }
        return out;
    }

    private Scenario.Policy policy(JsonNode n, String ptr) {
        if (n.isValueNode()) {
            String name = n.asText();
            if (!IAM_NAME.matcher(name).matches()) {
                problem(ptr, "expected a policy name ([\\w+=,.@-], 1-128), got '" + name + "'");
                return null;
            }
            return new Scenario.Policy(name, null, "/", Duration.ofDays(-365), placeholderDocument(name), pos(ptr));
        }
        if (!object(n, ptr, "a customer managed policy (a name, or name, id, path, created, document)")) {
            return null;
        }
        fields(n, ptr, Set.of("name", "id", "path", "created", "document"));
        String name = matching(n, ptr, "name", true, IAM_NAME, "a policy name ([\\w+=,.@-], 1-128)");
        String id = matching(n, ptr, "id", false, Pattern.compile("ANPA[A-Z0-9]{16,17}"),
                "a policy id like ANPA + 17 capitals or digits");
        String path = text(n, ptr, "path", false);
        Duration created = offset(n, ptr, "created", false);
        return name == null ? null : new Scenario.Policy(name, id, path == null ? "/" : path,
                created == null ? Duration.ofDays(-365) : created,
                document(n, ptr, "document", placeholderDocument(name)), pos(ptr));
    }

    private Scenario.Group group(JsonNode n, String ptr) {
        if (!object(n, ptr, "a group (name, id, created, attachedPolicies)")) {
            return null;
        }
        fields(n, ptr, Set.of("name", "id", "path", "created", "attachedPolicies"));
        String name = matching(n, ptr, "name", true, IAM_NAME, "an IAM group name");
        String id = matching(n, ptr, "id", true, Pattern.compile("AGPA[A-Z0-9]{16,17}"),
                "a group id like AGPA + 17 capitals or digits");
        String path = text(n, ptr, "path", false);
        return new Scenario.Group(name, id, path == null ? "/" : path, offset(n, ptr, "created", true),
                strings(n, ptr, "attachedPolicies"), pos(ptr));
    }

    private List<Scenario.Credential> credentials(JsonNode n, String ptr, String field, UserCredential.Kind kind,
                                                  Pattern idPattern, String expected) {
        List<Scenario.Credential> out = new ArrayList<>();
        List<JsonNode> nodes = list(n, ptr, field);
        for (int i = 0; i < nodes.size(); i++) {
            String cp = ptr + "/" + field + "/" + i;
            JsonNode c = nodes.get(i);
            if (!object(c, cp, "a credential (id, status, created)")) {
                continue;
            }
            boolean service = kind == UserCredential.Kind.SERVICE_SPECIFIC_CREDENTIAL;
            fields(c, cp, service ? Set.of("id", "status", "created", "serviceName", "serviceUserName")
                    : Set.of("id", "status", "created"));
            String id = matching(c, cp, "id", true, idPattern, expected);
            String status = text(c, cp, "status", false);
            if (status != null && !status.equals("Active") && !status.equals("Inactive")) {
                problem(cp + "/status", "expected Active or Inactive, got '" + status + "'");
            }
            String serviceName = service ? text(c, cp, "serviceName", true) : null;
            String serviceUser = service ? text(c, cp, "serviceUserName", false) : null;
            out.add(new Scenario.Credential(kind, id, status == null ? "Active" : status, offset(c, cp, "created", true),
                    serviceName, serviceUser, pos(cp)));
        }
        return out;
    }

    private List<Scenario.Profile> profiles(JsonNode n, String ptr) {
        List<Scenario.Profile> out = new ArrayList<>();
        List<JsonNode> nodes = list(n, ptr, "instanceProfiles");
        for (int i = 0; i < nodes.size(); i++) {
            String pp = ptr + "/instanceProfiles/" + i;
            JsonNode p = nodes.get(i);
            if (!object(p, pp, "an instance profile (name, id)")) {
                continue;
            }
            fields(p, pp, Set.of("name", "id", "path"));
            String path = text(p, pp, "path", false);
            out.add(new Scenario.Profile(matching(p, pp, "name", true, IAM_NAME, "an instance profile name"),
                    matching(p, pp, "id", true, Pattern.compile("AIPA[A-Z0-9]{16,17}"),
                            "an instance profile id like AIPA + 17 capitals or digits"), path == null ? "/" : path));
        }
        return out;
    }

    private static final Pattern VOLUME = Pattern.compile("vol-[0-9a-f]{8}([0-9a-f]{9})?");

    private List<Scenario.Volume> volumes(JsonNode n, String ptr) {
        List<Scenario.Volume> out = new ArrayList<>();
        List<JsonNode> nodes = list(n, ptr, "volumes");
        for (int i = 0; i < nodes.size(); i++) {
            String vp = ptr + "/volumes/" + i;
            JsonNode v = nodes.get(i);
            if (!object(v, vp, "a volume (id, size, device)")) {
                continue;
            }
            fields(v, vp, Set.of("id", "size", "type", "device", "deleteOnTermination", "encrypted"));
            String device = text(v, vp, "device", false);
            String type = text(v, vp, "type", false);
            out.add(new Scenario.Volume(matching(v, vp, "id", true, VOLUME, "a volume id like vol-0123456789abcdef0"),
                    intIn(v, vp, "size", 8, 1, 65536, "a size in GiB"), type == null ? "gp3" : type,
                    device == null ? (i == 0 ? "/dev/xvda" : "/dev/sd" + (char) ('f' + i - 1)) : device,
                    bool(v, vp, "deleteOnTermination", i == 0), bool(v, vp, "encrypted", false)));
        }
        return out;
    }

    private Scenario.Image image(JsonNode n, String ptr) {
        if (!object(n, ptr, "an image (id, region, name, created)")) {
            return null;
        }
        fields(n, ptr, Set.of("id", "region", "name", "description", "created", "public", "tags", "origin"));
        String origin = text(n, ptr, "origin", false);
        return new Scenario.Image(matching(n, ptr, "id", true, Pattern.compile("ami-[0-9a-f]{8}([0-9a-f]{9})?"),
                "an image id like ami-0123456789abcdef0"), region(n, ptr, "region", true), text(n, ptr, "name", true),
                text(n, ptr, "description", false), offset(n, ptr, "created", true), bool(n, ptr, "public", false),
                tags(n, ptr, "tags"), origin == null ? "scenario" : origin, pos(ptr));
    }

    private Scenario.Snapshot snapshot(JsonNode n, String ptr) {
        if (!object(n, ptr, "a snapshot (id, region, volumeId, volumeSize, created)")) {
            return null;
        }
        fields(n, ptr, Set.of("id", "region", "volumeId", "volumeSize", "created", "description", "tags", "origin"));
        String origin = text(n, ptr, "origin", false);
        return new Scenario.Snapshot(matching(n, ptr, "id", true, Pattern.compile("snap-[0-9a-f]{8}([0-9a-f]{9})?"),
                "a snapshot id like snap-0123456789abcdef0"), region(n, ptr, "region", true),
                matching(n, ptr, "volumeId", true, VOLUME, "a volume id like vol-0123456789abcdef0"),
                intIn(n, ptr, "volumeSize", 8, 1, 65536, "a size in GiB"), offset(n, ptr, "created", true),
                text(n, ptr, "description", false), tags(n, ptr, "tags"), origin == null ? "scenario" : origin,
                pos(ptr));
    }

    private String region(JsonNode n, String ptr, String field, boolean required) {
        String region = text(n, ptr, field, required);
        if (region != null && !Regions.known(region)) {
            problem(ptr + "/" + field, "expected an AWS region like us-east-1, got '" + region + "'");
            return null;
        }
        return region;
    }

    private Scenario.Actor actor(String name, JsonNode n, String ptr) {
        if (!object(n, ptr, "an actor")) {
            return null;
        }
        fields(n, ptr, Set.of("accessKeyId", "user", "service", "sourceIp", "userAgent"));
        String key = text(n, ptr, "accessKeyId", false);
        String user = text(n, ptr, "user", false);
        String service = text(n, ptr, "service", false);
        int ways = (key == null ? 0 : 1) + (user == null ? 0 : 1) + (service == null ? 0 : 1);
        if (ways != 1) {
            problem(ptr, "an actor acts by exactly one of 'accessKeyId' (API calls), 'user' (console) or "
                    + "'service' (AWS on the account's behalf)");
        }
        String ip = text(n, ptr, "sourceIp", service == null);
        String ua = text(n, ptr, "userAgent", service == null);
        return new Scenario.Actor(name, key, user, service, ip, ua, pos(ptr));
    }

    private Scenario.TimelineEntry entry(JsonNode n, String ptr, Map<String, Scenario.Actor> actors) {
        if (!object(n, ptr, "a timeline event")) {
            return null;
        }
        fields(n, ptr, Set.of("at", "actor", "event", "service", "region", "with", "error", "repeat", "readOnly"));
        Duration at = offset(n, ptr, "at", true);
        String actor = text(n, ptr, "actor", true);
        if (actor != null && !actors.containsKey(actor)) {
            problem(ptr + "/actor", "unknown actor '" + actor + "'; " + (actors.isEmpty()
                    ? "no actors are defined: add it under 'actors:' with its accessKeyId, sourceIp and userAgent"
                    : "the actors are: " + String.join(", ", actors.keySet())));
        }
        String event = text(n, ptr, "event", true);
        String service = text(n, ptr, "service", false);
        if (event != null && service == null && Timeline.serviceOf(event) == null) {
            problem(ptr + "/event", "cannot tell the service of event '" + event + "'; add service: (iam, sts, "
                    + "ec2, cloudtrail, signin, ...)");
        }
        String region = region(n, ptr, "region", false);
        JsonNode with = n.path("with");
        if (!with.isMissingNode() && !with.isObject()) {
            problem(ptr + "/with", "expected the event's parameters as a mapping" + got(with));
        }
        String errorCode = null;
        String errorMessage = null;
        JsonNode error = n.path("error");
        if (!error.isMissingNode() && object(error, ptr + "/error", "an error (code, message)")) {
            fields(error, ptr + "/error", Set.of("code", "message"));
            errorCode = text(error, ptr + "/error", "code", true);
            errorMessage = text(error, ptr + "/error", "message", false);
        }
        Duration every = null;
        int times = 1;
        JsonNode repeat = n.path("repeat");
        if (!repeat.isMissingNode() && object(repeat, ptr + "/repeat", "a repetition (every, times)")) {
            fields(repeat, ptr + "/repeat", Set.of("every", "times"));
            String e = text(repeat, ptr + "/repeat", "every", true);
            every = e == null ? null : Offsets.period(e);
            if (e != null && every == null) {
                problem(ptr + "/repeat/every", "expected a period like 6h or 1d, got '" + e + "'");
            }
            String t = text(repeat, ptr + "/repeat", "times", true);
            try {
                times = t == null ? 1 : Integer.parseInt(t);
                if (times < 1 || times > 10000) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException ex) {
                problem(ptr + "/repeat/times", "expected a count between 1 and 10000, got '" + t + "'");
                times = 1;
            }
            if (every != null && at.plus(every.multipliedBy(times - 1L)).compareTo(Duration.ZERO) > 0) {
                problem(ptr + "/repeat", "the repetitions run past the sandbox start; the last must be at 0 or "
                        + "before");
            }
        }
        JsonNode ro = n.path("readOnly");
        Boolean readOnly = ro.isMissingNode() ? null : bool(n, ptr, "readOnly", false);
        return new Scenario.TimelineEntry(at, actor, event, service, region,
                with.isObject() ? with : MissingNode.getInstance(), errorCode, errorMessage, every, times, readOnly,
                pos(ptr));
    }

    private Scenario.Objective objective(JsonNode n, String ptr) {
        if (!n.isObject() || n.size() != 1) {
            problem(ptr, "expected one objective as 'kind: value' (e.g. keyInactive: AKIA...)" + got(n));
            return null;
        }
        String kind = n.fieldNames().next();
        if (!Scenario.Objective.KINDS.contains(kind)) {
            problem(ptr + "/" + kind, "unknown objective '" + kind + "'; expected one of "
                    + String.join(", ", Scenario.Objective.KINDS));
            return null;
        }
        String shape = ObjectiveShapes.problem(kind, n.get(kind));
        if (shape != null) {
            problem(ptr + "/" + kind, shape);
            return null;
        }
        return new Scenario.Objective(kind, n.get(kind), pos(ptr));
    }
}
