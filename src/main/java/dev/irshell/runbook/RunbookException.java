package dev.irshell.runbook;

import java.util.List;
import java.util.stream.Collectors;

/** A runbook that cannot be used: every problem found, each with its file:line:col. */
public final class RunbookException extends Exception {
    private final List<Problem> problems;

    public RunbookException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public RunbookException(Problem problem) {
        this(List.of(problem));
    }

    public List<Problem> problems() {
        return problems;
    }
}
