package dev.irshell.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suite-wide scan finds a planted secret of each kind, and only a real one. */
class SecretScanTest {
    static final String KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKY";
    static final String TOKEN = "IQoJb3JpZ2luX2VjE" + "a".repeat(120);
    static final String PASSWORD = "x7!Qp#R2m@Zt9";

    @TempDir
    Path other;

    @Test
    void findsAKeyInsideLongerText_aTokenAndAPassword_namingTheFile() throws Exception {
        Files.writeString(other.resolve("a.jsonl"), "{\"SecretAccessKey\":\"AAAA" + KEY + "\"}");
        Files.createDirectories(other.resolve("artifacts"));
        Files.writeString(other.resolve("artifacts/b.json"), "token=" + TOKEN);
        Files.writeString(other.resolve("c.log"), "password " + PASSWORD + " set");
        Files.writeString(other.resolve("clean.txt"), "[REDACTED] " + KEY.substring(0, 39));
        var found = SecretScan.scan(Set.of(other), Set.of(KEY, TOKEN, PASSWORD));
        assertThat(found).hasSize(3);
        assertThat(String.join("\n", found)).contains("a.jsonl: secret access key wJal…(40 chars)",
                "b.json: session token IQoJ…(", "c.log: password x7!Q…(13 chars)").doesNotContain("clean.txt");
        // the report itself does not carry the secret
        assertThat(String.join("\n", found)).doesNotContain(KEY, PASSWORD);
    }
}
