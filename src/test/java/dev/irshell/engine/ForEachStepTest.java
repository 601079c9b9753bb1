package dev.irshell.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irshell.action.Action;
import dev.irshell.action.ActionCatalogue;
import dev.irshell.action.Effect;
import dev.irshell.action.ParamKind;
import dev.irshell.action.ParamSpec;
import dev.irshell.runbook.Runbook;
import dev.irshell.runbook.RunbookLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** forEach: one action over every item a previous step found, with the guards per item or for all. */
class ForEachStepTest {
    @TempDir
    Path dir;

    final FakeAction find = FakeAction.read("test.find", List.of(),
            p -> FakeAction.data("{\"keys\":[\"AKIAKEY0000000000001\",\"AKIAKEY0000000000002\",\"AKIAKEY0000000000003\"],\"none\":[]}"));
    final FakeAction deactivate = new FakeAction("test.deactivate", Effect.CHANGE,
            List.of(ParamSpec.required("key", ParamKind.ACCESS_KEY_ID, "k")), "test.reactivate", null, true,
            p -> FakeAction.data("{\"status\":\"Inactive\",\"key\":\"" + p.string("key") + "\"}"));
    final FakeAction reactivate = new FakeAction("test.reactivate", Effect.CHANGE,
            List.of(ParamSpec.required("key", ParamKind.ACCESS_KEY_ID, "k")), "test.deactivate", null, false,
            p -> FakeAction.data("{\"status\":\"Active\"}"));
    final FakeAction delete = new FakeAction("test.delete", Effect.DESTROY,
            List.of(ParamSpec.required("key", ParamKind.ACCESS_KEY_ID, "k")), null, "key", true,
            p -> FakeAction.data("{\"deleted\":\"" + p.string("key") + "\"}"));
    final ActionCatalogue catalogue = new ActionCatalogue(List.<Action>of(find, deactivate, reactivate, delete));
    final ScriptedConfirmer confirmer = new ScriptedConfirmer();

    Session start(String step, boolean dryRun) throws Exception {
        String yaml = """
                id: for-each
                title: ForEach
                summary: forEach over found keys
                version: "1"
                source: {title: T, url: "https://example.com"}
                sections:
                  - title: S
                    steps:
                      - id: find
                        name: Find keys
                        action: test.find
                        outputs: {keys: keys, none: none}
                """ + step.indent(6);
        Runbook rb = new RunbookLoader(catalogue::signature).load("for-each.yaml", yaml.getBytes(StandardCharsets.UTF_8));
        Session s = new Sessions(catalogue, Clock.systemUTC(), "test", id -> Optional.empty(), TestKeys.dir()).start(rb,
                Inputs.resolve(rb, Map.of()), new SessionOptions(null, "us-east-1", dryRun, false, dir, "live"),
                new CallerIdentity("123456789012", "arn:aws:iam::123456789012:user/r", "AIDA", "r", "AKIAOWNKEY0000000001"),
                confirmer, new CallRelay(), (w, d, t) -> { });
        s.run();
        return s;
    }

    static final String DEACTIVATE_ALL = """
            - id: deactivateAll
              name: Deactivate every key found
              action: test.deactivate
              forEach: steps.find.outputs.keys
              with: {key: "${{ item }}"}
              outputs: {done: "results[].data.key"}
            """;

    @Test
    void change_isConfirmedOnceForAllItems_andEachRuns() throws Exception {
        Session s = start(DEACTIVATE_ALL, false);
        confirmer.typing("y");
        StepView v = s.run();
        assertThat(v.state()).isEqualTo(StepState.DONE);
        assertThat(confirmer.shown).hasSize(1);
        assertThat(confirmer.shown.get(0).text()).contains("3 items:", "AKIAKEY0000000000001", "AKIAKEY0000000000003");
        assertThat(deactivate.executed).extracting(p -> p.string("key"))
                .containsExactly("AKIAKEY0000000000001", "AKIAKEY0000000000002", "AKIAKEY0000000000003");
        assertThat(v.outputs().get("done")).hasSize(3);
        assertThat(v.result().summary()).isEqualTo("3 of 3 done");
    }

    @Test
    void change_declined_runsNothing() throws Exception {
        Session s = start(DEACTIVATE_ALL, false);
        confirmer.typing("no");
        assertThat(s.run().state()).isEqualTo(StepState.PENDING);
        assertThat(deactivate.executed).isEmpty();
    }

    @Test
    void undo_reversesEveryItem() throws Exception {
        Session s = start(DEACTIVATE_ALL, false);
        confirmer.typing("y");
        s.run();
        confirmer.typing("y", "y", "y");
        assertThat(s.undo("deactivateAll").undone()).isTrue();
        assertThat(reactivate.executed).extracting(p -> p.string("key"))
                .containsExactly("AKIAKEY0000000000001", "AKIAKEY0000000000002", "AKIAKEY0000000000003");
    }

    @Test
    void destroy_asksForEachId_andARerunAsksOnlyForTheOnesLeft() throws Exception {
        Session s = start("""
                - id: deleteAll
                  name: Delete every key found
                  action: test.delete
                  forEach: steps.find.outputs.keys
                  with: {key: "${{ item }}"}
                """, false);
        confirmer.typing("AKIAKEY0000000000001", "wrong", "AKIAKEY0000000000003");
        StepView v = s.run();
        assertThat(v.state()).isEqualTo(StepState.PENDING);
        assertThat(v.reason()).startsWith("not confirmed for AKIAKEY0000000000002");
        assertThat(delete.executed).extracting(p -> p.string("key"))
                .containsExactly("AKIAKEY0000000000001", "AKIAKEY0000000000003");

        confirmer.shown.clear();
        confirmer.typing("AKIAKEY0000000000002");
        assertThat(s.run().state()).isEqualTo(StepState.DONE);
        assertThat(confirmer.shown).extracting(ConfirmRequest::expected).containsExactly("AKIAKEY0000000000002");
        assertThat(delete.executed).hasSize(3);
    }

    @Test
    void dryRun_showsEveryItemsCallsAndRunsNone() throws Exception {
        Session s = start(DEACTIVATE_ALL, true);
        StepView v = s.run();
        assertThat(v.state()).isEqualTo(StepState.SKIPPED);
        assertThat(v.reason()).startsWith("dry run: would execute fake:test.deactivate, fake:test.deactivate, fake:test.deactivate");
        assertThat(deactivate.executed).isEmpty();
    }

    @Test
    void emptyList_isDoneWithNothingToDo() throws Exception {
        Session s = start(DEACTIVATE_ALL.replace("steps.find.outputs.keys", "steps.find.outputs.none"), false);
        StepView v = s.run();
        assertThat(v.state()).isEqualTo(StepState.DONE);
        assertThat(v.result().summary()).isEqualTo("nothing to do: steps.find.outputs.none gave no items");
        assertThat(confirmer.shown).isEmpty();
    }
}
