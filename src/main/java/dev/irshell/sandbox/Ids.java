package dev.irshell.sandbox;

import java.util.Random;

/**
 * Generated identifiers (request ids, event ids, new keys and resource ids), all drawn from one
 * Random seeded by {@link SandboxOptions#seed()} so that runs are reproducible.
 */
final class Ids {
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String SECRET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final String HEX = "0123456789abcdef";
    private final Random random;

    Ids(long seed) {
        this.random = new Random(seed);
    }

    synchronized String uuid() {
        return draw(HEX, 8) + "-" + draw(HEX, 4) + "-4" + draw(HEX, 3) + "-" + draw("89ab", 1) + draw(HEX, 3)
                + "-" + draw(HEX, 12);
    }

    /** {@code AKIA...} for long-term keys, {@code ASIA...} for temporary ones: 20 characters. */
    synchronized String accessKeyId(String prefix) {
        return prefix + draw(BASE32, 16);
    }

    synchronized String secretAccessKey() {
        String s = draw(SECRET, 40);
        SecretLedger.record(s);
        return s;
    }

    synchronized String sessionToken() {
        String s = "IQoJb3JpZ2luX2VjE" + draw(SECRET, 300);
        SecretLedger.record(s);
        return s;
    }

    /** Unique ids of IAM entities: {@code AIDA} (user), {@code AROA} (role) + 17 characters. */
    synchronized String uniqueId(String prefix) {
        return prefix + draw(UPPER_ALNUM, 17);
    }

    /** EC2 resource ids: {@code i-}, {@code r-}, {@code snap-} + 17 hex digits. */
    synchronized String ec2Id(String prefix) {
        return prefix + "-0" + draw(HEX, 16);
    }

    synchronized double nextDouble() {
        return random.nextDouble();
    }

    private String draw(String alphabet, int n) {
        StringBuilder out = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
