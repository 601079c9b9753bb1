package dev.irshell.engine;

import java.util.List;

/** Inputs given to a runbook that it cannot take; each problem names the input and the form expected. */
public final class InputException extends Exception {
    private final List<String> problems;

    public InputException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
