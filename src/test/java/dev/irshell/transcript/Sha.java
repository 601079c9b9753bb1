package dev.irshell.transcript;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/** SHA-256 computed in the test itself, independent of {@link Hashes}. */
final class Sha {
    static final String ZEROS = "0000000000000000000000000000000000000000000000000000000000000000";

    private Sha() {}

    static String of(String line) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(line.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
