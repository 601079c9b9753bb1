package dev.irshell.action.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.irshell.action.Action;
import dev.irshell.action.ActionSpec;
import dev.irshell.action.Effect;
import dev.irshell.action.IamActionNames;
import dev.irshell.engine.SupportCaseAction;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The IAM policies shipped in {@code policies/} against the catalogue: every IAM action an action
 * declares in {@link ActionSpec#iamActions()} is granted (READ by the investigate policy, CHANGE and
 * DESTROY by the contain policy on top of it), nothing else is, the investigate policy only reads,
 * and both files are IAM policy documents.
 */
class PolicyCoverageTest {
    /** The policies folder of the project; Maven runs tests with the project directory as working directory. */
    static final Path POLICIES = Path.of("policies");
    static final String INVESTIGATE = "irshell-investigate.json";
    static final String CONTAIN = "irshell-contain.json";

    static final Pattern IAM_ACTION = Pattern.compile("[a-z0-9-]+:[A-Za-z0-9*?]+");
    static final Pattern SID = Pattern.compile("[A-Za-z0-9]+");
    static final Set<String> TOP_LEVEL_KEYS = Set.of("Version", "Id", "Statement");
    static final Set<String> STATEMENT_KEYS = Set.of("Sid", "Effect", "Action", "Resource", "Condition");

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static AwsClients clients;
    static List<ActionSpec> catalogue;

    @BeforeAll
    static void catalogue() {
        clients = new AwsClients(AwsClients.Config.emulated(URI.create("http://127.0.0.1:9"), "us-east-1",
                "AKIAIOSFODNN7EXAMPLE", "x", false, "t", null));
        List<Action> all = new ArrayList<>(AwsActions.all(clients));
        all.add(new SupportCaseAction());
        catalogue = all.stream().map(Action::spec).toList();
    }

    @AfterAll
    static void close() {
        if (clients != null) {
            clients.close();
        }
    }

    // ------------------------------------------------------------------ the catalogue itself

    @Test
    void catalogueHasActionsOfEveryEffectAndWellFormedIamActions() {
        assertThat(catalogue).extracting(ActionSpec::effect).contains(Effect.READ, Effect.CHANGE, Effect.DESTROY);
        List<String> bad = new ArrayList<>();
        for (ActionSpec s : catalogue) {
            for (String a : s.iamActions()) {
                if (!a.matches("[a-z0-9-]+:[A-Z][A-Za-z0-9]+")) {
                    bad.add(s.name() + " declares '" + a + "'");
                }
            }
        }
        assertThat(bad).as("IAM actions must be service:Operation, without wildcards").isEmpty();
    }

    @Test
    void readActionsDeclareOnlyReads() {
        List<String> writes = new ArrayList<>();
        for (ActionSpec s : specs(Effect.READ)) {
            for (String a : s.iamActions()) {
                if (!isRead(a)) {
                    writes.add(s.name() + " (READ) declares " + a + ", which is not a read");
                }
            }
        }
        assertThat(writes).isEmpty();
    }

    // ------------------------------------------------------------------ grammar

    @ParameterizedTest
    @ValueSource(strings = {INVESTIGATE, CONTAIN})
    void policyIsAnIamPolicyDocument(String file) throws IOException {
        Path path = POLICIES.resolve(file);
        assertThat(path).as("policy file (working directory " + Path.of("").toAbsolutePath() + ")").isRegularFile();
        assertThat(grammarErrors(Files.readString(path))).as(file).isEmpty();
    }

