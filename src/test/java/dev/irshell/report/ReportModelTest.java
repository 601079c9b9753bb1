package dev.irshell.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.testsupport.TestClock;
import dev.irshell.transcript.Redactor;
import dev.irshell.transcript.TranscriptWriter;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The report model and renderers on small transcripts written entry by entry, in the shapes the
 * engine writes: the cases a sandbox run does not easily produce (hostile names in every place, a
 * destroy declined for one item, a dry run, a failed undo).
 */
class ReportModelTest {
    static final ObjectMapper M = new ObjectMapper();
    static final String HOSTILE_USER = "<img src=x onerror=alert(1)>|*bold*_[link](x)";

    @TempDir
    Path dir;

    static ObjectNode j(String json) throws Exception {
        return (ObjectNode) M.readTree(json);
    }

    TranscriptWriter writer(String name, boolean dryRun) throws Exception {
        // one second per entry, from a fixed start
        TestClock clock = TestClock.ticking(Instant.parse("2026-11-21T10:00:01Z"), Duration.ofSeconds(1));
        TranscriptWriter w = TranscriptWriter.create(dir.resolve(name), new Redactor(), clock);
        w.append("header", j("""
                {"tool":{"name":"irshell","version":"9.9.9"},"sessionId":"s-1",
                 "runbook":{"id":"rb","version":"1.0.0","title":"A runbook","origin":"builtin:rb.yaml","sha256":"abc123"},
                 "operator":{"user":"dana","host":"laptop"},
                 "caller":{"account":"123456789012","arn":"arn:aws:iam::123456789012:user/dana","userId":"AIDA1","accessKeyId":"AKIAOPERATOR00000001"},
                 "profile":"ir","region":"eu-west-1","mode":{"environment":"live","dryRun":%s,"readOnly":false},
                 "inputs":{"userName":"x"}}""".formatted(dryRun)));
        return w;
    }

    /** A lookup whose event, finding and table all carry attacker-chosen text. */
    void hostileLookup(TranscriptWriter w) throws Exception {
        w.append("step.start", j("{\"step\":\"lookup\",\"name\":\"Look up\",\"kind\":\"action\",\"section\":\"Find\"}"));
        ObjectNode end = j("""
                {"step":"lookup","state":"done","summary":"1 event","action":"cloudtrail.lookupEvents","outputs":{},
                 "findings":[{"severity":"critical","message":"user HOSTILE created a key"}],
                 "tables":[{"title":"Events","columns":["User"],"rows":[["HOSTILE"]],"highlighted":[0]}],
                 "data":{"events":[{"eventId":"e-1","eventName":"CreateAccessKey","eventTime":"2026-11-20T08:00:00Z",
                   "username":"HOSTILE","accessKeyId":"AKIAATTACKER00000001","sourceIp":"198.51.100.9",
                   "userAgent":"</title></svg><script>alert(2)</script>","region":"us-east-1","readOnly":false,
                   "errorCode":null,"resources":[{"type":"AWS::IAM::User","name":"HOSTILE"}]},
                  {"eventId":"e-own","eventName":"ListUsers","eventTime":"2026-11-21T10:00:01.500Z","username":"dana",
                   "accessKeyId":"AKIAOPERATOR00000001","sourceIp":"203.0.113.1","userAgent":"irshell","region":"us-east-1",
                   "readOnly":true}]},
                 "params":{},"durationMs":3}""".replace("HOSTILE", HOSTILE_USER.replace("\"", "\\\"")));
        w.append("step.end", end);
    }

    @Test
    void hostileStrings_areEscapedInMarkdownAndHtml_andTheSessionsOwnEventsAreLeftOut() throws Exception {
        TranscriptWriter w = writer("t.jsonl", false);
        hostileLookup(w);
        w.append("session.end", j("{\"states\":{}}"));
        w.seal();
        SessionRecord r = SessionRecord.read(dir.resolve("t.jsonl"));

        assertThat(r.found()).hasSize(1);
        assertThat(r.ownEventsLeftOut()).isEqualTo(1);
        Found f = r.found().get(0);
        assertThat(f.who()).isEqualTo(HOSTILE_USER);
        assertThat(f.region()).isEqualTo("us-east-1");
        assertThat(f.write()).isTrue();

        String md = MarkdownReport.render(r);
        assertThat(md).doesNotContain("<img", "<script", "</title>", "[link](x)");
        assertThat(md).contains("CreateAccessKey (write) by &lt;img src=x onerror=alert(1)&gt;\\|\\*bold\\*\\_\\[link\\](x)",
                "**CRITICAL** user &lt;img", "**&lt;img src=x onerror=alert(1)&gt;");
        // every table row keeps its column count: a pipe in a name cannot add a cell
        md.lines().filter(l -> l.startsWith("| 2026-11-20")).forEach(l ->
                assertThat(l.replace("\\|", "").chars().filter(c -> c == '|').count()).isEqualTo(6));

        String html = HtmlReport.render(r);
        assertThat(html).doesNotContain("<img", "<script", "</title></svg>");
        Document doc = xml(html);
        assertThat(doc.getElementsByTagName("img").getLength()).isZero();
        assertThat(doc.getElementsByTagName("script").getLength()).isZero();
        assertThat(doc.getElementsByTagName("svg").getLength()).isEqualTo(1);
        assertThat(doc.getElementsByTagName("svg").item(0).getTextContent())
                .contains("CreateAccessKey (write) by " + HOSTILE_USER, "agent </title></svg><script>alert(2)</script>");
    }

