package dev.irshell.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The organization, contacts, costs and Lambda parts of a scenario: building them into the
 * account, and the timeline effects that change them (CreateAccount, PutAlternateContact,
 * CreateFunction, PublishLayerVersion). {@link Timeline} consults {@link #EFFECTS} after its own.
 */
final class ServiceEffects {
    private ServiceEffects() {
    }

    /** Invitations expire 15 days after they are sent. */
    static final Duration HANDSHAKE_LIFETIME = Duration.ofDays(15);

    /** Event names with effects here that no operation table holds, by service. */
    static final Map<String, String> SERVICE_OF = Map.of(
            "CreateAccount", "organizations",
            LambdaService.CREATE_FUNCTION, "lambda",
            "PublishLayerVersion20181031", "lambda");

    static final Map<String, Timeline.Effect> EFFECTS = Map.of(
            "CreateAccount", ServiceEffects::createAccount,
            "PutAlternateContact", ServiceEffects::putAlternateContact,
            LambdaService.CREATE_FUNCTION, ServiceEffects::createFunction,
            "PublishLayerVersion20181031", ServiceEffects::publishLayerVersion);

    // ------------------------------------------------------------------ the account before the timeline

    static void buildAccount(Scenario s, SandboxState state, Instant start) {
        state.setAccountInfo(s.accountInfo().name(), start.plus(s.accountInfo().created()), s.accountInfo().alias());
        state.setRootMfaActive(s.accountInfo().rootMfaActive());
        Scenario.Org org = s.organization();
        if (org != null) {
            state.setOrganization(new Organization(org.id(), org.featureSet(), org.managementAccountId(),
                    org.managementEmail()));
            for (Scenario.MemberAccount m : org.accounts()) {
                Instant joined = start.plus(m.joined());
                state.putMember(new Organization.Member(m.id(), m.email(), m.name(), m.status(), m.joinedMethod(),
                        joined, "scenario"));
                if (m.id().equals(org.managementAccountId())) {
                    continue;
                }
                if (m.joinedMethod().equals("CREATED")) {
                    state.addCreateAccountStatus(new Organization.CreateAccountStatus(derivedId("car-", m.id()),
                            m.name(), "SUCCEEDED", joined.minusSeconds(120), joined, m.id(), "scenario"));
                } else {
                    Instant invited = joined.minus(Duration.ofDays(1));
                    state.addHandshake(new Organization.Handshake(derivedId("h-", m.id()), m.id(), "ACCEPTED",
                            invited, joined, invited.plus(HANDSHAKE_LIFETIME), "scenario"));
                }
            }
        }
        Scenario.Contacts contacts = s.contacts();
        if (contacts != null) {
            if (!contacts.primary().isEmpty()) {
                state.setPrimaryContact(new AccountContacts.Primary(contacts.primary()));
            }
            for (Scenario.AlternateContact c : contacts.alternates()) {
                state.putAlternateContact(new AccountContacts.Alternate(c.type(), c.name(), c.title(),
                        c.emailAddress(), c.phoneNumber(), start.plus(s.accountInfo().created()), "scenario"));
            }
        }
        YearMonth current = YearMonth.from(start.atZone(ZoneOffset.UTC));
        for (Scenario.Cost c : s.costs()) {
            boolean member = c.linkedAccount() != null && org != null && (org.accounts().stream().anyMatch(m -> m.id().equals(c.linkedAccount()))
                    || s.timeline().stream().anyMatch(t -> t.event().equals("CreateAccount")
                            && c.linkedAccount().equals(t.with().path("accountId").asText())));
            if (c.linkedAccount() != null && !c.linkedAccount().equals(s.accountId()) && !member) {
                throw ScenarioBuilder.fail(c.pos(), "cost of account " + c.linkedAccount() + ", which is neither "
                        + "this account nor a member of its organization (declared or created by the timeline)");
            }
            state.addCost(new CostItem(current.plusMonths(c.month()), c.service(), c.region(), c.linkedAccount(),
                    c.amount(), c.since() == null ? null : start.plus(c.since())));
        }
        for (Scenario.Function f : s.lambdaFunctions()) {
            if (state.region(f.region()).filter(RegionInfo::enabled).isEmpty()) {
                throw ScenarioBuilder.fail(f.pos(), "function " + f.name() + " is in " + f.region() + ", which this "
                        + "account has not opted in to (add it to account.optedInRegions)");
            }
            if (state.function(f.region(), f.name()).isPresent()) {
                throw ScenarioBuilder.fail(f.pos(), "function " + f.name() + " is defined twice in " + f.region());
            }
            state.putFunction(new LambdaFunction(f.name(), f.region(),
                    LambdaFunction.arn(f.region(), s.accountId(), f.name()), f.runtime(), f.role(), f.handler(),
                    f.memory(), f.timeout(), f.codeSize(), codeSha256(f.region() + "/" + f.name()), f.description(),
                    start.plus(f.created()), f.environment(), f.tags(), f.origin()));
            if (f.policy() != null) {
                state.putFunctionPolicy(f.region(), f.name(), f.policy());
            }
        }
        for (Scenario.Layer l : s.lambdaLayers()) {
            if (state.region(l.region()).filter(RegionInfo::enabled).isEmpty()) {
                throw ScenarioBuilder.fail(l.pos(), "layer " + l.name() + " is in " + l.region() + ", which this "
                        + "account has not opted in to");
            }
            state.putLayer(new LambdaLayer(l.name(), l.region(), layerArn(l.region(), s.accountId(), l.name()),
                    l.version(), l.description(), start.plus(l.created()), l.compatibleRuntimes(), l.origin()));
        }
    }

    /** A stable id for what the scenario implies but does not name: {@code car-} / {@code h-} + 32 hex. */
    static String derivedId(String prefix, String seed) {
        return prefix + UUID.nameUUIDFromBytes((prefix + seed).getBytes(StandardCharsets.UTF_8)).toString()
                .replace("-", "");
    }

    static String codeSha256(String seed) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(seed.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String layerArn(String region, String accountId, String name) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":layer:" + name;
    }

    // ------------------------------------------------------------------ timeline effects

    /** {@code with: {accountId, accountName, email, requestId?}}: a new member account, CREATED. */
    private static Timeline.Outcome createAccount(Timeline.Step s) {
        Organization org = s.state().organization().orElseThrow(() -> s.fail("the account is not in an "
                + "organization (add 'organization:')"));
        if (!org.managementAccountId().equals(s.state().accountId())) {
            throw s.fail("only the management account creates accounts; this account is a member");
        }
        String id = s.text("accountId");
        if (!id.matches("\\d{12}")) {
            throw s.fail("accountId must be 12 digits, got '" + id + "'");
        }
        if (s.state().member(id).isPresent()) {
            throw s.fail("account " + id + " is already in the organization");
        }
        String name = s.text("accountName");
        String email = s.text("email");
        String requestId = s.optional("requestId", derivedId("car-", id));
        if (!requestId.matches("car-[a-z0-9]{8,32}")) {
            throw s.fail("requestId must look like car- followed by 8 to 32 lowercase letters or digits");
        }
        Instant completed = s.time().plusSeconds(60);
        s.state().putMember(new Organization.Member(id, email, name, "ACTIVE", "CREATED", completed, s.actor()));
        s.state().addCreateAccountStatus(new Organization.CreateAccountStatus(requestId, name, "SUCCEEDED", s.time(),
                completed, id, s.actor()));
        ObjectNode response = obj();
        response.putObject("createAccountStatus").put("id", requestId).put("accountName", name)
                .put("state", "IN_PROGRESS").put("requestedTimestamp", Times.iso(s.time()));
        return new Timeline.Outcome(obj().put("accountName", name).put("email", email), response,
                List.of(new TrailEvent.Resource("AWS::Organizations::Account", org.accountArn(id))));
    }

    /** {@code with: {alternateContactType, name, title, emailAddress, phoneNumber}}. */
    private static Timeline.Outcome putAlternateContact(Timeline.Step s) {
        String type = s.text("alternateContactType");
        if (!AccountContacts.TYPES.contains(type)) {
            throw s.fail("alternateContactType must be one of " + String.join(", ", AccountContacts.TYPES));
        }
        AccountContacts.Alternate c = new AccountContacts.Alternate(type, s.text("name"), s.text("title"),
                s.text("emailAddress"), s.text("phoneNumber"), s.time(), s.actor());
        s.state().putAlternateContact(c);
        ObjectNode request = obj().put("alternateContactType", type).put("name", c.name()).put("title", c.title())
                .put("emailAddress", c.emailAddress()).put("phoneNumber", c.phoneNumber());
        return new Timeline.Outcome(request, null, List.of());
    }

    /**
     * {@code with: {functionName, runtime, role, handler?, memorySize?, timeout?, description?,
     * codeSize?, environment?, tags?}} in the event's region.
     */
    private static Timeline.Outcome createFunction(Timeline.Step s) {
        if (s.state().region(s.region()).filter(RegionInfo::enabled).isEmpty()) {
            throw s.fail("region " + s.region() + " is not enabled in this account");
        }
        String name = s.text("functionName");
        if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw s.fail("functionName must be 1-64 of A-Z a-z 0-9 - _, got '" + name + "'");
        }
        if (s.state().function(s.region(), name).isPresent()) {
            throw s.fail("function " + name + " already exists in " + s.region());
        }
        int memory = number(s, "memorySize", 128, 128, 10240);
        int timeout = number(s, "timeout", 3, 1, 900);
        int codeSize = number(s, "codeSize", 4096, 1, 262_144_000);
        LambdaFunction f = new LambdaFunction(name, s.region(),
                LambdaFunction.arn(s.region(), s.state().accountId(), name), s.text("runtime"), s.text("role"),
                s.optional("handler", "index.handler"), memory, timeout, codeSize,
                codeSha256(s.region() + "/" + name), s.optional("description", null), s.time(),
                strings(s.with().path("environment")), strings(s.with().path("tags")), s.actor());
        s.state().putFunction(f);
        ObjectNode request = obj().put("functionName", name).put("runtime", f.runtime()).put("role", f.role())
                .put("handler", f.handler()).put("memorySize", memory).put("timeout", timeout);
        request.putObject("code");
        ObjectNode response = obj().put("functionName", name).put("functionArn", f.arn())
                .put("runtime", f.runtime()).put("role", f.role()).put("handler", f.handler())
                .put("codeSize", codeSize).put("timeout", timeout).put("memorySize", memory)
                .put("lastModified", LambdaService.time(s.time())).put("codeSha256", f.codeSha256())
                .put("version", "$LATEST").put("state", "Pending").put("packageType", "Zip");
        return new Timeline.Outcome(request, response,
                List.of(new TrailEvent.Resource("AWS::Lambda::Function", f.arn())));
    }

    /** {@code with: {layerName, version?, description?, compatibleRuntimes?}} in the event's region. */
    private static Timeline.Outcome publishLayerVersion(Timeline.Step s) {
        if (s.state().region(s.region()).filter(RegionInfo::enabled).isEmpty()) {
            throw s.fail("region " + s.region() + " is not enabled in this account");
        }
        String name = s.text("layerName");
        long version = s.state().layers(s.region()).stream().filter(l -> l.name().equals(name))
                .mapToLong(LambdaLayer::version).max().orElse(0) + 1;
        List<String> runtimes = new ArrayList<>();
        s.with().path("compatibleRuntimes").forEach(r -> runtimes.add(r.asText()));
        LambdaLayer layer = new LambdaLayer(name, s.region(), layerArn(s.region(), s.state().accountId(), name),
                version, s.optional("description", null), s.time(), runtimes, s.actor());
        s.state().putLayer(layer);
        ObjectNode request = obj().put("layerName", name);
        request.putArray("compatibleRuntimes").addAll(runtimes.stream()
                .map(JsonNodeFactory.instance::textNode).toList());
        ObjectNode response = obj().put("layerArn", layer.arn()).put("layerVersionArn", layer.versionArn())
                .put("version", version).put("createdDate", LambdaService.time(s.time()));
        return new Timeline.Outcome(request, response,
                List.of(new TrailEvent.Resource("AWS::Lambda::LayerVersion", layer.versionArn())));
    }

    private static int number(Timeline.Step s, String field, int dflt, int min, int max) {
        String v = s.optional(field, null);
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
            throw s.fail(field + " must be between " + min + " and " + max + ", got '" + v + "'");
        }
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static ObjectNode obj() {
        return JsonNodeFactory.instance.objectNode();
    }
}