    static Stream<Arguments> brokenDocuments() {
        String stmt = "{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Action\":[\"iam:ListUsers\"],\"Resource\":\"*\"}";
        return Stream.of(
                Arguments.of("not JSON", "{\"Version\":\"2012-10-17\",\"Statement\":[" + stmt + "]", "malformed JSON"),
                Arguments.of("trailing garbage", "{\"Version\":\"2012-10-17\",\"Statement\":[" + stmt + "]} x", "malformed JSON"),
                Arguments.of("duplicate key", "{\"Version\":\"2012-10-17\",\"Version\":\"2012-10-17\",\"Statement\":[" + stmt + "]}", "malformed JSON"),
                Arguments.of("no Version", "{\"Statement\":[" + stmt + "]}", "Version"),
                Arguments.of("old Version", "{\"Version\":\"2008-10-17\",\"Statement\":[" + stmt + "]}", "Version"),
                Arguments.of("Statement object", "{\"Version\":\"2012-10-17\",\"Statement\":" + stmt + "}", "Statement"),
                Arguments.of("empty Statement", "{\"Version\":\"2012-10-17\",\"Statement\":[]}", "Statement"),
                Arguments.of("unknown top-level key", "{\"Version\":\"2012-10-17\",\"Statment\":[],\"Statement\":[" + stmt + "]}", "Statment"),
                Arguments.of("Deny", doc("{\"Sid\":\"A\",\"Effect\":\"Deny\",\"Action\":[\"iam:ListUsers\"],\"Resource\":\"*\"}"), "Effect"),
                Arguments.of("no Sid", doc("{\"Effect\":\"Allow\",\"Action\":[\"iam:ListUsers\"],\"Resource\":\"*\"}"), "Sid"),
                Arguments.of("duplicate Sid", doc(stmt + "," + stmt.replace("ListUsers", "ListRoles")), "Sid"),
                Arguments.of("no Resource", doc("{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Action\":[\"iam:ListUsers\"]}"), "Resource"),
                Arguments.of("bad Resource", doc("{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Action\":[\"iam:ListUsers\"],\"Resource\":\"users\"}"), "Resource"),
                Arguments.of("NotAction", doc("{\"Sid\":\"A\",\"Effect\":\"Allow\",\"NotAction\":[\"iam:ListUsers\"],\"Resource\":\"*\"}"), "NotAction"),
                Arguments.of("Action string", doc("{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Action\":\"iam:ListUsers\",\"Resource\":\"*\"}"), "Action"),
                Arguments.of("bad action name", doc("{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Action\":[\"iam ListUsers\"],\"Resource\":\"*\"}"), "Action"),
                Arguments.of("unsorted", doc("{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Action\":[\"iam:ListUsers\",\"iam:ListRoles\"],\"Resource\":\"*\"}"), "sorted"),
                Arguments.of("repeated action", doc("{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Action\":[\"iam:ListUsers\",\"iam:ListUsers\"],\"Resource\":\"*\"}"), "more than once"),
                Arguments.of("Condition array", doc("{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Action\":[\"iam:ListUsers\"],\"Resource\":\"*\",\"Condition\":[]}"), "Condition"));
    }

