package dev.irshell.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irshell.action.Action;
import dev.irshell.action.ActionCatalogue;
import dev.irshell.action.Effect;
import dev.irshell.action.ParamKind;
import dev.irshell.action.ParamSpec;
import dev.irshell.runbook.Runbook;
import dev.irshell.runbook.RunbookCalls;
import dev.irshell.runbook.RunbookLoader;
import dev.irshell.transcript.TranscriptVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A runbook that runs another: inputs passed down, outputs passed up, one session, one transcript. */
class NestedRunbookTest {
    @TempDir
    Path dir;

    final FakeAction lookup = FakeAction.read("test.lookup", List.of(ParamSpec.required("key", ParamKind.ACCESS_KEY_ID, "k")),
            p -> FakeAction.data("{\"owner\":\"owner-of-" + p.string("key") + "\"}"));
    final FakeAction deactivate = new FakeAction("test.deactivate", Effect.CHANGE,
            List.of(ParamSpec.required("key", ParamKind.ACCESS_KEY_ID, "k")), null, null, false,
            p -> FakeAction.data("{\"status\":\"Inactive\"}"));
    final ActionCatalogue catalogue = new ActionCatalogue(List.<Action>of(lookup, deactivate));
    final RunbookLoader loader = new RunbookLoader(catalogue::signature);

    Runbook load(String name, String yaml) throws Exception {
        return loader.load(name, yaml.getBytes(StandardCharsets.UTF_8));
    }

    static final String CHILD = """
            id: child
            title: Child procedure
            summary: Looks a key up and deactivates it
            version: "1"
            source: {title: T, url: "https://example.com/child"}
            inputs:
              - {name: key, description: the key, required: true}
            sections:
              - title: Child section
                steps:
                  - id: lookup
                    name: Look up
                    action: test.lookup
                    with: {key: "${{ inputs.key }}"}
                    outputs: {owner: owner}
                  - id: deactivate
                    name: Deactivate
                    action: test.deactivate
                    with: {key: "${{ inputs.key }}"}
            """;

    static final String PARENT = """
            id: parent
            title: Parent procedure
            summary: Runs the child
            version: "1"
            source: {title: T, url: "https://example.com/parent"}
            inputs:
              - {name: leaked, description: the leaked key, required: true}
              - {name: traceIt, description: whether to run the child, default: "yes"}
            sections:
              - title: Parent section
                steps:
                  - id: trace
                    name: Trace the key with the child procedure
                    runbook: child
                    when: "inputs.traceIt == 'yes'"
                    with: {key: "${{ inputs.leaked }}"}
                    outputs: {owner: steps.lookup.outputs.owner}
                  - id: report
                    name: Report
                    action: test.lookup
                    with: {key: "${{ inputs.leaked }}"}
                    when: "steps.trace.outputs.owner != null"
            """;

    Session start(Map<String, String> inputs, Confirmer confirmer) throws Exception {
        Runbook child = load("child.yaml", CHILD);
        Runbook parent = load("parent.yaml", PARENT);
        assertThat(RunbookCalls.check(List.of(child, parent))).isEmpty();
        Map<String, Runbook> all = Map.of("child", child, "parent", parent);
        return new Sessions(catalogue, Clock.systemUTC(), "test", id -> Optional.ofNullable(all.get(id)), TestKeys.dir()).start(parent,
                Inputs.resolve(parent, inputs), new SessionOptions(null, "us-east-1", false, false, dir, "live"),
                new CallerIdentity("123456789012", "arn:aws:iam::123456789012:user/r", "AIDA", "r", "AKIAOWNKEY0000000001"),
                confirmer, new CallRelay(), (w, d, t) -> { });
    }

    static final Session.Observer QUIET = new Session.Observer() {
        public void starting(StepView step) { }
        public void finished(StepView view) { }
    };

