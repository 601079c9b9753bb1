package dev.irshell.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.irshell.testsupport.TestClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TranscriptWriter.openForAppend: a chain continued where it stopped, never after damage or a seal. */
class TranscriptAppendTest {
    @TempDir
    Path dir;

    final TestClock clock = new TestClock("2026-11-21T10:00:00Z");

    Path chain(String name, int entries) throws IOException {
        Path f = dir.resolve(name);
        try (TranscriptWriter w = TranscriptWriter.create(f, new Redactor(), clock)) {
            for (int i = 0; i < entries; i++) {
                w.append(i == 0 ? "header" : "annotation", JsonNodeFactory.instance.objectNode().put("n", i));
            }
        }
        return f;
    }

    @Test
    void append_continuesTheChain_seqAndHashAndTime() throws Exception {
        Path f = chain("notes.jsonl", 2);
        clock.set("2026-11-21T09:00:00Z"); // a clock behind the file: time order is kept
        try (TranscriptWriter w = TranscriptWriter.openForAppend(f, new Redactor(), clock)) {
            assertThat(w.count()).isEqualTo(2);
            assertThat(w.append("annotation", JsonNodeFactory.instance.objectNode().put("text", "aws_secret_access_key="
                    + "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))).isEqualTo(2);
        }
        VerifyResult r = TranscriptVerifier.verify(f);
        assertThat(r.status()).isEqualTo(VerifyResult.Status.UNSEALED);
        assertThat(r.entries()).isEqualTo(3);
        assertThat(r.brokenAtLine()).isZero();
        assertThat(TranscriptReader.read(f).get(2).ts()).isEqualTo(TranscriptReader.read(f).get(1).ts());
        assertThat(Files.readString(f)).doesNotContain("wJalrXUtnFEMI").contains(Redactor.MASK);
    }

    @Test
    void append_refusesABrokenChain_aTornLine_andASeal() throws Exception {
        Path f = chain("broken.jsonl", 3);
        Files.writeString(f, Files.readString(f).replace("\"n\":1", "\"n\":9"));
        assertThatThrownBy(() -> TranscriptWriter.openForAppend(f, new Redactor(), clock))
                .isInstanceOf(IOException.class).hasMessageContaining("does not verify (line 2");

        Path torn = dir.resolve("torn.jsonl");
        Files.copy(chain("whole.jsonl", 2), torn);
        Files.writeString(torn, "{\"seq\":2,", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertThatThrownBy(() -> TranscriptWriter.openForAppend(torn, new Redactor(), clock))
                .isInstanceOf(IOException.class).hasMessageContaining("line 3 is incomplete");

        Path sealed = dir.resolve("sealed.jsonl");
        try (TranscriptWriter w = TranscriptWriter.create(sealed, new Redactor(), clock)) {
            w.append("header", JsonNodeFactory.instance.objectNode());
            w.seal();
        }
        byte[] before = Files.readAllBytes(sealed);
        assertThatThrownBy(() -> TranscriptWriter.openForAppend(sealed, new Redactor(), clock))
                .isInstanceOf(IOException.class).hasMessageContaining("is sealed");
        assertThat(Files.readAllBytes(sealed)).isEqualTo(before);
    }
}