    private static String doc(String statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}";
    }

    /** The grammar check itself, so a green run means something. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenDocuments")
    void grammarCheckRejectsBrokenDocuments(String what, String json, String mentioned) {
        assertThat(grammarErrors(json)).as(what).isNotEmpty().anySatisfy(e -> assertThat(e).contains(mentioned));
    }

    // ------------------------------------------------------------------ coverage

    @Test
    void investigatePolicyGrantsEveryIamActionOfEveryReadAction() throws IOException {
        Set<String> investigate = grants(INVESTIGATE);
        List<String> missing = new ArrayList<>();
        for (ActionSpec s : specs(Effect.READ)) {
            for (String a : needs(s)) {
                if (!granted(investigate, a)) {
                    missing.add(s.name() + " (READ) needs " + a + ", which " + INVESTIGATE + " does not grant");
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    /** What irshell calls outside the catalogue (preflight's simulation, the prompt's alias) is a read it needs too. */
    @Test
    void investigatePolicyGrantsIrshellsOwnCalls() throws IOException {
        Set<String> investigate = grants(INVESTIGATE);
        assertThat(IamActionNames.IRSHELL_OWN.keySet()).isNotEmpty().allSatisfy(a -> {
            assertThat(isRead(a)).as(a + " is a read").isTrue();
            assertThat(granted(investigate, a)).as(INVESTIGATE + " grants " + a + " (" + IamActionNames.IRSHELL_OWN.get(a) + ")")
                    .isTrue();
        });
    }

    @Test
    void containPolicyWithInvestigateGrantsEveryIamActionOfEveryChangeAndDestroyAction() throws IOException {
        Set<String> investigate = grants(INVESTIGATE);
        Set<String> contain = grants(CONTAIN);
        List<String> missing = new ArrayList<>();
        for (ActionSpec s : specs(Effect.CHANGE, Effect.DESTROY)) {
            for (String a : needs(s)) {
                if (!granted(investigate, a) && !granted(contain, a)) {
                    missing.add(s.name() + " (" + s.effect() + ") needs " + a + ", which neither " + CONTAIN
                            + " nor " + INVESTIGATE + " grants");
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void investigatePolicyGrantsNothingNoReadActionNeeds() throws IOException {
        assertThat(extras(grants(INVESTIGATE), specs(Effect.READ), IamActionNames.IRSHELL_OWN.keySet()))
                .as(INVESTIGATE + " grants IAM actions no READ action of the catalogue, nor irshell itself, calls").isEmpty();
    }

    @Test
    void containPolicyGrantsNothingNoChangeOrDestroyActionNeeds() throws IOException {
        assertThat(extras(grants(CONTAIN), specs(Effect.CHANGE, Effect.DESTROY), Set.of()))
                .as(CONTAIN + " grants IAM actions no CHANGE or DESTROY action of the catalogue calls").isEmpty();
    }

    @Test
    void containPolicyDoesNotRepeatWhatInvestigateGrants() throws IOException {
        Set<String> investigate = grants(INVESTIGATE);
        List<String> repeated = grants(CONTAIN).stream().filter(a -> granted(investigate, a))
                .map(a -> a + " is granted by " + INVESTIGATE + " already (the two are attached together)").toList();
        assertThat(repeated).isEmpty();
    }

    @Test
    void investigatePolicyGrantsOnlyReads() throws IOException {
        List<String> writes = grants(INVESTIGATE).stream().filter(a -> !isRead(a))
                .map(a -> a + " is not a read: it belongs in " + CONTAIN).toList();
        assertThat(writes).isEmpty();
    }

    /** Explicit names only: a wildcard's reach cannot be checked against the catalogue. */
    @ParameterizedTest
    @ValueSource(strings = {INVESTIGATE, CONTAIN})
    void policyNamesEveryActionExplicitly(String file) throws IOException {
        assertThat(grants(file)).as(file).noneMatch(a -> a.contains("*") || a.contains("?"));
    }

    /** A scoped Resource names the same service as the statement's actions (an iam: action on an ec2 ARN never matches). */
    @ParameterizedTest
    @ValueSource(strings = {INVESTIGATE, CONTAIN})
    void scopedResourcesBelongToTheActionsService(String file) throws IOException {
        List<String> wrong = new ArrayList<>();
        for (JsonNode st : read(file).path("Statement")) {
            Set<String> services = new TreeSet<>();
            st.path("Action").forEach(a -> services.add(a.asText().split(":", 2)[0]));
            for (String r : strings(st.path("Resource"))) {
                if (r.equals("*")) {
                    continue;
                }
                String[] arn = r.split(":", 6);
                if (arn.length < 6 || services.size() != 1 || !services.contains(arn[2])) {
                    wrong.add(st.path("Sid").asText() + ": " + r + " is not an ARN of " + services);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void wildcardMatchingFollowsIamRules() {
        assertThat(matches("iam:List*", "iam:ListUsers")).isTrue();
        assertThat(matches("iam:list*", "IAM:ListUsers")).isTrue();
        assertThat(matches("iam:Get?ser", "iam:GetUser")).isTrue();
        assertThat(matches("iam:List*", "iam:GetUser")).isFalse();
        assertThat(matches("iam:*", "ec2:DescribeInstances")).isFalse();
        assertThat(matches("*", "ec2:DescribeInstances")).isTrue();
        assertThat(matches("iam:ListUser", "iam:ListUsers")).isFalse();
        assertThat(isRead("iam:GenerateCredentialReport")).isTrue();
        assertThat(isRead("iam:GenerateServiceLastAccessedDetails")).isTrue();
        assertThat(isRead("iam:GenerateOrganizationsAccessReport")).isTrue();
        assertThat(isRead("iam:CreateAccessKey")).isFalse();
        assertThat(isRead("iam:List*")).isFalse();
    }

    // ------------------------------------------------------------------ helpers

    static List<ActionSpec> specs(Effect... effects) {
        Set<Effect> wanted = Set.of(effects);
        return catalogue.stream().filter(s -> wanted.contains(s.effect())).toList();
    }

    /** The IAM actions of an action that need a permission (the one rule main code uses too). */
    static List<String> needs(ActionSpec s) {
        return IamActionNames.needs(s);
    }

    /** Granted patterns that neither an action of {@code specs} nor {@code alsoNeeded} needs. */
    static List<String> extras(Set<String> granted, List<ActionSpec> specs, Set<String> alsoNeeded) {
        List<String> needed = java.util.stream.Stream.concat(specs.stream().flatMap(s -> needs(s).stream()),
                alsoNeeded.stream()).distinct().toList();
        List<String> extra = new ArrayList<>();
        for (String g : granted) {
            if (needed.stream().noneMatch(n -> matches(g, n))) {
                extra.add(g + " is needed by no action of " + specs.stream().map(ActionSpec::effect).distinct().toList());
            }
        }
        return extra;
    }

    static boolean granted(Set<String> patterns, String iamAction) {
        return patterns.stream().anyMatch(p -> matches(p, iamAction));
    }

    /** IAM action matching: case-insensitive, {@code *} any run of characters, {@code ?} one character. */
    static boolean matches(String pattern, String iamAction) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE).matcher(iamAction).matches();
    }

    static boolean isRead(String iamAction) {
        return IamActionNames.isRead(iamAction);
    }

    static JsonNode read(String file) throws IOException {
        return JSON.readTree(Files.readString(POLICIES.resolve(file)));
    }

    /** Every action an Allow statement of the policy names (the grammar test checks there is nothing else). */
    static Set<String> grants(String file) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode st : read(file).path("Statement")) {
            strings(st.path("Action")).forEach(out::add);
        }
        return out;
    }

    static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isTextual()) {
            out.add(n.asText());
        } else if (n.isArray()) {
            n.forEach(x -> out.add(x.asText()));
        }
        return out;
    }

    /**
     * What is wrong with a policy document for this project: IAM's grammar (Version 2012-10-17, a
     * non-empty Statement array of objects with Effect, Action and Resource; Condition an object)
     * plus the house rules (Allow only, a unique alphanumeric Sid, Action a sorted list without repeats).
     */
    static List<String> grammarErrors(String json) {
        List<String> errors = new ArrayList<>();
        JsonNode doc;
        try {
            doc = JSON.readTree(json);
        } catch (IOException e) {
            return List.of("malformed JSON: " + e.getMessage());
        }
        if (doc == null || !doc.isObject()) {
            return List.of("the document is not a JSON object");
        }
        for (Iterator<String> it = doc.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!TOP_LEVEL_KEYS.contains(k)) {
                errors.add("unknown top-level key " + k);
            }
        }
        if (!"2012-10-17".equals(doc.path("Version").asText(null))) {
            errors.add("Version must be \"2012-10-17\", is " + doc.get("Version"));
        }
        JsonNode statements = doc.path("Statement");
        if (!statements.isArray() || statements.isEmpty()) {
            errors.add("Statement must be a non-empty array");
            return errors;
        }
        Set<String> sids = new HashSet<>();
        int i = 0;
        for (JsonNode st : statements) {
            String where = "Statement[" + i++ + "]";
            if (!st.isObject()) {
                errors.add(where + " is not an object");
                continue;
            }
            for (Iterator<String> it = st.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!STATEMENT_KEYS.contains(k)) {
                    errors.add(where + " has key " + k + " (allowed: " + new TreeSet<>(STATEMENT_KEYS) + ")");
                }
            }
            String sid = st.path("Sid").asText("");
            if (!SID.matcher(sid).matches()) {
                errors.add(where + " needs an alphanumeric Sid");
            } else if (!sids.add(sid)) {
                errors.add(where + " repeats Sid " + sid);
            }
            if (!"Allow".equals(st.path("Effect").asText(null))) {
                errors.add(where + " Effect must be Allow (a Deny-free design), is " + st.get("Effect"));
            }
            JsonNode action = st.path("Action");
            if (!action.isArray() || action.isEmpty()) {
                errors.add(where + " Action must be a non-empty list");
            } else {
                List<String> names = new ArrayList<>();
                for (JsonNode a : action) {
                    if (!a.isTextual() || !IAM_ACTION.matcher(a.asText()).matches()) {
                        errors.add(where + " Action " + a + " is not service:Operation");
                    }
                    names.add(a.asText());
                }
                if (!names.equals(names.stream().sorted().toList())) {
                    errors.add(where + " Action list is not sorted: " + names);
                }
                Map<String, Integer> seen = new LinkedHashMap<>();
                names.forEach(n -> seen.merge(n.toLowerCase(Locale.ROOT), 1, Integer::sum));
                seen.forEach((n, c) -> {
                    if (c > 1) {
                        errors.add(where + " names " + n + " more than once");
                    }
                });
            }
            JsonNode resource = st.path("Resource");
            List<String> resources = strings(resource);
            boolean resourceOk = (resource.isTextual() || resource.isArray() && !resource.isEmpty())
                    && resources.size() == (resource.isArray() ? resource.size() : 1)
                    && (!resource.isArray() || stream(resource).allMatch(JsonNode::isTextual));
            if (!resourceOk || resources.stream().anyMatch(r -> !r.equals("*") && !r.startsWith("arn:"))) {
                errors.add(where + " Resource must be \"*\" or ARNs, is " + resource);
            }
            if (st.has("Condition") && !st.get("Condition").isObject()) {
                errors.add(where + " Condition must be an object");
            }
        }
        return errors;
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> l = new ArrayList<>();
        array.forEach(l::add);
        return l.stream();
    }
}
