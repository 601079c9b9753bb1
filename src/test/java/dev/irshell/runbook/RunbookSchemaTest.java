package dev.irshell.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON Schema for authors says what the loader says: same keys, and it accepts what loads. */
class RunbookSchemaTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static JsonNode schemaNode;
    private static Schema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = RunbookSchemaTest.class.getResourceAsStream("/schema/runbook.schema.json")) {
            assertThat(in).as("schema/runbook.schema.json on the class path").isNotNull();
            schemaNode = new ObjectMapper().readTree(in);
        }
        schema = REGISTRY.getSchema(schemaNode);
    }

    private static List<Error> validate(Path file) throws IOException {
        return schema.validate(YAML.readTree(file.toFile()));
    }

    private static Path testResource(String name) throws URISyntaxException {
        return Path.of(RunbookSchemaTest.class.getClassLoader().getResource("runbooks/" + name).toURI());
    }

    @Test
    void schema_isValidJsonSchema2020_12() {
        Schema meta = REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

        assertThat(meta.validate(schemaNode)).isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> validFixtures_validate() throws Exception {
        List<Path> files = list(testResource("valid"));
        assertThat(files).isNotEmpty();
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(),
                () -> assertThat(validate(f)).extracting(Error::toString).isEmpty()));
    }

    @TestFactory
    Stream<DynamicTest> repositoryRunbooks_validate() throws IOException {
        Path dir = projectDir().resolve("runbooks");
        List<Path> files = Files.isDirectory(dir) ? list(dir) : List.of();
        if (files.isEmpty()) {
            return Stream.of(DynamicTest.dynamicTest("no runbooks under " + dir + " yet",
                    () -> Assumptions.abort("no *.yaml under " + dir + " yet; nothing to check")));
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(),
                () -> assertThat(validate(f)).extracting(Error::toString).isEmpty()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "unknown-key-suggestion", "unknown-key-top-level", "steps-not-a-list", "version-number", "missing-title",
        "unquoted-yes", "no-kind", "several-kinds", "manual-false", "with-on-manual-step", "too-few-choices",
        "onfailure-invalid", "input-unknown-type", "input-required-with-default", "bad-runbook-id", "bad-step-id",
        "bad-choice-id", "bad-output-name", "bad-source-url"})
    void brokenShape_failsTheSchemaToo(String name) throws Exception {
        assertThat(validate(testResource("broken/" + name + ".yaml"))).isNotEmpty();
    }

    @Test
    void schemaErrors_areJsonPointersThatLocatedYamlPlaces() throws Exception {
        Path file = testResource("broken/version-number.yaml");
        List<Error> errors = validate(file);

        assertThat(errors).extracting(e -> e.getInstanceLocation().toString()).containsExactly("/version");
        LocatedYaml yaml = LocatedYaml.parse("version-number.yaml", Files.readAllBytes(file));
        assertThat(yaml.at(errors.get(0).getInstanceLocation().toString()))
                .isEqualTo(new SourcePos("version-number.yaml", 4, 10));
    }

    @Test
    void schemaKeys_areTheLoadersKeys() {
        assertThat(keys(schemaNode)).containsExactlyElementsOf(RunbookReader.TOP_KEYS);
        assertThat(keys(schemaNode.at("/properties/source"))).containsExactlyElementsOf(RunbookReader.SOURCE_KEYS);
        assertThat(keys(schemaNode.at("/$defs/input"))).containsExactlyElementsOf(RunbookReader.INPUT_KEYS);
        assertThat(keys(schemaNode.at("/$defs/section"))).containsExactlyElementsOf(RunbookReader.SECTION_KEYS);
        assertThat(keys(schemaNode.at("/$defs/step"))).containsExactlyElementsOf(RunbookReader.STEP_KEYS);
        assertThat(keys(schemaNode.at("/$defs/step/properties/decision"))).containsExactlyElementsOf(RunbookReader.DECISION_KEYS);
        assertThat(keys(schemaNode.at("/$defs/step/properties/decision/properties/choices/items")))
                .containsExactlyElementsOf(RunbookReader.CHOICE_KEYS);
        assertThat(schemaNode.at("/$defs/input/properties/type/enum")).extracting(JsonNode::asText)
                .containsExactly("string", "region", "integer", "datetime");
    }

    private static List<String> keys(JsonNode objectSchema) {
        List<String> keys = new ArrayList<>();
        objectSchema.get("properties").fieldNames().forEachRemaining(keys::add);
        assertThat(objectSchema.get("additionalProperties").asBoolean(true)).as("additionalProperties").isFalse();
        return keys;
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        }
    }

    /** Maven's basedir when run by Surefire, else the working directory (the project when run from it). */
    private static Path projectDir() {
        String basedir = System.getProperty("basedir");
        return Path.of(basedir != null ? basedir : "").toAbsolutePath();
    }
}
