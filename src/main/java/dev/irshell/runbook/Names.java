package dev.irshell.runbook;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Name formats of the runbook language, and the "did you mean" search over known names. */
final class Names {
    /** Runbook ids: lowercase words joined by dashes, e.g. {@code unusual-resource-activity}. */
    static final Pattern RUNBOOK_ID = Pattern.compile("[a-z][a-z0-9-]*");
    /** Step ids, input names, output names and choice ids: camelCase, so expressions can name them. */
    static final Pattern CAMEL = Pattern.compile("[a-z][a-zA-Z0-9]*");

    private Names() {}

    static boolean isCamel(String s) {
        return s != null && CAMEL.matcher(s).matches();
    }

    /**
     * The known name closest to {@code word}, if it is close enough to be a likely typo: a
     * difference of case only, or an edit distance (with transpositions) of at most 1 for short
     * words, 2 for words of 5+ characters and 3 for words of 12+ characters.
     */
    static Optional<String> nearest(String word, Collection<String> known) {
        if (word == null || word.isEmpty()) {
            return Optional.empty();
        }
        String w = word.toLowerCase(Locale.ROOT);
        int limit = word.length() >= 12 ? 3 : word.length() >= 5 ? 2 : 1;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            if (k.equals(word)) {
                continue;
            }
            int d = distance(w, k.toLowerCase(Locale.ROOT));
            if (d < bestDistance && d <= limit) {
                best = k;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Optimal string alignment distance: Levenshtein plus adjacent transpositions. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
