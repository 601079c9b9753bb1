package dev.irshell.runbook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Loads runbooks from files, bytes, a folder or the classpath: reads the YAML with positions
 * ({@link LocatedYaml}), maps it onto the model ({@link RunbookReader}), checks it
 * ({@link RunbookValidator}), and throws every problem of a file at once, sorted by place.
 */
public final class RunbookLoader {
    /** Where built-in runbooks live on the classpath. */
    public static final String BUILTIN_FOLDER = "runbooks";
    /** How a built-in runbook's origin starts. */
    public static final String BUILTIN_PREFIX = "builtin:";

    private static final Comparator<Problem> BY_PLACE = Comparator
            .comparingInt((Problem p) -> p.pos().line())
            .thenComparingInt(p -> p.pos().col());

    private final RunbookValidator validator;

    /**
     * @param actions the catalogue's signature of an action by name; without the names of all
     *                actions, "did you mean" cannot be offered for a misspelt action
     */
    public RunbookLoader(Function<String, Optional<ActionSignature>> actions) {
        this(actions, List.of());
    }

    /**
     * @param actionNames every action name in the catalogue, searched for "did you mean" when a
     *                    runbook names an unknown action
     */
    public RunbookLoader(Function<String, Optional<ActionSignature>> actions, Collection<String> actionNames) {
        this.validator = new RunbookValidator(actions, actionNames);
    }

    /** Loads one file; messages print the path as given. */
    public Runbook load(Path file) throws RunbookException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new RunbookException(new Problem(SourcePos.unknown(file.toString()), Messages.unreadable(reason(e))));
        }
        return load(file.toString(), content);
    }

    /**
     * Loads one runbook from its bytes.
     *
     * @param origin what messages print as the file, e.g. a path or {@code builtin:<name>.yaml}
     */
    public Runbook load(String origin, byte[] content) throws RunbookException {
        LocatedYaml yaml = LocatedYaml.parse(origin, content);
        RunbookReader.Result read = RunbookReader.read(yaml, sha256(content));
        LinkedHashSet<Problem> problems = new LinkedHashSet<>(yaml.problems());
        problems.addAll(read.problems());
        problems.addAll(validator.validate(read.runbook(), yaml, read.pointers()));
        if (!problems.isEmpty()) {
            List<Problem> sorted = new ArrayList<>(problems);
            sorted.sort(BY_PLACE);
            throw new RunbookException(sorted);
        }
        return read.runbook();
    }

    /** Every {@code runbooks/*.yaml} on this class's class path, in name order. */
    public List<Runbook> loadBuiltin() throws RunbookException {
        return loadBuiltin(RunbookLoader.class.getClassLoader());
    }

    /**
     * Every {@code runbooks/*.yaml} {@code loader} can see, in name order, each with origin
     * {@code builtin:<file name>}.
     *
     * @throws RunbookException with the problems of every built-in runbook that does not load
     */
    public List<Runbook> loadBuiltin(ClassLoader loader) throws RunbookException {
        List<ClasspathFolder.Entry> entries;
        try {
            entries = ClasspathFolder.list(loader, BUILTIN_FOLDER, ".yaml");
        } catch (IOException e) {
            throw new RunbookException(new Problem(SourcePos.unknown(BUILTIN_PREFIX + BUILTIN_FOLDER),
                    Messages.unreadable(reason(e))));
        }
        List<Runbook> runbooks = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (ClasspathFolder.Entry e : entries) {
            try {
                runbooks.add(load(BUILTIN_PREFIX + e.name(), e.content()));
            } catch (RunbookException ex) {
                problems.addAll(ex.problems());
            }
        }
        problems.addAll(duplicateIds(runbooks).values().stream().flatMap(List::stream).toList());
        if (!problems.isEmpty()) {
            throw new RunbookException(problems);
        }
        return List.copyOf(runbooks);
    }

    /**
     * Loads every {@code *.yaml} and {@code *.yml} file directly in {@code dir}, in name order. A
     * file that does not load is reported with its problems and the others still load.
     */
    public LoadReport loadDirectory(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".yaml") || f.getFileName().toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        }
        List<Runbook> runbooks = new ArrayList<>();
        Map<String, Path> pathOf = new LinkedHashMap<>();
        Map<Path, List<Problem>> problems = new LinkedHashMap<>();
        for (Path f : files) {
            try {
                Runbook rb = load(f);
                runbooks.add(rb);
                pathOf.put(rb.origin(), f);
            } catch (RunbookException e) {
                problems.put(f, e.problems());
            }
        }
        Map<Runbook, List<Problem>> dups = duplicateIds(runbooks);
        for (var e : dups.entrySet()) {
            runbooks.remove(e.getKey());
            problems.put(pathOf.get(e.getKey().origin()), e.getValue());
        }
        Map<Path, List<Problem>> ordered = new LinkedHashMap<>();
        problems.keySet().stream().sorted().forEach(p -> ordered.put(p, problems.get(p)));
        return new LoadReport(runbooks, ordered);
    }

    /** The runbooks that reuse an id an earlier one has, each with its problem at its id. */
    private static Map<Runbook, List<Problem>> duplicateIds(List<Runbook> runbooks) {
        Map<String, Runbook> first = new LinkedHashMap<>();
        Map<Runbook, List<Problem>> dups = new LinkedHashMap<>();
        for (Runbook rb : runbooks) {
            Runbook earlier = first.putIfAbsent(rb.id(), rb);
            if (earlier != null) {
                dups.put(rb, List.of(new Problem(SourcePos.unknown(rb.origin()),
                        Messages.duplicateRunbookId(rb.id(), earlier.origin()))));
            }
        }
        return dups;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static String reason(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
