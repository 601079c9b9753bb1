package dev.irshell.sandbox;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Scenario times relative to the sandbox start: {@code -3d}, {@code -2h15m}, {@code -90s}, {@code 0}. */
final class Offsets {
    private static final Pattern OFFSET = Pattern.compile("-?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private Offsets() {
    }

    /** Parses an offset; null when the text is not one. Offsets are never after the start. */
    static Duration parse(String text) {
        String t = text.trim();
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = OFFSET.matcher(t);
        if (t.isEmpty() || t.equals("-") || !m.matches() || !t.startsWith("-")) {
            return null;
        }
        Duration d = Duration.ZERO;
        if (m.group(1) != null) {
            d = d.plusDays(Long.parseLong(m.group(1)));
        }
        if (m.group(2) != null) {
            d = d.plusHours(Long.parseLong(m.group(2)));
        }
        if (m.group(3) != null) {
            d = d.plusMinutes(Long.parseLong(m.group(3)));
        }
        if (m.group(4) != null) {
            d = d.plusSeconds(Long.parseLong(m.group(4)));
        }
        return d.isZero() ? null : d.negated();
    }

    /** Parses a positive period ({@code 6h}, {@code 1d}); null when the text is not one. */
    static Duration period(String text) {
        Duration d = parse("-" + text.trim());
        return d == null || text.trim().startsWith("-") ? null : d.negated();
    }
}
