package dev.irshell.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunbookLoaderTest {
    private final RunbookLoader loader = TestActions.loader();

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = RunbookLoaderTest.class.getClassLoader().getResourceAsStream("runbooks/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    private Runbook full() throws Exception {
        return loader.load("valid/unusual-resource-activity.yaml", fixture("valid/unusual-resource-activity.yaml"));
    }

    @Test
    void load_validRunbook_mapsTheTopLevel() throws Exception {
        byte[] bytes = fixture("valid/unusual-resource-activity.yaml");
        Runbook rb = loader.load("valid/unusual-resource-activity.yaml", bytes);

        assertThat(rb.id()).isEqualTo("unusual-resource-activity");
        assertThat(rb.title()).isEqualTo("Unusual resource activity");
        assertThat(rb.summary()).isEqualTo("Find the instance, look up who changed it, and deactivate a leaked key.\n");
        assertThat(rb.version()).isEqualTo("1.0.0");
        assertThat(rb.source()).isEqualTo(new SourceRef(
                "How can I troubleshoot unusual resource activity with my AWS account?",
                "https://repost.aws/knowledge-center/potential-account-compromise"));
        assertThat(rb.origin()).isEqualTo("valid/unusual-resource-activity.yaml");
        assertThat(rb.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        assertThat(rb.sections()).extracting(Section::title)
                .containsExactly("Identify the Amazon EC2 instance ID", "Rotate the key");
        assertThat(rb.sections().get(0).doc()).isEqualTo("Find where the instance runs.");
        assertThat(rb.sections().get(1).doc()).isEmpty();
        assertThat(rb.sections().get(1).pos()).isEqualTo(new SourcePos("valid/unusual-resource-activity.yaml", 55, 5));
        assertThat(rb.steps()).extracting(Step::id)
                .containsExactly("findInstance", "lookupEvents", "moveApp", "appWorks", "deactivateKey");
    }

    @Test
    void load_validRunbook_mapsInputsWithDefaultsAndTypes() throws Exception {
        Runbook rb = full();
        String f = "valid/unusual-resource-activity.yaml";

        assertThat(rb.inputs()).containsExactly(
                new InputDef("instanceId", "The instance that behaves oddly", true, null, "^i-[0-9a-f]{8,17}$",
                        InputType.STRING, new SourcePos(f, 11, 5)),
                new InputDef("region", "Where to look first", false, "us-east-1", null, InputType.REGION,
                        new SourcePos(f, 15, 5)),
                new InputDef("days", "How far back to look", false, "7", null, InputType.INTEGER, new SourcePos(f, 19, 5)),
                new InputDef("since", "Start of the window", false, "2026-11-01T00:00:00Z", null, InputType.DATETIME,
                        new SourcePos(f, 23, 5)));
    }

    @Test
    void load_actionStep_keepsTemplatesVerbatimAndRecordsPositions() throws Exception {
        Step s = full().step("findInstance").orElseThrow();
        String f = "valid/unusual-resource-activity.yaml";

        assertThat(s.kind()).isEqualTo(StepKind.ACTION);
        assertThat(s.name()).isEqualTo("Find the instance");
        assertThat(s.doc()).isEqualTo("Searches every enabled region.\n");
        assertThat(s.action()).isEqualTo("ec2.findInstance");
        assertThat(s.with().get("instanceId").asText()).isEqualTo("${{ inputs.instanceId }}");
        assertThat(s.with().get("regions").isArray()).isTrue();
        assertThat(s.with().get("regions").get(0).asText()).isEqualTo("${{ inputs.region }}");
        assertThat(s.outputs()).containsExactly(
                java.util.Map.entry("region", "region"),
                java.util.Map.entry("launchedBy", "tags[?key=='launchedBy'].value | [0]"));
        assertThat(s.onFailure()).isEqualTo(OnFailure.CONTINUE);
        assertThat(s.when()).isNull();
        assertThat(s.requires()).isEmpty();
        assertThat(s.question()).isNull();
        assertThat(s.choices()).isEmpty();
        assertThat(s.pos()).isEqualTo(new SourcePos(f, 31, 9));
        assertThat(s.posOf("action")).isEqualTo(new SourcePos(f, 35, 17));
        assertThat(s.posOf("with.instanceId")).isEqualTo(new SourcePos(f, 37, 23));
        assertThat(s.posOf("outputs.region")).isEqualTo(new SourcePos(f, 40, 19));
        assertThat(s.posOf("nothing")).isEqualTo(s.pos());
    }

    @Test
    void load_requires_acceptsOneStringOrAList() throws Exception {
        Runbook rb = full();

        assertThat(rb.step("lookupEvents").orElseThrow().requires()).containsExactly("findInstance");
        assertThat(rb.step("moveApp").orElseThrow().requires()).containsExactly("lookupEvents", "findInstance");
        assertThat(rb.step("lookupEvents").orElseThrow().when())
                .isEqualTo("steps.findInstance.state == 'done' && session.mode != 'dry-run'");
        assertThat(rb.step("lookupEvents").orElseThrow().posOf("when"))
                .isEqualTo(new SourcePos("valid/unusual-resource-activity.yaml", 51, 15));
        assertThat(rb.step("lookupEvents").orElseThrow().with().get("value").asText())
                .isEqualTo("instance ${{ inputs.instanceId }} in ${{ steps.findInstance.outputs.region }}");
    }

    @Test
    void load_manualAndDecisionSteps_mapKindChoicesAndOnFailure() throws Exception {
        Runbook rb = full();
        Step manual = rb.step("moveApp").orElseThrow();
        Step decision = rb.step("appWorks").orElseThrow();

        assertThat(manual.kind()).isEqualTo(StepKind.MANUAL);
        assertThat(manual.action()).isNull();
        assertThat(manual.with()).isEmpty();
        assertThat(manual.onFailure()).isEqualTo(OnFailure.ABORT);
        assertThat(decision.kind()).isEqualTo(StepKind.DECISION);
        assertThat(decision.question()).isEqualTo("Does the application still work?");
        assertThat(decision.choices()).containsExactly(
                new Choice("works", "It works with the new key"), new Choice("broken", "It fails"));
        assertThat(decision.onFailure()).isEqualTo(OnFailure.gotoStep("moveApp"));
        assertThat(rb.sectionOf(decision).title()).isEqualTo("Rotate the key");
    }

    @Test
    void load_minimalRunbook_usesDefaults() throws Exception {
        Runbook rb = loader.load("minimal.yaml", fixture("valid/minimal.yaml"));

        assertThat(rb.inputs()).isEmpty();
        assertThat(rb.source()).isEqualTo(new SourceRef("A documented procedure", "http://example.com/procedure"));
        Step s = rb.steps().get(0);
        assertThat(s.doc()).isEmpty();
        assertThat(s.kind()).isEqualTo(StepKind.MANUAL);
        assertThat(s.requires()).isEmpty();
        assertThat(s.outputs()).isEmpty();
        assertThat(s.onFailure()).isEqualTo(OnFailure.ABORT);
    }

    @Test
    void load_severalMistakes_reportsAllSortedByLineThenColumn() {
        String yaml = """
                id: Bad
                title: t
                summary: s
                version: 2
                source: {title: t, url: "https://example.com"}
                sections:
                  - title: one
                    steps:
                      - id: a
                        name: A
                        action: ec2.findInstance
                        with: {instanceId: "${{ inputs.nope }}", colour: red}
                        requires: b
                      - {id: b, name: B, manual: true, outputs: {x: y}}
                """;

        RunbookException e = catchThrowableOfType(RunbookException.class,
                () -> loader.load("many.yaml", yaml.getBytes(StandardCharsets.UTF_8)));

        assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                "many.yaml:1:5: runbook id 'Bad' must be lowercase letters, digits and dashes, starting with a letter,"
                        + " e.g. unusual-resource-activity",
                "many.yaml:4:10: expected a string such as \"1.0.0\", found a number; quote the version",
                "many.yaml:12:28: '" + "inputs.nope' is not a declared input; declare it under 'inputs'",
                "many.yaml:12:50: action 'ec2.findInstance' has no parameter 'colour'; it accepts: instanceId, regions",
                "many.yaml:13:19: step 'a' requires 'b', which runs after it; move 'b' before 'a' or remove it from 'requires'",
                "many.yaml:14:40: 'outputs' is only for action and runbook steps, and step 'b' is a manual step; remove it");
    }

    @Test
    void load_path_printsThePathAsGiven(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rb.yaml");
        Files.write(file, fixture("valid/minimal.yaml"));

        assertThat(loader.load(file).origin()).isEqualTo(file.toString());
        RunbookException e = catchThrowableOfType(RunbookException.class, () -> loader.load(dir.resolve("missing.yaml")));
        assertThat(e.getMessage()).startsWith(dir.resolve("missing.yaml") + ": cannot read the file: ");
    }

    @Test
    void load_withoutActionNames_stillRejectsUnknownActionsButSuggestsNothing() throws Exception {
        RunbookLoader plain = new RunbookLoader(TestActions.LOOKUP);

        RunbookException e = catchThrowableOfType(RunbookException.class,
                () -> plain.load("x.yaml", fixture("broken/unknown-action.yaml")));

        assertThat(e.getMessage()).isEqualTo(
                "x.yaml:17:17: unknown action 'ec2.findInstanse'; check the name against the action catalogue");
    }

    @Test
    void loadDirectory_oneBadFile_doesNotHideTheOthers(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("a-minimal.yaml"), fixture("valid/minimal.yaml"));
        Files.write(dir.resolve("b-broken.yaml"), fixture("broken/unknown-action.yaml"));
        Files.write(dir.resolve("c-full.yml"), fixture("valid/unusual-resource-activity.yaml"));
        Files.writeString(dir.resolve("notes.txt"), "not a runbook");

        LoadReport report = loader.loadDirectory(dir);

        assertThat(report.runbooks()).extracting(Runbook::id).containsExactly("minimal", "unusual-resource-activity");
        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).containsOnlyKeys(dir.resolve("b-broken.yaml"));
        assertThat(report.allProblems()).extracting(Problem::toString).containsExactly(
                dir.resolve("b-broken.yaml") + ":17:17: unknown action 'ec2.findInstanse'; did you mean 'ec2.findInstance'?");
    }

    @Test
    void loadDirectory_twoRunbooksWithOneId_rejectsTheSecond(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("a.yaml"), fixture("valid/minimal.yaml"));
        Files.write(dir.resolve("b.yaml"), fixture("valid/minimal.yaml"));

        LoadReport report = loader.loadDirectory(dir);

        assertThat(report.runbooks()).extracting(Runbook::origin).containsExactly(dir.resolve("a.yaml").toString());
        assertThat(report.allProblems()).extracting(Problem::message).containsExactly(
                "runbook id 'minimal' is also used by " + dir.resolve("a.yaml") + "; give each runbook its own id");
    }

    @Test
    void loadBuiltin_fromADirectoryOnTheClassPath(@TempDir Path root) throws Exception {
        Path folder = Files.createDirectories(root.resolve("runbooks"));
        Files.write(folder.resolve("b.yaml"), fixture("valid/unusual-resource-activity.yaml"));
        Files.write(folder.resolve("a.yaml"), fixture("valid/minimal.yaml"));
        Files.writeString(folder.resolve("README.md"), "ignored");
        Files.createDirectories(folder.resolve("sub")).resolve("c.yaml").toFile().createNewFile();

        try (URLClassLoader cl = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            List<Runbook> runbooks = loader.loadBuiltin(cl);

            assertThat(runbooks).extracting(Runbook::origin).containsExactly("builtin:a.yaml", "builtin:b.yaml");
            assertThat(runbooks).extracting(Runbook::id).containsExactly("minimal", "unusual-resource-activity");
        }
    }

    @Test
    void loadBuiltin_fromAJar(@TempDir Path root) throws Exception {
        Path jar = root.resolve("runbooks.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("runbooks/"));
            out.closeEntry();
            put(out, "runbooks/minimal.yaml", fixture("valid/minimal.yaml"));
            put(out, "runbooks/full.yaml", fixture("valid/unusual-resource-activity.yaml"));
            put(out, "runbooks/nested/ignored.yaml", fixture("broken/empty.yaml"));
            put(out, "other/ignored.yaml", fixture("broken/empty.yaml"));
        }

        try (URLClassLoader cl = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            List<Runbook> runbooks = loader.loadBuiltin(cl);

            assertThat(runbooks).extracting(Runbook::origin).containsExactly("builtin:full.yaml", "builtin:minimal.yaml");
        }
    }

    @Test
    void loadBuiltin_aBrokenBuiltin_failsWithItsProblems(@TempDir Path root) throws Exception {
        Path folder = Files.createDirectories(root.resolve("runbooks"));
        Files.write(folder.resolve("ok.yaml"), fixture("valid/minimal.yaml"));
        Files.write(folder.resolve("bad.yaml"), fixture("broken/unknown-action.yaml"));

        try (URLClassLoader cl = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            RunbookException e = catchThrowableOfType(RunbookException.class, () -> loader.loadBuiltin(cl));

            assertThat(e.getMessage()).isEqualTo(
                    "builtin:bad.yaml:17:17: unknown action 'ec2.findInstanse'; did you mean 'ec2.findInstance'?");
        }
    }

    @Test
    void loadBuiltin_noFolder_isEmpty() throws Exception {
        try (URLClassLoader cl = new URLClassLoader(new URL[0], null)) {
            assertThat(loader.loadBuiltin(cl)).isEmpty();
        }
    }

    private static void put(JarOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        ((OutputStream) out).write(content);
        out.closeEntry();
    }
}
