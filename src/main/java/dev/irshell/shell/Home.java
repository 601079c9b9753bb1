package dev.irshell.shell;

import java.nio.file.Path;
import java.util.Map;

/**
 * The user's irshell folder: {@code IRSHELL_HOME} when set, else {@code ~/.irshell}. It holds the
 * shell history, the log and the operator's signing key ({@code keys/}).
 */
public final class Home {
    private Home() {}

    public static Path of(Map<String, String> env) {
        String h = env.get("IRSHELL_HOME");
        return h != null && !h.isBlank() ? Path.of(h) : Path.of(System.getProperty("user.home"), ".irshell");
    }

    /** Where the operator's Ed25519 key pair lives. */
    public static Path keys(Path home) {
        return home.resolve("keys");
    }
}
