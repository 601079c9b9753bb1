package dev.irshell.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.engine.AnswersConfirmer;
import dev.irshell.engine.Inputs;
import dev.irshell.engine.RunStatus;
import dev.irshell.engine.Session;
import dev.irshell.engine.StepView;
import dev.irshell.runbook.Runbook;
import dev.irshell.runbook.Step;
import dev.irshell.runbook.StepKind;
import dev.irshell.sandbox.SandboxOptions;
import dev.irshell.sandbox.Scenario;
import dev.irshell.shell.LaunchOptions;
import dev.irshell.shell.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Real transcripts for the report tests: procedure 001 on the built-in sandbox, in-process, with an
 * attacker whose user agent carries markup and a terminal escape, and a dev-jenkins user that has a
 * console password (so turning it off is a real destroy). The operator approves every change, writes
 * a note, undoes the key's deactivation ("the application broke") and deactivates it again.
 */
final class SandboxTranscripts {
    static final String INSTANCE = "i-02aabfe228f219e9c";
    static final String LEAKED_KEY = "AKIAQDEVJENKINS4LEAK";
    static final String ATTACKER_IP = "203.0.113.66";
    /** What the attacker's SDK sends as its user agent in this scenario. */
    static final String HOSTILE_AGENT = "<script>alert('ua')</script>\u001b[31m Boto3/1.28.57 kali";
    static final String NOTE = "attacker IP 203.0.113.66 is a known VPN exit";

    private SandboxTranscripts() {}

    /** The session's transcript file and the digest {@link Session#end()} returned. */
    record Made(Path transcript, String digest) {}

    static Made procedure001(Path evidence) throws Exception {
        Scenario scenario = Scenario.parse("hostile-leaked-key", hostileScenario());
        LaunchOptions o = new LaunchOptions(null, "us-east-1", false, false, evidence, null, null, false, false,
                "hostile-leaked-key", null, false, List.of("run"));
        try (Workspace ws = Workspace.sandbox(o, Clock.systemUTC(), scenario, SandboxOptions.defaults())) {
            Runbook rb = ws.runbooks().resolve("unusual-resource-activity");
            ObjectNode in = Inputs.resolve(rb, Map.of("instanceId", INSTANCE));
            Set<String> approve = new LinkedHashSet<>();
            for (Step s : rb.steps()) {
                if (s.kind() == StepKind.ACTION) {
                    approve.add(s.id());
                }
            }
            Map<String, JsonNode> answers = Map.of(
                    "moveApplication", JsonNodeFactory.instance.textNode("done"),
                    "concludeReview", JsonNodeFactory.instance.textNode("moreActivity"));
            Session s = ws.sessions().start(rb, in, ws.sessionOptions(), ws.identity(), new AnswersConfirmer(approve, answers),
                    ws.relay(), (what, done, total) -> { });
            RunStatus status = s.runToEnd(new Session.Observer() {
                @Override
                public void starting(StepView step) { }

                @Override
                public void finished(StepView view) { }
            });
            if (status != RunStatus.COMPLETED) {
                throw new IllegalStateException("procedure 001 did not complete: " + status + " " + s.status());
            }
            s.note(NOTE);
            s.undo("deactivateKey");
            s.goTo("deactivateKey");
            s.run();
            String digest = s.end();
            ws.relay().detach();
            return new Made(s.transcriptFile(), digest);
        }
    }

    private static String hostileScenario() throws IOException {
        String yaml;
        try (InputStream in = Scenario.class.getResourceAsStream("/sandbox/scenarios/leaked-key-cryptomining.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String agent = "    userAgent: Boto3/1.28.57 md/Botocore#1.31.57 ua/2.0 os/linux#6.5.0-kali3-amd64";
        int attacker = yaml.indexOf("  attacker:");
        int line = yaml.indexOf(agent, attacker);
        int eol = yaml.indexOf('\n', line);
        yaml = yaml.substring(0, line) + "    userAgent: \"<script>alert('ua')</script>\\e[31m Boto3/1.28.57 kali\""
                + yaml.substring(eol);
        String jenkins = "    id: AIDAQDEVJENKINS00003\n    created: -300d\n";
        if (!yaml.contains(jenkins)) {
            throw new IllegalStateException("the built-in scenario changed: dev-jenkins not found");
        }
        return yaml.replace(jenkins, jenkins + "    loginProfile: {created: -100d}\n");
    }
}