    @Test
    void controlCharacters_neverReachTheReport() {
        assertThat(Escape.md("a\u001b[2Jb\u0000c\u202ed")).isEqualTo("a\\\\u001b\\[2Jb\\\\u0000c\\\\u202ed");
        assertThat(Escape.html("a\u001b]0;x\u0007")).isEqualTo("a\\u001b]0;x\\u0007");
        assertThat(Escape.plain("line1\nline2\u001b[1m")).isEqualTo("line1\nline2\\u001b[1m");
        assertThat(Escape.html("\ud800")).isEqualTo("\\ud800");
    }

    @Test
    void destroyDeclinedForOneItem_dryRun_andFailedUndo_areReportedAsSuch() throws Exception {
        TranscriptWriter w = writer("t.jsonl", false);
        // a destroy over two items: the first approved, the second declined
        w.append("step.start", j("{\"step\":\"deleteUsers\",\"name\":\"Delete the users\",\"kind\":\"action\"}"));
        for (String u : new String[] {"evil-1", "evil-2"}) {
            w.append("plan", j("""
                    {"step":"deleteUsers","action":"iam.deleteUser","effect":"destroy","account":"123456789012",
                     "summary":"delete user %s","target":"%s","item":"%s",
                     "calls":[{"service":"iam","operation":"DeleteUser","region":"aws-global","parameters":{"UserName":"%s"}}]}"""
                    .formatted(u, u, u, u)));
        }
        w.append("prompt", j("{\"step\":\"deleteUsers\",\"kind\":\"destroy\",\"shown\":\"...\",\"expected\":\"evil-1\"}"));
        w.append("answer", j("{\"step\":\"deleteUsers\",\"kind\":\"destroy\",\"typed\":\"evil-1\",\"approved\":true}"));
        w.append("prompt", j("{\"step\":\"deleteUsers\",\"kind\":\"destroy\",\"shown\":\"...\",\"expected\":\"evil-2\"}"));
        w.append("answer", j("{\"step\":\"deleteUsers\",\"kind\":\"destroy\",\"typed\":\"no\",\"approved\":false}"));
        w.append("aws.call", j("""
                {"service":"iam","operation":"DeleteUser","region":"aws-global","request":{},"outcome":"ok","httpStatus":200,
                 "errorCode":null,"errorMessage":null,"requestId":"req-del-1","durationMillis":5,"step":"deleteUsers"}"""));
        w.append("step.end", j("""
                {"step":"deleteUsers","state":"done","summary":"1 of 1 done","action":"iam.deleteUser","outputs":{},
                 "findings":[],"tables":[],"data":{"count":1,"results":[]}}"""));
        w.append("step.end", j("{\"step\":\"deleteUsers\",\"state\":\"pending\",\"reason\":\"not confirmed: evil-2\"}"));
        // a change whose undo fails
        w.append("step.start", j("{\"step\":\"stop\",\"name\":\"Stop the instance\",\"kind\":\"action\"}"));
        w.append("plan", j("""
                {"step":"stop","action":"ec2.stopInstance","effect":"change","account":"123456789012","summary":"stop i-1",
                 "calls":[{"service":"ec2","operation":"StopInstances","region":"sa-east-1","parameters":{}}]}"""));
        w.append("prompt", j("{\"step\":\"stop\",\"kind\":\"change\",\"shown\":\"...\",\"expected\":\"y\"}"));
        w.append("answer", j("{\"step\":\"stop\",\"kind\":\"change\",\"typed\":\"yes\",\"approved\":true}"));
        w.append("aws.call", j("""
                {"service":"ec2","operation":"StopInstances","region":"sa-east-1","request":{},"outcome":"ok","httpStatus":200,
                 "errorCode":null,"errorMessage":null,"requestId":"req-stop","durationMillis":5,"step":"stop"}"""));
        w.append("step.end", j("""
                {"step":"stop","state":"done","summary":"i-1 stopping","action":"ec2.stopInstance","outputs":{},"findings":[],
                 "tables":[],"data":{},"undos":[{"action":"ec2.startInstance","params":{"instanceId":"i-1","region":"sa-east-1"}}]}"""));
        w.append("plan", j("""
                {"step":"stop","action":"ec2.startInstance","effect":"change","account":"123456789012","summary":"start i-1",
                 "calls":[{"service":"ec2","operation":"StartInstances","region":"sa-east-1","parameters":{}}],"undo":true}"""));
        w.append("prompt", j("{\"step\":\"stop\",\"kind\":\"undo\",\"shown\":\"...\",\"expected\":\"y\"}"));
        w.append("answer", j("{\"step\":\"stop\",\"kind\":\"undo\",\"typed\":\"y\",\"approved\":true}"));
        w.append("aws.call", j("""
                {"service":"ec2","operation":"StartInstances","region":"sa-east-1","request":{},"outcome":"error","httpStatus":400,
                 "errorCode":"IncorrectInstanceState","errorMessage":"stopping","requestId":"req-start","durationMillis":5,"step":"stop"}"""));
        w.append("undo", j("{\"step\":\"stop\",\"outcome\":\"failed\",\"error\":{\"message\":\"IncorrectInstanceState: stopping\"}}"));
        w.append("session.end", j("{\"states\":{}}"));
        w.seal();

        SessionRecord r = SessionRecord.read(dir.resolve("t.jsonl"));
        assertThat(r.changes()).hasSize(2);
        Change del = r.changes().get(0);
        assertThat(del.plans()).extracting(Change.PlanItem::target).containsExactly("evil-1", "evil-2");
        assertThat(del.approvals()).extracting(Change.Approval::describe)
                .containsExactly("typed 'evil-1' (approved)", "typed 'no' (not approved)");
        assertThat(del.state()).isEqualTo("pending");
        assertThat(del.made()).isTrue();
        assertThat(del.noUndoReason()).startsWith("none: a destroy cannot be undone");
        Change stop = r.changes().get(1);
        assertThat(stop.undoRuns()).singleElement().satisfies(u -> {
            assertThat(u.outcome()).isEqualTo("failed");
            assertThat(u.calls()).extracting(CallRecord::requestId).containsExactly("req-start");
        });
        assertThat(stop.undone()).isFalse();
        assertThat(stop.regions()).containsExactly("sa-east-1");

        String md = MarkdownReport.render(r);
        assertThat(md).contains("### 1. deleteUsers: Delete the users (destroy, partly done (pending))",
                "- Not approved 2026-11-21T10:00:08.000Z: typed 'no' (not approved)",
                "| iam:DeleteUser | aws-global | req-del-1 |", "deleteUsers pending: not confirmed: evil-2",
                "Undo: none: a destroy cannot be undone",
                "### 2. stop: Stop the instance (change, done)", "Undo: ec2.startInstance",
                "Undo failed", "IncorrectInstanceState: stopping", "StartInstances in sa-east-1 error, request id req-start",
                "approved the undo of stop: typed 'y' (approved)");
        assertThat(md).contains("| operator | sa-east-1 | stop done: i-1 stopping | step |",
                "undo of stop failed: IncorrectInstanceState: stopping");
    }

