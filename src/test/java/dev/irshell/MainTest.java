package dev.irshell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.irshell.transcript.Redactor;
import dev.irshell.transcript.TranscriptWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-shot command line: what it prints and the documented exit code, for good and bad input. */
class MainTest {
    @TempDir
    Path dir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int main(String... args) {
        return Main.run(args, Map.of("NO_COLOR", "1"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    Path sealedTranscript() throws Exception {
        Path f = dir.resolve("s/transcript.jsonl");
        var key = dev.irshell.transcript.OperatorKey.loadOrCreate(dir.resolve("keys"));
        try (TranscriptWriter w = TranscriptWriter.create(f, new Redactor(), Clock.systemUTC())) {
            var header = JsonNodeFactory.instance.objectNode().put("tool", "irshell");
            header.putObject("signer").put("algorithm", "Ed25519").put("fingerprint", key.fingerprint())
                    .put("publicKey", key.publicKeyBase64());
            w.append("header", header);
            w.append("note", JsonNodeFactory.instance.objectNode().put("text", "first"));
            w.append("note", JsonNodeFactory.instance.objectNode().put("text", "second"));
            String digest = w.seal();
            dev.irshell.transcript.Manifest.write(f.getParent(), "test", f, w.count(), digest, java.util.List.of(), key);
        }
        return f;
    }

    @Test
    void version_and_help_exit0() {
        assertThat(main("--version")).isZero();
        assertThat(stdout()).startsWith("irshell 0.");
        assertThat(main("help")).isZero();
        assertThat(stdout()).contains("Exit codes: 0 done; 1 an AWS or runtime failure");
    }

    @Test
    void unknownCommand_exits2NamingTheCommands() {
        assertThat(main("rnu")).isEqualTo(2);
        assertThat(stderr()).contains("irshell: unknown command 'rnu'.", "The commands are: run, resume, preflight, validate");
    }

    @Test
    void unknownOption_exits2() {
        assertThat(main("--frobnicate")).isEqualTo(2);
        assertThat(stderr()).contains("unknown option --frobnicate");
    }

    @Test
    void unknownRegion_exits2WithTheExpectedForm() {
        assertThat(main("--region", "mars-north-1", "runbooks")).isEqualTo(2);
        assertThat(stderr()).contains("--region must be a known AWS region code such as us-east-1, got 'mars-north-1'");
    }

    @Test
    void optionWithoutValue_exits2() {
        assertThat(main("runbooks", "--profile")).isEqualTo(2);
        assertThat(stderr()).contains("--profile needs a value: --profile NAME");
    }

    @Test
    void validate_shippedRunbook_exits0() {
        assertThat(main("validate", "runbooks/unusual-resource-activity.yaml")).isZero();
        assertThat(stdout()).contains("OK runbooks/unusual-resource-activity.yaml (unusual-resource-activity, 12 steps)");
    }

    @Test
    void validate_brokenRunbook_exits2WithFileLineCol() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                id: bad
                title: Bad
                summary: A broken runbook
                version: "1"
                source: {title: T, url: "https://example.com"}
                sections:
                  - title: S
                    steps:
                      - id: one
                        name: One
                        action: ec2.findInstanse
                        with: {instanceId: i-0123456789abcdef0}
                """);
        assertThat(main("validate", bad.toString())).isEqualTo(2);
        assertThat(stderr()).contains(bad + ":11:", "unknown action 'ec2.findInstanse'; did you mean 'ec2.findInstance'?",
                "INVALID " + bad);
    }

    @Test
    void validate_withoutFiles_exits2() {
        assertThat(main("validate")).isEqualTo(2);
        assertThat(stderr()).contains("validate needs at least one runbook file");
    }

    @Test
    void transcriptVerify_intact_exits0() throws Exception {
        assertThat(main("transcript", "verify", sealedTranscript().toString())).isZero();
        assertThat(stdout()).startsWith("OK: 4 entries, sealed, final digest ");
    }

    @Test
    void transcriptVerify_modifiedEntry_exits3NamingTheLine() throws Exception {
        Path f = sealedTranscript();
        List<String> lines = Files.readAllLines(f);
        lines.set(1, lines.get(1).replace("first", "forst"));
        Files.write(f, lines);
        assertThat(main("transcript", "verify", f.toString())).isEqualTo(3);
        assertThat(stderr()).contains("line 2 (seq 1): modified");
    }

    @Test
    void transcriptVerify_cutOff_exits3() throws Exception {
        Path f = sealedTranscript();
        List<String> lines = Files.readAllLines(f);
        Files.write(f, lines.subList(0, 3));
        assertThat(main("transcript", "verify", f.toString())).isEqualTo(3);
        assertThat(stderr()).contains("never sealed");
    }

    @Test
    void outputJson_validateAndVerify_printOneParsableDocument() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "id: Bad\n");
        assertThat(main("--output", "json", "validate", "runbooks/unusual-resource-activity.yaml", bad.toString())).isEqualTo(2);
        var v = mapper.readTree(stdout());
        assertThat(v.get(0).get("ok").asBoolean()).isTrue();
        assertThat(v.get(0).get("runbook").asText()).isEqualTo("unusual-resource-activity");
        assertThat(v.get(1).get("ok").asBoolean()).isFalse();
        assertThat(v.get(1).get("problems").get(0).get("line").asInt()).isPositive();
        assertThat(stderr()).isEmpty();

        out.reset();
        Path f = sealedTranscript();
        assertThat(main("transcript", "verify", f.toString(), "--output=json")).isZero();
        var t = mapper.readTree(stdout());
        assertThat(t.get("status").asText()).isEqualTo("ok");
        assertThat(t.get("entries").asInt()).isEqualTo(4);
    }

    @Test
    void outputJson_unknownFormat_isAUsageError() {
        assertThat(main("--output", "yaml", "runbooks")).isEqualTo(2);
        assertThat(stderr()).contains("--output must be text or json, got 'yaml'");
    }

    @Test
    void transcriptVerify_missingFile_exits2() {
        assertThat(main("transcript", "verify", dir.resolve("nope.jsonl").toString())).isEqualTo(2);
        assertThat(stderr()).contains("no transcript at");
    }

    @Test
    void run_unknownRunbook_exits2() {
        assertThat(main("run", "no-such-runbook")).isEqualTo(2);
        assertThat(stderr()).contains("no runbook 'no-such-runbook'; the runbooks are: unauthorized-activity, unusual-resource-activity");
    }

    @Test
    void run_missingRequiredInput_exits2NamingIt() {
        assertThat(main("run", "unusual-resource-activity", "--evidence-dir", dir.toString())).isEqualTo(2);
        assertThat(stderr()).contains("input 'instanceId' (the EC2 instance nobody remembers launching) is required: "
                + "give it as --input instanceId=VALUE");
    }

    @Test
    void run_unreachableAccount_exits1WithAdviceAndNoStackTrace() {
        int code = main("run", "unusual-resource-activity", "--input", "instanceId=i-0123456789abcdef0",
                "--endpoint-url", "http://127.0.0.1:9", "--evidence-dir", dir.toString());
        assertThat(code).isEqualTo(1);
        assertThat(stderr()).contains("cannot identify the account", "What to do:").doesNotContain("\tat ", "Exception:");
    }
}
