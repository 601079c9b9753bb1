package dev.irshell.sandbox;

import java.util.List;
import java.util.stream.Collectors;

/** A scenario file that cannot be used, with every problem found and where (file:line:col). */
public final class ScenarioException extends RuntimeException {
    private final List<Problem> problems;

    public ScenarioException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /** One problem: where it is (line and column 1-based, 0 when unknown) and what was expected. */
    public record Problem(String file, int line, int column, String message) {
        @Override
        public String toString() {
            return (line > 0 ? file + ":" + line + ":" + column : file) + ": " + message;
        }
    }
}
