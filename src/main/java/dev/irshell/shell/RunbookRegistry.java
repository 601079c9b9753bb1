package dev.irshell.shell;

import dev.irshell.runbook.Problem;
import dev.irshell.runbook.RunbookCalls;
import dev.irshell.runbook.Runbook;
import dev.irshell.runbook.RunbookException;
import dev.irshell.runbook.RunbookLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runbooks a session can start: the built-in ones, then those of {@code --runbooks DIR}
 * (a runbook there with a built-in's id replaces it). Problems in the folder are kept for
 * display, never hidden.
 */
public final class RunbookRegistry {
    private final RunbookLoader loader;
    private final Map<String, Runbook> byId = new LinkedHashMap<>();
    private final List<Problem> problems = new ArrayList<>();

    public RunbookRegistry(RunbookLoader loader, Path extraDir) {
        this.loader = loader;
        try {
            for (Runbook rb : loader.loadBuiltin()) {
                byId.put(rb.id(), rb);
            }
        } catch (RunbookException e) {
            problems.addAll(e.problems());
        }
        if (extraDir != null) {
            if (!Files.isDirectory(extraDir)) {
                throw new UsageException("--runbooks " + extraDir + " is not a folder of runbook YAML files");
            }
            try {
                var report = loader.loadDirectory(extraDir);
                report.runbooks().forEach(rb -> byId.put(rb.id(), rb));
                problems.addAll(report.allProblems());
            } catch (java.io.IOException e) {
                throw new UsageException("--runbooks " + extraDir + " cannot be read: " + e.getMessage());
            }
        }
        checkCalls();
    }

    /** Drops runbooks whose calls to other runbooks do not hold, keeping their problems for display. */
    private void checkCalls() {
        List<Problem> calls = RunbookCalls.check(byId.values());
        problems.addAll(calls);
        calls.forEach(p -> byId.values().removeIf(rb -> rb.origin().equals(p.pos().file())));
    }

    public List<Runbook> all() {
        return List.copyOf(byId.values());
    }

    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    /** By id, or else as a path to a runbook file. */
    public Runbook resolve(String idOrPath) throws RunbookException {
        Runbook rb = byId.get(idOrPath);
        if (rb != null) {
            return rb;
        }
        Path p = Path.of(idOrPath);
        if (idOrPath.endsWith(".yaml") || idOrPath.endsWith(".yml") || Files.isRegularFile(p)) {
            if (!Files.isRegularFile(p)) {
                throw new UsageException("no runbook file " + idOrPath);
            }
            Runbook loaded = loader.load(p);
            List<Runbook> with = new ArrayList<>(byId.values());
            with.removeIf(other -> other.id().equals(loaded.id()));
            with.add(loaded);
            List<Problem> calls = RunbookCalls.check(with).stream().filter(pr -> pr.pos().file().equals(loaded.origin())).toList();
            if (!calls.isEmpty()) {
                throw new RunbookException(calls);
            }
            return loaded;
        }
        throw new UsageException("no runbook '" + idOrPath + "'; the runbooks are: " + String.join(", ", byId.keySet())
                + " (or give a path to a .yaml file)");
    }

    public Optional<Runbook> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }
}
