package dev.irshell.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.irshell.Main;
import dev.irshell.sandbox.SandboxOptions;
import dev.irshell.sandbox.Scenario;
import dev.irshell.shell.LaunchOptions;
import dev.irshell.shell.Workspace;
import dev.irshell.testsupport.ScriptedTerminal;
import dev.irshell.transcript.Redactor;
import dev.irshell.transcript.TranscriptWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus ({@code resilience/bad-input.yaml} and the files beside it): for each thing
 * an operator can get wrong, the exact words that say what and where, the documented exit code,
 * and no stack trace unless --debug asks for one.
 */
class BadInputCorpusTest {
    static final Path CORPUS = SandboxRuns.runbooksDir().getParent();
    static final JsonNode CASES = read();

    @TempDir
    static Path tmp;

    static JsonNode read() {
        try (InputStream in = Files.newInputStream(CORPUS.resolve("bad-input.yaml"))) {
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fill(String s) {
        return s.replace("{corpus}", CORPUS.toString()).replace("{tmp}", tmp.toString());
    }

    static Stream<Arguments> cases(String kind) {
        List<Arguments> out = new ArrayList<>();
        CASES.path(kind).forEach(c -> out.add(Arguments.of(c.path("name").asText(), c)));
        return out.stream();
    }

    static Stream<Arguments> scenario() {
        return cases("scenario");
    }

    static Stream<Arguments> transcript() {
        return cases("transcript");
    }

    static Stream<Arguments> input() {
        return cases("input");
    }

    static Stream<Arguments> command() {
        return cases("command");
    }

    static Stream<Arguments> missingValue() {
        return cases("missing-value");
    }

    static Stream<Arguments> shell() {
        return cases("shell");
    }

    record Run(int code, String out, String err) {}

    static Run main(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args.toArray(String[]::new), Map.of("NO_COLOR", "1"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static List<String> args(JsonNode c) {
        List<String> args = new ArrayList<>();
        c.path("args").forEach(a -> args.add(fill(a.asText())));
        // nothing of these runs may leave evidence behind in the working folder
        args.addAll(List.of("--evidence-dir", tmp.resolve("evidence").toString()));
        return args;
    }

    /** Runs one case; its exit code, every text it expects, and no trace of a stack. */
    static void check(JsonNode c) {
        Run r = main(args(c));
        assertThat(r.code()).as(r.err() + r.out()).isEqualTo(c.path("exit").asInt());
        for (JsonNode expected : c.path("stderr")) {
            assertThat(r.err()).contains(fill(expected.asText()));
        }
        assertNoStackTrace(r.out() + r.err());
    }

    static void assertNoStackTrace(String shown) {
        assertThat(shown).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @BeforeAll
    static void truncatedTranscript() throws IOException {
        Path file = tmp.resolve("truncated.jsonl");
        try (TranscriptWriter w = TranscriptWriter.create(file, new Redactor(), Clock.systemUTC())) {
            w.append("header", JsonNodeFactory.instance.objectNode().put("note", "written by BadInputCorpusTest"));
            w.append("note", JsonNodeFactory.instance.objectNode().put("text", "the next line is cut off"));
        }
        Files.writeString(file, "{\"seq\":2,\"ts\":\"2026-11-21T20:1", StandardOpenOption.APPEND);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenario")
    void brokenScenario_namesTheFileLineAndColumn_exit2(String name, JsonNode c) {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcript")
    void malformedTranscript_saysWhatIsWrongAndWhere(String name, JsonNode c) {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("input")
    void invalidInput_namesTheFieldAndTheExpectedForm_exit2(String name, JsonNode c) {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("command")
    void unknownCommandOrOption_saysWhatThereIs_exit2(String name, JsonNode c) {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("missingValue")
    void optionWithoutItsValue_saysWhatItTakes_exit2(String name, JsonNode c) {
        check(c);
    }

    @Test
    void corpus_coversEveryKind_withEnoughCases() {
        int total = 0;
        for (String kind : List.of("scenario", "transcript", "input", "command", "missing-value", "shell")) {
            assertThat(CASES.path(kind).size()).as(kind).isGreaterThanOrEqualTo(4);
            total += CASES.path(kind).size();
        }
        assertThat(total).isGreaterThanOrEqualTo(20);
    }

    @Test
    void withDebug_theStackTraceFollowsTheSameMessage() {
        JsonNode unknown = CASES.path("command").get(0);
        List<String> args = new ArrayList<>(args(unknown));
        args.add(0, "--debug");
        Run r = main(args);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(fill(unknown.path("stderr").get(0).asText()), "\tat ", "UsageException");

        List<String> scenario = new ArrayList<>(args(CASES.path("scenario").get(3)));
        scenario.add("--debug");
        Run s = main(scenario);
        assertThat(s.code()).isEqualTo(2);
        assertThat(s.err()).contains("not a scenario: byte 0x89 is not UTF-8 text", "\tat ");
    }

    // ------------------------------------------------------------------ the interactive shell

    static String screen;

    /** Types every shell case, in order, into one real shell session on the sandbox. */
    static synchronized String screen() {
        if (screen != null) {
            return screen;
        }
        List<String> lines = new ArrayList<>();
        CASES.path("shell").forEach(c -> c.path("type").forEach(t -> lines.add(t.asText())));
        lines.add("end");
        LaunchOptions o = new LaunchOptions(null, "us-east-1", false, false, tmp.resolve("shell-evidence"),
                CORPUS.resolve("runbooks"), null, false, false, "", null, false, List.of());
        Workspace ws = Workspace.sandbox(o, Clock.systemUTC(), Scenario.builtin(Scenario.defaultName()), SandboxOptions.defaults());
        try (ws) {
            screen = ScriptedTerminal.type(ws, lines);
        }
        return screen;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shell")
    void shell_badInputAnsweredInWords_andTheShellCarriesOn(String name, JsonNode c) {
        String shown = screen();
        for (JsonNode expected : c.path("screen")) {
            assertThat(shown).contains(fill(expected.asText()));
        }
        assertNoStackTrace(shown);
        assertThat(shown).contains("session ended:");
    }
}