    @Test
    void calledRunbook_runsWithItsOwnInputs_andItsOutputsReachTheCaller() throws Exception {
        Session s = start(Map.of("leaked", "AKIALEAKED0000000001"), new AnswersConfirmer(Set.of("trace.deactivate"), Map.of()));
        assertThat(s.stepIds()).containsExactly("trace", "trace.lookup", "trace.deactivate", "report");
        assertThat(s.runToEnd(QUIET)).isEqualTo(RunStatus.COMPLETED);
        assertThat(lookup.executed).hasSize(2);
        assertThat(lookup.executed.get(0).string("key")).isEqualTo("AKIALEAKED0000000001");
        assertThat(deactivate.executed).hasSize(1);
        assertThat(s.view("trace").outputs().get("owner").asText()).isEqualTo("owner-of-AKIALEAKED0000000001");
        assertThat(s.view("trace.lookup").section()).isEqualTo("Child procedure › Child section");
        assertThat(s.view("report").state()).isEqualTo(StepState.DONE);
        s.end();
        assertThat(TranscriptVerifier.verify(s.transcriptFile()).ok()).isTrue();
    }

    @Test
    void approvalsNameTheQualifiedStep_soTheChildsChangeWaitsWithoutIt() throws Exception {
        Session s = start(Map.of("leaked", "AKIALEAKED0000000001"), new AnswersConfirmer(Set.of("deactivate"), Map.of()));
        assertThat(s.runToEnd(QUIET)).isEqualTo(RunStatus.AWAITING_OPERATOR);
        assertThat(deactivate.executed).isEmpty();
        assertThat(s.view("trace.deactivate").state()).isEqualTo(StepState.AWAITING);
    }

    @Test
    void skippedCall_skipsEveryStepOfTheCalledRunbook() throws Exception {
        Session s = start(Map.of("leaked", "AKIALEAKED0000000001", "traceIt", "no"), new AnswersConfirmer(Set.of(), Map.of()));
        s.runToEnd(QUIET);
        assertThat(s.view("trace").state()).isEqualTo(StepState.SKIPPED);
        assertThat(s.view("trace.lookup").state()).isEqualTo(StepState.SKIPPED);
        assertThat(s.view("trace.lookup").reason()).isEqualTo("part of trace, which was skipped");
        assertThat(s.view("report").state()).isEqualTo(StepState.SKIPPED);
        assertThat(lookup.executed).isEmpty();
    }

    @Test
    void childStepBeforeItsCall_isBlockedNamingTheCall() throws Exception {
        Session s = start(Map.of("leaked", "AKIALEAKED0000000001"), new ScriptedConfirmer());
        s.goTo("trace.lookup");
        StepView v = s.run();
        assertThat(v.state()).isEqualTo(StepState.BLOCKED);
        assertThat(v.reason()).contains("runs inside trace, which has not started");
    }

    @Test
    void calls_areCheckedAcrossRunbooks() throws Exception {
        Runbook parent = load("parent.yaml", PARENT);
        assertThat(RunbookCalls.check(List.of(parent))).extracting(Object::toString)
                .containsExactly("parent.yaml:14:18: step 'trace' runs runbook 'child', which is not loaded; the runbooks are: parent");
        Runbook badChild = load("child.yaml", CHILD.replace("  - {name: key, description: the key, required: true}",
                "  - {name: key, description: the key, required: true}\n  - {name: region, description: where, required: true}"));
        Runbook badParent = load("parent.yaml", PARENT.replaceFirst(java.util.regex.Pattern.quote("with: {key: \"${{ inputs.leaked }}\"}"),
                java.util.regex.Matcher.quoteReplacement("with: {key: \"${{ inputs.leaked }}\", colour: red}")));
        assertThat(RunbookCalls.check(List.of(badChild, badParent))).extracting(Object::toString).containsExactly(
                "parent.yaml:16:53: runbook child has no input 'colour'; its inputs are: key, region",
                "parent.yaml:14:18: step 'trace' runs child without its required input 'region' (where): add it under with");
    }
}
