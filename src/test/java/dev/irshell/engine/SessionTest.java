package dev.irshell.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.action.Action;
import dev.irshell.action.ActionCatalogue;
import dev.irshell.action.ActionFailure;
import dev.irshell.action.ActionResult;
import dev.irshell.action.Effect;
import dev.irshell.action.ParamKind;
import dev.irshell.action.ParamSpec;
import dev.irshell.action.Secret;
import dev.irshell.runbook.Runbook;
import dev.irshell.runbook.RunbookLoader;
import dev.irshell.transcript.TranscriptReader;
import dev.irshell.transcript.TranscriptEntry;
import dev.irshell.transcript.TranscriptVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionTest {
    static final String OWN_KEY = "AKIAOWNKEY0000000001";
    static final String BAD_KEY = "AKIABADKEY0000000002";

    @TempDir
    Path dir;

    FakeAction lookup;
    FakeAction deactivate;
    FakeAction reactivate;
    FakeAction delete;
    FakeAction create;
    ScriptedConfirmer confirmer;
    ActionCatalogue catalogue;

    @BeforeEach
    void setUp() {
        lookup = FakeAction.read("test.lookup", List.of(ParamSpec.required("key", ParamKind.ACCESS_KEY_ID, "key")),
                p -> FakeAction.data("{\"owner\":\"mallory\",\"events\":[{\"name\":\"RunInstances\",\"ip\":\"203.0.113.9\"}]}"));
        deactivate = new FakeAction("test.deactivate", Effect.CHANGE,
                List.of(ParamSpec.required("key", ParamKind.ACCESS_KEY_ID, "key"), ParamSpec.optional("user", ParamKind.USER_NAME, "u")),
                "test.reactivate", null, true, p -> FakeAction.data("{\"status\":\"Inactive\"}"));
        reactivate = new FakeAction("test.reactivate", Effect.CHANGE,
                List.of(ParamSpec.required("key", ParamKind.ACCESS_KEY_ID, "key"), ParamSpec.optional("user", ParamKind.USER_NAME, "u")),
                "test.deactivate", null, false, p -> FakeAction.data("{\"status\":\"Active\"}"));
        delete = new FakeAction("test.delete", Effect.DESTROY, List.of(ParamSpec.required("key", ParamKind.ACCESS_KEY_ID, "key")),
                null, "key", true, p -> FakeAction.data("{\"deleted\":true}"));
        create = new FakeAction("test.create", Effect.CHANGE, List.of(ParamSpec.required("user", ParamKind.USER_NAME, "u")),
                null, null, false, p -> new ActionResult(FakeAction.f().objectNode().put("accessKeyId", "AKIANEWKEY0000000003"),
                "created", List.of(), List.of(), List.of(new Secret("SecretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"))));
        catalogue = new ActionCatalogue(List.<Action>of(lookup, deactivate, reactivate, delete, create));
        confirmer = new ScriptedConfirmer();
    }

    Runbook runbook(String steps) throws Exception {
        String yaml = """
                id: test-runbook
                title: Test
                summary: A runbook for engine tests
                version: "1.0.0"
                source: {title: Test procedure, url: "https://example.com/procedure"}
                inputs:
                  - name: key
                    description: the key
                    required: true
                    pattern: '^(AKIA|ASIA)[A-Z0-9]{16}$'
                sections:
                  - title: Only section
                    steps:
                """ + steps.indent(6);
        return new RunbookLoader(catalogue::signature).load("test.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    Session start(Runbook rb, SessionOptions opts) throws Exception {
        return startAs(rb, opts,
                new CallerIdentity("123456789012", "arn:aws:iam::123456789012:user/responder", "AIDA1", "responder", OWN_KEY));
    }

    Session startAs(Runbook rb, SessionOptions opts, CallerIdentity caller) throws Exception {
        ObjectNode in = Inputs.resolve(rb, Map.of("key", BAD_KEY));
        Clock clock = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);
        return new Sessions(catalogue, clock, "test", id -> java.util.Optional.empty(), TestKeys.dir()).start(rb, in, opts, caller,
                confirmer, new CallRelay(), (w, d, t) -> { });
    }

    @Test
    void lockout_protectsTheRoleWhoseSessionThisIs() throws Exception {
        FakeAction revoke = new FakeAction("test.revoke", Effect.CHANGE,
                List.of(ParamSpec.required("role", ParamKind.ROLE_NAME, "role")), null, null, true,
                p -> FakeAction.data("{}"));
        catalogue = new ActionCatalogue(List.<Action>of(lookup, deactivate, reactivate, delete, create, revoke));
        Session s = startAs(runbook("""
                - id: revokeIt
                  name: Revoke the role's sessions
                  action: test.revoke
                  with: {role: IncidentResponder}
                """), live(), new CallerIdentity("123456789012",
                "arn:aws:sts::123456789012:assumed-role/IncidentResponder/alice", "AROA1:alice", null, "ASIAOWNKEY0000000001"));
        confirmer.typing("");
        StepView v = s.run();
        assertThat(v.state()).isEqualTo(StepState.FAILED);
        assertThat(v.reason()).contains("would cut off role IncidentResponder, whose session this is");
        assertThat(revoke.executed).isEmpty();
    }

    SessionOptions live() {
        return new SessionOptions(null, "us-east-1", false, false, dir, "live");
    }

    List<TranscriptEntry> entries(Session s) throws Exception {
        return TranscriptReader.read(s.transcriptFile());
    }

    static final String LOOKUP = """
            - id: lookup
              name: Look up
              action: test.lookup
              with: {key: "${{ inputs.key }}"}
              outputs:
                owner: owner
                firstIp: "events[0].ip"
            """;

    @Test
    void readStep_runsAndExposesItsOutputs() throws Exception {
        Session s = start(runbook(LOOKUP), live());
        StepView v = s.run();
        assertThat(v.state()).isEqualTo(StepState.DONE);
        assertThat(v.outputs().get("owner").asText()).isEqualTo("mallory");
        assertThat(v.outputs().get("firstIp").asText()).isEqualTo("203.0.113.9");
        assertThat(lookup.executed).hasSize(1);
        assertThat(lookup.executed.get(0).string("key")).isEqualTo(BAD_KEY);
        assertThat(s.current()).isEmpty();
    }

    @Test
    void changeStep_notConfirmed_changesNothingAndStaysPending() throws Exception {
        Session s = start(runbook("""
                - id: deact
                  name: Deactivate
                  action: test.deactivate
                  with: {key: "${{ inputs.key }}"}
                """), live());
        confirmer.typing("n");
        StepView v = s.run();
        assertThat(v.state()).isEqualTo(StepState.PENDING);
        assertThat(deactivate.executed).isEmpty();
        assertThat(confirmer.shown.get(0).text())
                .contains("CHANGE — Deactivate", "Account 123456789012", "fake:test.deactivate in us-east-1", BAD_KEY);
        assertThat(s.current().orElseThrow().id()).isEqualTo("deact");
    }

    @Test
    void changeStep_confirmed_runsAndCanBeUndoneAfterItsOwnConfirmation() throws Exception {
        Session s = start(runbook("""
                - id: deact
                  name: Deactivate
                  action: test.deactivate
                  with: {key: "${{ inputs.key }}"}
                """), live());
        confirmer.typing("y");
        assertThat(s.run().state()).isEqualTo(StepState.DONE);
        assertThat(deactivate.executed).hasSize(1);
        assertThat(s.view("deact").undoable()).isTrue();

        confirmer.typing("y");
        StepView undone = s.undo("deact");
        assertThat(undone.undone()).isTrue();
        assertThat(reactivate.executed).hasSize(1);
        assertThat(reactivate.executed.get(0).string("key")).isEqualTo(BAD_KEY);
        assertThatThrownBy(() -> s.undo("deact")).isInstanceOf(SessionException.class).hasMessageContaining("already undone");
    }

    @Test
    void destroyStep_runsOnlyWhenTheResourceIdIsTyped() throws Exception {
        Session s = start(runbook("""
                - id: del
                  name: Delete the key
                  action: test.delete
                  with: {key: "${{ inputs.key }}"}
                """), live());
        confirmer.typing("y");
        StepView v = s.run();
        assertThat(v.state()).isEqualTo(StepState.PENDING);
        assertThat(v.reason()).contains("you typed 'y', not " + BAD_KEY);
        assertThat(delete.executed).isEmpty();
        assertThat(confirmer.shown.get(0).expected()).isEqualTo(BAD_KEY);

        confirmer.typing(BAD_KEY);
        assertThat(s.run().state()).isEqualTo(StepState.DONE);
        assertThat(delete.executed).hasSize(1);
    }

    @Test
    void dryRun_recordsWouldExecuteAndChangesNothing() throws Exception {
        Session s = start(runbook(LOOKUP + """
                - id: deact
                  name: Deactivate
                  action: test.deactivate
                  with: {key: "${{ inputs.key }}"}
                """), new SessionOptions(null, "us-east-1", true, false, dir, "live"));
        s.run();
        StepView v = s.run();
        assertThat(v.state()).isEqualTo(StepState.SKIPPED);
        assertThat(v.reason()).startsWith("dry run: would execute fake:test.deactivate");
        assertThat(lookup.executed).hasSize(1);
        assertThat(deactivate.executed).isEmpty();
        assertThat(confirmer.shown).isEmpty();
        assertThat(entries(s)).anyMatch(e -> e.type().equals("plan") && e.data().path("action").asText().equals("test.deactivate"));
    }

    @Test
    void readOnly_refusesEveryChangeWhateverTheRunbookSays() throws Exception {
        Session s = start(runbook("""
                - id: del
                  name: Delete
                  action: test.delete
                  with: {key: "${{ inputs.key }}"}
                """), new SessionOptions(null, "us-east-1", false, true, dir, "live"));
        confirmer.typing(BAD_KEY);
        StepView v = s.run();
        assertThat(v.state()).isEqualTo(StepState.SKIPPED);
        assertThat(v.reason()).startsWith("read-only session: would execute");
        assertThat(delete.executed).isEmpty();
    }

    @Test
    void lockout_refusesTheSessionsOwnKeyUnlessAReasonIsGiven() throws Exception {
        Runbook rb = runbook("""
                - id: deact
                  name: Deactivate own key
                  action: test.deactivate
                  with: {key: "AKIAOWNKEY0000000001"}
                """);
        Session s = start(rb, live());
        confirmer.typing("");
        StepView v = s.run();
        assertThat(v.state()).isEqualTo(StepState.FAILED);
        assertThat(v.reason()).contains("refused", OWN_KEY, "this session itself is signed with");
        assertThat(deactivate.executed).isEmpty();

        s.goTo("deact");
        confirmer.typing("the session key is the leaked one; switching to break-glass role next", "y");
        assertThat(s.run().state()).isEqualTo(StepState.DONE);
        assertThat(deactivate.executed).hasSize(1);
        assertThat(entries(s)).anyMatch(e -> e.type().equals("answer") && e.data().path("kind").asText().equals("lockout")
                && e.data().path("forced").asBoolean() && e.data().path("typed").asText().contains("break-glass"));
    }

    @Test
    void lockout_protectsTheUserTheSessionRunsAs() throws Exception {
        Session s = start(runbook("""
                - id: del
                  name: Delete
                  action: test.deactivate
                  with: {key: "AKIAOTHER00000000009", user: responder}
                """), live());
        confirmer.typing("y");
        // the key is not the session's own, so the user check does not apply to a key action
        assertThat(s.run().state()).isEqualTo(StepState.DONE);
    }

    @Test
    void when_false_skipsWithTheConditionRecorded() throws Exception {
        Session s = start(runbook(LOOKUP + """
                - id: deact
                  name: Deactivate
                  action: test.deactivate
                  when: "steps.lookup.outputs.owner == 'alice'"
                  with: {key: "${{ inputs.key }}"}
                """), live());
        s.run();
        StepView v = s.run();
        assertThat(v.state()).isEqualTo(StepState.SKIPPED);
        assertThat(v.reason()).isEqualTo("condition not met: steps.lookup.outputs.owner == 'alice'");
        assertThat(deactivate.executed).isEmpty();
    }

    @Test
    void requires_blocksUntilTheRequiredStepIsDone() throws Exception {
        Session s = start(runbook(LOOKUP + """
                - id: deact
                  name: Deactivate
                  action: test.deactivate
                  requires: [lookup]
                  with: {key: "${{ inputs.key }}"}
                """), live());
        s.next();
        StepView v = s.run();
        assertThat(v.state()).isEqualTo(StepState.BLOCKED);
        assertThat(v.reason()).contains("needs lookup done first");
    }

    @Test
    void emptyTemplateValue_blocksNamingTheParameter() throws Exception {
        Session s = start(runbook(LOOKUP + """
                - id: create
                  name: Create
                  action: test.create
                  with: {user: "${{ steps.lookup.outputs.firstIp }}"}
                """), live());
        s.next();
        StepView v = s.run();
        assertThat(v.state()).isEqualTo(StepState.BLOCKED);
        assertThat(v.reason()).contains("parameter 'user' has no value");
    }

    @Test
    void badParameterForm_failsNamingParameterAndExpectedForm() throws Exception {
        Session s = start(runbook("""
                - id: deact
                  name: Deactivate
                  action: test.deactivate
                  with: {key: "not-a-key"}
                """), live());
        StepView v = s.run();
        assertThat(v.state()).isEqualTo(StepState.FAILED);
        assertThat(v.reason()).isEqualTo("parameter 'key' must be " + ParamKind.ACCESS_KEY_ID.expected() + ", got 'not-a-key'");
    }

    @Test
    void failure_continueMovesOn_abortStays_gotoJumps() throws Exception {
        FakeAction failing = FakeAction.read("test.fail", List.of(), p -> {
            throw ActionFailure.aws("iam", "GetUser", "us-east-1", "NoSuchEntity", "no such user", "req-1", 404, null);
        });
        catalogue = new ActionCatalogue(List.<Action>of(lookup, deactivate, reactivate, delete, create, failing));
        Session s = start(runbook("""
                - id: a
                  name: A
                  action: test.fail
                  onFailure: continue
                - id: b
                  name: B
                  action: test.fail
                  onFailure: goto:d
                - id: c
                  name: C
                  action: test.fail
                - id: d
                  name: D
                  action: test.fail
                """), live());
        StepView a = s.run();
        assertThat(a.state()).isEqualTo(StepState.FAILED);
        assertThat(a.reason()).contains("iam:GetUser in us-east-1 failed with NoSuchEntity", "request id req-1");
        assertThat(s.current().orElseThrow().id()).isEqualTo("b");
        s.run();
        assertThat(s.current().orElseThrow().id()).isEqualTo("d");
        s.run();
        assertThat(s.current().orElseThrow().id()).isEqualTo("d");
        assertThat(entries(s)).anyMatch(e -> e.type().equals("step.end") && e.data().path("error").path("requestId").asText().equals("req-1"));
    }

    @Test
    void secrets_areShownOnceAndNeverWritten() throws Exception {
        Session s = start(runbook("""
                - id: create
                  name: Create
                  action: test.create
                  with: {user: mallory}
                """), live());
        confirmer.typing("y");
        StepView v = s.run();
        assertThat(v.result().secrets()).extracting(Secret::value).containsExactly("wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY");
        s.note("pasted wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY into the vault");
        s.end();
        String text = Files.readString(s.transcriptFile());
        assertThat(text).doesNotContain("wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY").contains("AKIANEWKEY0000000003");
    }

    @Test
    void runToEnd_leavesUnapprovedChangesAwaitingAndStopsAtAnUnansweredManualStep() throws Exception {
        Session.Observer quiet = new Session.Observer() {
            public void starting(StepView step) { }
            public void finished(StepView view) { }
        };
        // replace the scripted confirmer: a non-interactive run approves only what --approve names
        RunStatus st = withConfirmer(new AnswersConfirmer(Set.of("create"), Map.of()), quiet);
        assertThat(st).isEqualTo(RunStatus.AWAITING_OPERATOR);
        assertThat(deactivateExecutions()).isZero();
        assertThat(create.executed).hasSize(1);
        assertThat(lastSession.view("deact").state()).isEqualTo(StepState.AWAITING);
        assertThat(lastSession.view("move").state()).isEqualTo(StepState.AWAITING);
        assertThat(lastSession.view("after").state()).isEqualTo(StepState.PENDING);
    }

    Session lastSession;

    private RunStatus withConfirmer(Confirmer c, Session.Observer o) throws Exception {
        Runbook rb = runbook(LOOKUP + """
                - id: deact
                  name: Deactivate
                  action: test.deactivate
                  with: {key: "${{ inputs.key }}"}
                - id: create
                  name: Create
                  action: test.create
                  with: {user: "${{ steps.lookup.outputs.owner }}"}
                - id: move
                  name: Move the app
                  manual: true
                - id: after
                  name: After
                  action: test.lookup
                  with: {key: "${{ inputs.key }}"}
                """);
        ObjectNode in = Inputs.resolve(rb, Map.of("key", BAD_KEY));
        lastSession = new Sessions(catalogue, Clock.systemUTC(), "test", id -> java.util.Optional.empty(), TestKeys.dir()).start(rb, in, live(),
                new CallerIdentity("123456789012", "arn:aws:iam::123456789012:user/responder", "AIDA1", "responder", OWN_KEY),
                c, new CallRelay(), (w, d, t) -> { });
        return lastSession.runToEnd(o);
    }

    private int deactivateExecutions() {
        return deactivate.executed.size();
    }

    @Test
    void runToEnd_withAnswers_completesAndTheTranscriptVerifies() throws Exception {
        Runbook rb = runbook(LOOKUP + """
                - id: move
                  name: Move the app
                  manual: true
                - id: works
                  name: Works?
                  decision:
                    question: Does it work?
                    choices:
                      - {id: yes1, label: It works}
                      - {id: no1, label: It fails}
                - id: deact
                  name: Deactivate
                  action: test.deactivate
                  when: "steps.works.decision == 'yes1'"
                  with: {key: "${{ inputs.key }}"}
                """);
        ObjectNode in = Inputs.resolve(rb, Map.of("key", BAD_KEY));
        var answers = Map.of("move", (com.fasterxml.jackson.databind.JsonNode) FakeAction.f().textNode("done"),
                "works", FakeAction.f().textNode("yes1"));
        Session s = new Sessions(catalogue, Clock.systemUTC(), "test", id -> java.util.Optional.empty(), TestKeys.dir()).start(rb, in, live(),
                new CallerIdentity("123456789012", "arn:aws:iam::123456789012:user/responder", "AIDA1", "responder", OWN_KEY),
                new AnswersConfirmer(Set.of("deact"), answers), new CallRelay(), (w, d, t) -> { });
        RunStatus st = s.runToEnd(new Session.Observer() {
            public void starting(StepView step) { }
            public void finished(StepView view) { }
        });
        assertThat(st).isEqualTo(RunStatus.COMPLETED);
        assertThat(deactivate.executed).hasSize(1);
        String digest = s.end();
        var result = TranscriptVerifier.verify(s.transcriptFile());
        assertThat(result.ok()).as(result.describe()).isTrue();
        assertThat(result.finalHash()).isEqualTo(digest);
        List<TranscriptEntry> es = TranscriptReader.read(s.transcriptFile());
        assertThat(es.get(0).type()).isEqualTo("header");
        assertThat(es.get(0).data().path("caller").path("account").asText()).isEqualTo("123456789012");
        assertThat(es.get(0).data().path("runbook").path("sha256").asText()).hasSize(64);
        assertThat(es.get(es.size() - 1).type()).isEqualTo("seal");
        assertThat(es).anyMatch(e -> e.type().equals("answer") && e.data().path("answer").asText().equals("yes1"));
    }
}
