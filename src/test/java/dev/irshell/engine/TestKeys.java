package dev.irshell.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One signing-key folder for the engine tests, outside the user's own irshell folder. */
final class TestKeys {
    private static Path dir;

    private TestKeys() {}

    static synchronized Path dir() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("irshell-test-keys").resolve("keys");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }
}
