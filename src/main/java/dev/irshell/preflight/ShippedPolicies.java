package dev.irshell.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The IAM policies irshell ships ({@code policies/} in the project, bundled in the jar): which file
 * grants an IAM action, on which resources and under which {@code StringEquals} conditions. Preflight
 * names the file to attach for what is missing, and simulates scoped grants on resources of their
 * type. {@code PolicyCoverageTest} keeps the files in step with the catalogue.
 */
public final class ShippedPolicies {
    public static final String INVESTIGATE = "irshell-investigate.json";
    public static final String CONTAIN = "irshell-contain.json";
    private static final List<String> FILES = List.of(INVESTIGATE, CONTAIN);

    /**
     * One statement's grant of an action.
     *
     * @param file         the policy file, e.g. {@code irshell-contain.json}
     * @param resources    the statement's Resource patterns ({@code ["*"]} when unscoped)
     * @param stringEquals the statement's {@code StringEquals} condition: key to accepted values
     */
    public record Grant(String file, String sid, List<String> resources, Map<String, List<String>> stringEquals) {
        public Grant {
            resources = List.copyOf(resources);
            stringEquals = Map.copyOf(stringEquals);
        }

        public boolean scoped() {
            return !resources.equals(List.of("*")) || !stringEquals.isEmpty();
        }
    }

    private final Map<String, Grant> grants;

    private ShippedPolicies(Map<String, Grant> grants) {
        this.grants = grants;
    }

    /** The policies bundled in the jar (from {@code policies/*.json}). */
    public static ShippedPolicies load() {
        ObjectMapper json = new ObjectMapper();
        Map<String, Grant> grants = new LinkedHashMap<>();
        for (String file : FILES) {
            try (InputStream in = ShippedPolicies.class.getResourceAsStream("/policies/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("policies/" + file + " is not in the jar: rebuild irshell");
                }
                read(file, json.readTree(in), grants);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundled policies/" + file, e);
            }
        }
        return new ShippedPolicies(grants);
    }

    /** For tests: policies given as documents by file name. */
    static ShippedPolicies of(Map<String, JsonNode> documents) {
        Map<String, Grant> grants = new LinkedHashMap<>();
        documents.forEach((file, doc) -> read(file, doc, grants));
        return new ShippedPolicies(grants);
    }

    private static void read(String file, JsonNode doc, Map<String, Grant> into) {
        for (JsonNode st : doc.path("Statement")) {
            if (!"Allow".equals(st.path("Effect").asText())) {
                continue;
            }
            List<String> resources = strings(st.path("Resource"));
            Map<String, List<String>> equals = new LinkedHashMap<>();
            st.path("Condition").path("StringEquals").fields()
                    .forEachRemaining(e -> equals.put(e.getKey(), strings(e.getValue())));
            Grant g = new Grant(file, st.path("Sid").asText(""), resources, equals);
            for (String action : strings(st.path("Action"))) {
                into.putIfAbsent(action.toLowerCase(Locale.ROOT), g);
            }
        }
    }

    /** The first shipped statement that grants {@code iamAction}, if any (names are explicit, no wildcards). */
    public Optional<Grant> grant(String iamAction) {
        return Optional.ofNullable(grants.get(iamAction.toLowerCase(Locale.ROOT)));
    }

    /** The file that grants {@code iamAction}, if a shipped policy does. */
    public Optional<String> fileFor(String iamAction) {
        return grant(iamAction).map(Grant::file);
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(x -> out.add(x.asText()));
        } else if (n.isValueNode()) {
            out.add(n.asText());
        }
        return out;
    }
}
