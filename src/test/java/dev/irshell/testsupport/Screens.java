package dev.irshell.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

/** Checks on what a shell test's terminal showed. */
public final class Screens {
    private Screens() {}

    /**
     * Fails unless the screen shows every one of {@code expected}, naming the missing ones
     * first: a CI log keeps the head of a long message, and the whole screen comes after.
     */
    public static void assertShows(String screen, String... expected) {
        List<String> missing = Arrays.stream(expected).filter(e -> !screen.contains(e)).toList();
        assertThat(missing).withFailMessage("the screen lacks %s%n--- the screen, whole:%n%s", missing, screen).isEmpty();
    }
}