    @Test
    void dryRun_plansAreReportedAsNotMade() throws Exception {
        TranscriptWriter w = writer("t.jsonl", true);
        w.append("step.start", j("{\"step\":\"deactivate\",\"name\":\"Deactivate the key\",\"kind\":\"action\"}"));
        w.append("plan", j("""
                {"step":"deactivate","action":"iam.deactivateAccessKey","effect":"change","account":"123456789012",
                 "summary":"set AKIA1 to Inactive","calls":[{"service":"iam","operation":"UpdateAccessKey","region":"aws-global","parameters":{}}]}"""));
        w.append("step.end", j("{\"step\":\"deactivate\",\"state\":\"skipped\",\"reason\":\"dry run: would execute set AKIA1 to Inactive\"}"));
        w.close();     // never sealed

        SessionRecord r = SessionRecord.read(dir.resolve("t.jsonl"));
        assertThat(r.integrity().verified()).isFalse();
        assertThat(r.integrity().sealed()).isFalse();
        Change c = r.changes().get(0);
        assertThat(c.made()).isFalse();
        assertThat(c.outcome()).isEqualTo("not made (skipped)");
        assertThat(c.noUndoReason()).isEqualTo("nothing to undo: the account was not changed");
        String md = MarkdownReport.render(r);
        assertThat(md).contains("WARNING: UNSEALED TRANSCRIPT",
                "| Mode | live AWS account, dry run (nothing changed); dry run: yes; read-only: no |",
                "Approved: no answer recorded (not asked: dry run: would execute set AKIA1 to Inactive)",
                "0 changes made to the account, 1 proposed but not made");
    }

    static Document xml(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }
}
