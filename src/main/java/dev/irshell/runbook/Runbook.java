package dev.irshell.runbook;

import java.util.List;
import java.util.Optional;

/**
 * A loaded, validated runbook.
 *
 * @param origin where it was read from (a file path, or {@code builtin:<name>} for one in the jar)
 * @param sha256 SHA-256 (hex) of the file's bytes, recorded in the transcript header
 */
public record Runbook(
        String id,
        String title,
        String summary,
        SourceRef source,
        String version,
        List<InputDef> inputs,
        List<Section> sections,
        String origin,
        String sha256) {

    /** Every step in execution order, across sections. */
    public List<Step> steps() {
        return sections.stream().flatMap(s -> s.steps().stream()).toList();
    }

    public Optional<Step> step(String id) {
        return steps().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<InputDef> input(String name) {
        return inputs.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    public Section sectionOf(Step step) {
        return sections.stream().filter(s -> s.steps().contains(step)).findFirst().orElseThrow();
    }
}
