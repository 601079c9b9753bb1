package dev.irshell.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.irshell.runbook.ActionSignature;
import dev.irshell.runbook.Runbook;
import dev.irshell.runbook.RunbookLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunbookRegistryTest {
    @TempDir
    Path dir;

    final RunbookLoader loader = new RunbookLoader(name -> name.equals("sts.whoami")
            ? Optional.of(new ActionSignature(name, Set.of(), Set.of())) : Optional.empty());

    static String runbook(String id) {
        return """
                id: %s
                title: Extra
                summary: An extra runbook
                version: "1"
                source: {title: T, url: "https://example.com"}
                sections:
                  - title: S
                    steps:
                      - {id: who, name: Who am I, action: sts.whoami}
                """.formatted(id);
    }

    @Test
    void extraFolder_addsItsRunbooksAndReportsItsBrokenFilesWithoutHidingTheGoodOnes() throws Exception {
        Files.writeString(dir.resolve("extra.yaml"), runbook("extra-checks"));
        Files.writeString(dir.resolve("broken.yaml"), "id: [oops\n");
        RunbookRegistry r = new RunbookRegistry(loader, dir);
        assertThat(r.ids()).contains("extra-checks");
        assertThat(r.problems()).anyMatch(p -> p.toString().startsWith(dir.resolve("broken.yaml") + ":2:1: YAML syntax error"));
    }

    @Test
    void resolve_byIdOrByPath_andAClearMessageOtherwise() throws Exception {
        Path file = dir.resolve("one.yaml");
        Files.writeString(file, runbook("one-off"));
        RunbookRegistry r = new RunbookRegistry(loader, null);
        Runbook byPath = r.resolve(file.toString());
        assertThat(byPath.id()).isEqualTo("one-off");
        assertThatThrownBy(() -> r.resolve("nope")).isInstanceOf(UsageException.class)
                .hasMessageContaining("no runbook 'nope'; the runbooks are:");
    }

    @Test
    void missingFolder_isAUsageError() {
        assertThatThrownBy(() -> new RunbookRegistry(loader, dir.resolve("absent")))
                .isInstanceOf(UsageException.class).hasMessageContaining("is not a folder of runbook YAML files");
    }
}
