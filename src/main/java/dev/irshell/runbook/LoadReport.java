package dev.irshell.runbook;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The outcome of loading a folder of runbooks: every runbook that loaded, and for every file
 * that did not, its problems, so one bad file does not hide the others.
 *
 * @param runbooks the runbooks that loaded, by file name
 * @param problems the problems of each file that did not load, by file, in file-name order
 */
public record LoadReport(List<Runbook> runbooks, Map<Path, List<Problem>> problems) {
    public LoadReport {
        runbooks = List.copyOf(runbooks);
        problems = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(problems));
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** Every problem of every file, in file order. */
    public List<Problem> allProblems() {
        return problems.values().stream().flatMap(List::stream).toList();
    }
}
