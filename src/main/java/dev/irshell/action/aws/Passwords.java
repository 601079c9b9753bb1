package dev.irshell.action.aws;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Strong random console passwords: {@value #LENGTH} characters from SecureRandom with at least one
 * upper-case letter, lower-case letter, digit and symbol, so they satisfy AWS's default password
 * policy (8+ characters, three of the four classes) and any custom policy up to {@value #LENGTH}
 * characters. Symbols are those IAM's policy counts ({@code ! @ # $ % ^ & * ( ) _ + - = [ ] { } |}),
 * without quotes or backslash so the value copies cleanly from a terminal.
 */
final class Passwords {
    static final int LENGTH = 32;
    static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    static final String DIGITS = "23456789";
    static final String SYMBOLS = "!@#$%^&*()_+-=[]{}|";
    private static final String ALL = UPPER + LOWER + DIGITS + SYMBOLS;

    private final SecureRandom random;

    Passwords() {
        this(new SecureRandom());
    }

    Passwords(SecureRandom random) {
        this.random = random;
    }

    String next() {
        List<Character> chars = new ArrayList<>(LENGTH);
        chars.add(pick(UPPER));
        chars.add(pick(LOWER));
        chars.add(pick(DIGITS));
        chars.add(pick(SYMBOLS));
        while (chars.size() < LENGTH) {
            chars.add(pick(ALL));
        }
        Collections.shuffle(chars, random);
        StringBuilder b = new StringBuilder(LENGTH);
        chars.forEach(b::append);
        return b.toString();
    }

    private char pick(String from) {
        return from.charAt(random.nextInt(from.length()));
    }
}
