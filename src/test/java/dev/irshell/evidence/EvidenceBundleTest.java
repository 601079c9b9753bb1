package dev.irshell.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.Main;
import dev.irshell.transcript.Hashes;
import dev.irshell.transcript.Manifest;
import dev.irshell.transcript.OperatorKey;
import dev.irshell.transcript.TranscriptEntry;
import dev.irshell.transcript.TranscriptReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session folder as an evidence bundle: raw AWS responses as artifacts referenced by SHA-256,
 * a manifest, and the seal signed with the operator's Ed25519 key; {@code transcript verify}
 * says which of chain, artifacts and signature failed. One real sandbox session (procedure 001,
 * every change approved) is made once and copied for each tampering.
 */
class EvidenceBundleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static Path original;
    static Path home;
    static String printed;

    @TempDir
    Path dir;
    Path bundle;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    static int main(Path home, ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        return Main.run(args, Map.of("NO_COLOR", "1", "IRSHELL_HOME", home.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void oneSession() throws Exception {
        home = shared.resolve("home");
        Path answers = shared.resolve("answers.yaml");
        Files.writeString(answers, "moveApplication: done\nconcludeReview: moreActivity\n");
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = main(home, o, e, "--sandbox", "run", "unusual-resource-activity", "--input",
                "instanceId=i-02aabfe228f219e9c", "--approve-all", "--answers", answers.toString(),
                "--evidence-dir", shared.resolve("evidence").toString());
        printed = o.toString(StandardCharsets.UTF_8);
        assertThat(code).as(printed + e).isZero();
        try (Stream<Path> s = Files.list(shared.resolve("evidence"))) {
            original = s.findFirst().orElseThrow();
        }
    }

    @BeforeEach
    void copy() throws Exception {
        bundle = dir.resolve("bundle");
        try (Stream<Path> s = Files.walk(original)) {
            for (Path p : s.toList()) {
                Path t = bundle.resolve(original.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    int verify() {
        return main(home, out, err, "transcript", "verify", bundle.toString());
    }

    String said() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    List<TranscriptEntry> entries() throws Exception {
        return TranscriptReader.read(bundle.resolve("transcript.jsonl"));
    }

    List<Path> artifacts() throws Exception {
        try (Stream<Path> s = Files.list(bundle.resolve("artifacts"))) {
            return s.sorted().toList();
        }
    }

    @Test
    void sealedSession_isABundleThatVerifiesInAllThreeParts() throws Exception {
        assertThat(verify()).as(said()).isZero();
        assertThat(said()).startsWith("OK: ").contains("artifacts: ok — ", "signature: ok — Ed25519 signature of the final digest by key SHA256:");
        JsonNode manifest = JSON.readTree(bundle.resolve("manifest.json").toFile());
        assertThat(manifest.get("format").asText()).isEqualTo(Manifest.FORMAT);
        assertThat(manifest.get("artifacts")).hasSize(artifacts().size());
        assertThat(manifest.at("/transcript/sha256").asText()).isEqualTo(Hashes.sha256Hex(bundle.resolve("transcript.jsonl")));
        // the operator was told the digest and the key
        assertThat(printed).contains("final digest " + manifest.get("finalDigest").asText(),
                "signed with your key " + manifest.at("/signature/fingerprint").asText());
    }

    @Test
    void relativeEvidenceFolder_isSignedToo() throws Exception {
        // the operator's usual case: --evidence-dir evidence, relative to where irshell runs
        Path cwd = Path.of("").toAbsolutePath();
        Path rel = cwd.relativize(dir.resolve("rel-evidence").toAbsolutePath());
        assertThat(main(home, out, err, "--sandbox", "run", "unusual-resource-activity", "--input",
                "instanceId=i-02aabfe228f219e9c", "--evidence-dir", rel.toString())).as(said()).isEqualTo(4);
        Path session;
        try (Stream<Path> s = Files.list(dir.resolve("rel-evidence"))) {
            session = s.findFirst().orElseThrow();
        }
        assertThat(JSON.readTree(session.resolve("manifest.json").toFile()).at("/transcript/path").asText())
                .isEqualTo("transcript.jsonl");
        out.reset();
        assertThat(main(home, out, err, "transcript", "verify", session.toString())).as(said()).isZero();
    }

    @Test
    void awsResponses_areArtifactsReferencedBySha256_andTheTranscriptNoLongerHoldsThem() throws Exception {
        List<TranscriptEntry> calls = entries().stream().filter(e -> e.type().equals("aws.call")).toList();
        assertThat(calls).isNotEmpty().allSatisfy(c -> assertThat(c.data().has("response")).isFalse());
        TranscriptEntry lookup = calls.stream().filter(c -> c.data().get("operation").asText().equals("LookupEvents"))
                .findFirst().orElseThrow();
        JsonNode ref = lookup.data().get("responseArtifact");
        Path file = bundle.resolve(ref.get("path").asText());
        assertThat(Hashes.sha256Hex(file)).isEqualTo(ref.get("sha256").asText());
        assertThat(Files.size(file)).isEqualTo(ref.get("bytes").asLong());
        assertThat(JSON.readTree(file.toFile()).get("Events")).isNotEmpty();
        // the key list read before the key was deactivated is kept as it was then
        assertThat(calls.stream().filter(c -> c.data().get("operation").asText().equals("ListAccessKeys")))
                .isNotEmpty().allMatch(c -> c.data().has("responseArtifact"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void header_declaresTheSigningKey_andThePrivateKeyIsTheOwnersAlone() throws Exception {
        JsonNode signer = entries().get(0).data().get("signer");
        OperatorKey key = OperatorKey.loadOrCreate(home.resolve("keys"));
        assertThat(signer.get("fingerprint").asText()).isEqualTo(key.fingerprint()).startsWith("SHA256:");
        assertThat(signer.get("publicKey").asText()).isEqualTo(key.publicKeyBase64());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key.file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key.file().getParent()))).isEqualTo("rwx------");
    }

    @Test
    void alteredArtifact_failsTheArtifactsPartAndNamesTheFile() throws Exception {
        Path victim = artifacts().get(0);
        String text = Files.readString(victim);
        Files.writeString(victim, text.replaceFirst("\\d", "7").equals(text) ? text + " " : text.replaceFirst("\\d", "7"));
        assertThat(verify()).isEqualTo(3);
        assertThat(said()).startsWith("OK: ").contains("artifacts: FAILED", "artifacts/" + victim.getFileName() + ": altered",
                "signature: ok");
    }

    @Test
    void missingArtifact_failsTheArtifactsPart() throws Exception {
        Path victim = artifacts().get(artifacts().size() - 1);
        Files.delete(victim);
        assertThat(verify()).isEqualTo(3);
        assertThat(said()).contains("artifacts: FAILED", "artifacts/" + victim.getFileName() + ": missing (referenced at line ");
    }

    @Test
    void forgedSignatureValue_failsTheSignaturePart() throws Exception {
        ObjectNode m = (ObjectNode) JSON.readTree(bundle.resolve("manifest.json").toFile());
        String sig = m.at("/signature/value").asText();
        ((ObjectNode) m.get("signature")).put("value", (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1));
        JSON.writeValue(bundle.resolve("manifest.json").toFile(), m);
        assertThat(verify()).isEqualTo(3);
        assertThat(said()).contains("artifacts: ok", "signature: FAILED", "the signature does not verify with the declared key");
    }

    @Test
    void resignedWithAnotherKey_isCaughtBecauseTheHeaderDeclaresTheKey() throws Exception {
        OperatorKey other = OperatorKey.loadOrCreate(dir.resolve("other-keys"));
        JsonNode m = JSON.readTree(bundle.resolve("manifest.json").toFile());
        Manifest.write(bundle, "forged", bundle.resolve("transcript.jsonl"), m.at("/transcript/entries").asLong(),
                m.get("finalDigest").asText(), List.of(), other);
        assertThat(verify()).isEqualTo(3);
        assertThat(said()).contains("signature: FAILED", "signed with key " + other.fingerprint() + ", but the transcript declares");
    }

    @Test
    void missingManifest_meansNoSignature() throws Exception {
        Files.delete(bundle.resolve("manifest.json"));
        assertThat(verify()).isEqualTo(3);
        assertThat(said()).contains("signature: FAILED — no manifest.json beside the transcript");
    }

    @Test
    void cutOffSession_hasNothingSignedYet_andSaysHowToGoOn() throws Exception {
        Path t = bundle.resolve("transcript.jsonl");
        List<String> lines = Files.readAllLines(t);
        Files.write(t, lines.subList(0, lines.size() - 5));
        Files.delete(bundle.resolve("manifest.json"));
        assertThat(verify()).isEqualTo(3);
        assertThat(said()).contains("UNSEALED", "signature: none — the session was cut off before its seal",
                "irshell resume");
    }

    @Test
    void outputJson_reportsEachPart() throws Exception {
        Files.delete(artifacts().get(0));
        assertThat(main(home, out, err, "--output", "json", "transcript", "verify", bundle.toString())).isEqualTo(3);
        JsonNode n = JSON.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(n.get("status").asText()).isEqualTo("ok");
        assertThat(n.at("/artifacts/status").asText()).isEqualTo("failed");
        assertThat(n.at("/artifacts/problems/0").asText()).contains(": missing");
        assertThat(n.at("/signature/status").asText()).isEqualTo("ok");
        assertThat(n.get("ok").asBoolean()).isFalse();
    }
}
