package dev.irshell.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashesTest {
    @TempDir
    Path dir;

    @Test
    void sha256Hex_matchesKnownVector() {
        // FIPS 180-2 test vector for "abc"
        assertThat(Hashes.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void sha256Hex_ofEmptyInput() {
        assertThat(Hashes.sha256Hex(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void sha256Hex_ofFile_equalsHashOfItsBytes_evenBeyondOneBuffer() throws Exception {
        byte[] bytes = new byte[200_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Path file = Files.write(dir.resolve("blob"), bytes);

        assertThat(Hashes.sha256Hex(file)).isEqualTo(Hashes.sha256Hex(bytes)).hasSize(64).matches("[0-9a-f]+");
    }
}
