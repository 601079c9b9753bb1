package dev.irshell.sandbox;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every secret the sandboxes of this JVM have handed out or been given: secret access keys and
 * session tokens they minted, and console passwords set through them. A simulated account knows
 * what must never be written down, so the redaction of every transcript, artifact, export and log
 * can be proved against it (the test suite scans all the files it produces for these values).
 */
public final class SecretLedger {
    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

    private SecretLedger() {}

    static void record(String secret) {
        if (secret != null && secret.length() >= 8) {
            SECRETS.add(secret);
        }
    }

    /** A snapshot of every secret recorded so far. */
    public static Set<String> all() {
        return Set.copyOf(SECRETS);
    }
}
