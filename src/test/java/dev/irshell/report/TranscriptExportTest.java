package dev.irshell.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irshell.Main;
import dev.irshell.action.ActionContext;
import dev.irshell.action.ActionResult;
import dev.irshell.action.Params;
import dev.irshell.engine.SupportCaseAction;
import dev.irshell.transcript.Hashes;
import dev.irshell.transcript.TranscriptEntry;
import dev.irshell.transcript.TranscriptReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code irshell transcript export} on a real transcript: procedure 001 run in-process on the
 * sandbox (see {@link SandboxTranscripts}), exported through {@link Main#run} as a user would.
 */
class TranscriptExportTest {
    @TempDir
    static Path shared;

    static Path transcript;
    static String digest;
    static List<TranscriptEntry> entries;

    @TempDir
    Path dir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void runTheSandbox() throws Exception {
        SandboxTranscripts.Made made = SandboxTranscripts.procedure001(shared.resolve("evidence"));
        transcript = made.transcript();
        digest = made.digest();
        entries = TranscriptReader.read(transcript);
    }

    int main(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, Map.of("NO_COLOR", "1"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** The request ids of the successful calls of one operation, in order. */
    static List<String> requestIds(String operation) {
        return entries.stream().filter(e -> e.type().equals("aws.call") && e.data().path("operation").asText().equals(operation)
                && e.data().path("outcome").asText().equals("ok")).map(e -> e.data().path("requestId").asText()).toList();
    }

    static String section(String report, String heading, String nextHeading) {
        int from = report.indexOf(heading);
        int to = nextHeading == null ? report.length() : report.indexOf(nextHeading, from);
        assertThat(from).as("section " + heading).isNotNegative();
        return report.substring(from, to);
    }

    @Test
    void markdown_namesTheAccountSessionRunbookAndDigest() throws Exception {
        assertThat(main("transcript", "export", transcript.toString(), "--format", "md")).as(stderr()).isZero();
        String md = stdout();
        TranscriptEntry header = entries.get(0);
        assertThat(md).startsWith("# Incident report: Unusual resource activity");
        assertThat(md).contains("Chain verified: " + entries.size() + " entries, sealed; final digest " + digest);
        // the digest is the seal line's SHA-256, as `end` printed it
        String sealLine = entries.get(entries.size() - 1).line();
        assertThat(Hashes.sha256Hex(sealLine.getBytes(StandardCharsets.UTF_8))).isEqualTo(digest);
        assertThat(md).contains("| Account | 111122223333 |",
                "| Caller | arn:aws:iam::111122223333:user/responder (access key AKIAQRESPONDER3EXMPL) |",
                "| Final digest | " + digest + " (SHA-256 of the seal line) |",
                "| Runbook SHA-256 | " + header.data().at("/runbook/sha256").asText() + " |",
                "| Session id | " + header.data().path("sessionId").asText() + " |",
                "| Operator | " + header.data().at("/operator/user").asText(),
                "| Mode | sandbox (simulated account: leaked-key-cryptomining); dry run: no; read-only: no |",
                "| Inputs | instanceId=" + SandboxTranscripts.INSTANCE,
                "| Artifacts | verified: ", "| Signature | verified: Ed25519 signature of the final digest by key SHA256:");
    }

    @Test
    void alteredArtifact_isNamedInTheHeader_andExits3() throws Exception {
        Path copy = dir.resolve("copy");
        Path from = transcript.getParent();
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path to = copy.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        Path artifact;
        try (var files = Files.list(copy.resolve("artifacts"))) {
            artifact = files.sorted().findFirst().orElseThrow();
        }
        Files.writeString(artifact, Files.readString(artifact) + " ");
        assertThat(main("transcript", "export", copy.toString(), "--format", "md")).isEqualTo(3);
        assertThat(stdout()).contains("Chain verified", "| Artifacts | FAILED: 1 of ",
                "artifacts/" + artifact.getFileName() + ": altered", "| Signature | verified: ");
        assertThat(stderr()).contains("the chain verifies, but the bundle does not", "artifacts: FAILED");
    }

    @Test
    void markdown_listsEveryChangeWithItsApprovalRequestIdsUndoAndLaterUndo() {
        assertThat(main("transcript", "export", transcript.toString(), "--format", "md")).isZero();
        String changes = section(stdout(), "## Changes to the account", "## Findings by step");
        List<String> updates = requestIds("UpdateAccessKey");
        assertThat(updates).hasSize(3);          // deactivate, reactivate (the undo), deactivate again
        // the console password: a destroy approved by typing the user name, with no undo
        String console = section(changes, "disableConsole", "### 2.");
        assertThat(console).contains("(destroy, done)", "typed 'dev-jenkins' (approved)",
                "iam:DeleteLoginProfile | aws-global | " + requestIds("DeleteLoginProfile").get(0),
                "Undo: none: a destroy cannot be undone");
        // the backup key: an undo offered, never used
        String backup = section(changes, "createBackupKey", "### 3.");
        assertThat(backup).contains("iam:CreateAccessKey | aws-global | " + requestIds("CreateAccessKey").get(0),
                "Undo: iam.deleteAccessKey", "Undone later: no");
        // the first deactivation, undone later with its own request id; the second, not undone
        String first = section(changes, "### 3. deactivateKey", "### 4.");
        assertThat(first).contains("typed 'y' (approved)", "Active -&gt; Inactive",
                "iam:UpdateAccessKey | aws-global | " + updates.get(0), "Undo: iam.reactivateAccessKey",
                "Undo done", "iam:UpdateAccessKey in aws-global ok, request id " + updates.get(1));
        String second = section(changes, "### 4. deactivateKey", null);
        assertThat(second).contains("iam:UpdateAccessKey | aws-global | " + updates.get(2), "Undone later: no");
    }

    @Test
    void markdown_timelineMergesTheAttackersEventsWithTheOperatorsActions_inTimeOrder() {
        assertThat(main("transcript", "export", transcript.toString(), "--format", "md")).isZero();
        String timeline = section(stdout(), "## Timeline", "## Changes to the account");
        List<String> rows = timeline.lines().filter(l -> l.startsWith("| 20")).toList();
        int runInstances = indexOf(rows, "sa-east-1 | RunInstances (write) by dev-jenkins");
        int started = indexOf(rows, "session started");
        int approved = indexOf(rows, "approved change deactivateKey");
        int note = indexOf(rows, SandboxTranscripts.NOTE);
        int undo = indexOf(rows, "undid deactivateKey");
        assertThat(runInstances).isNotNegative().isLessThan(started);
        assertThat(rows.get(runInstances)).contains("key " + SandboxTranscripts.LEAKED_KEY, "from " + SandboxTranscripts.ATTACKER_IP);
        assertThat(started).isLessThan(approved);
        assertThat(approved).isLessThan(note);
        assertThat(note).isLessThan(undo);
        // each row carries its time, and the times never go backwards
        List<String> times = rows.stream().map(r -> r.substring(2, r.indexOf(' ', 2))).toList();
        assertThat(times).isSorted();
        // the responder's own lookups are in the AWS requests table, not passed off as account activity
        assertThat(timeline).doesNotContain("by responder");
    }

    static int indexOf(List<String> rows, String text) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void markdown_hasTheFindingsWithTablesAndEveryAwsRequest() {
        assertThat(main("transcript", "export", transcript.toString(), "--format", "md")).isZero();
        String md = stdout();
        String findings = section(md, "## Findings by step", "## AWS requests");
        assertThat(findings).contains("### findInstance — Find the instance in every enabled region",
                SandboxTranscripts.INSTANCE + " is running in sa-east-1", "**WARN** " + SandboxTranscripts.INSTANCE
                        + " runs in sa-east-1, not in the session's region us-east-1",
                "**CloudTrail events with ResourceName=" + SandboxTranscripts.INSTANCE + "**",
                "| Time | Event | User | Access key | Source IP | Region | Resources |");
        String requests = section(md, "## AWS requests", null);
        long calls = entries.stream().filter(e -> e.type().equals("aws.call")).count();
        assertThat(requests.lines().filter(l -> l.startsWith("| 20"))).hasSize((int) calls);
        for (TranscriptEntry e : entries) {
            if (e.type().equals("aws.call")) {
                assertThat(requests).contains(e.data().path("requestId").asText());
            }
        }
        assertThat(requests).containsPattern("\\| iam:GetLoginProfile \\| aws-global \\| disableConsole \\| ok 200 \\| — \\|");
    }

    @Test
    void markdown_escapesTheAttackersUserAgent() {
        assertThat(main("transcript", "export", transcript.toString(), "--format", "md")).isZero();
        String md = stdout();
        // markup as entities, the escape character written out (its backslash escaped for Markdown)
        assertThat(md).contains("agent &lt;script&gt;alert('ua')&lt;/script&gt;\\\\u001b\\[31m Boto3/1.28.57 kali");
        assertThat(md).doesNotContain("<script", "\u001b");
    }

    @Test
    void html_isOneWellFormedSelfContainedPage_withTheTimelineChart() throws Exception {
        assertThat(main("transcript", "export", transcript.getParent().toString(), "--format", "html")).as(stderr()).isZero();
        String html = stdout();
        Document doc = xml(html);
        NodeList svgs = doc.getElementsByTagName("svg");
        assertThat(svgs.getLength()).isEqualTo(1);
        Element svg = (Element) svgs.item(0);
        String chart = svg.getTextContent();
        // a lane per region the activity and the changes touched, and one for the operator
        assertThat(chart).contains("operator", "global", "sa-east-1", "eu-north-1", "ap-northeast-3");
        List<String> foundWrites = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        NodeList marks = svg.getElementsByTagName("*");
        for (int i = 0; i < marks.getLength(); i++) {
            Element m = (Element) marks.item(i);
            String cls = m.getAttribute("class");
            String tip = m.getElementsByTagName("title").getLength() > 0 ? m.getElementsByTagName("title").item(0).getTextContent() : "";
            if (cls.equals("found write")) {
                foundWrites.add(tip);
            } else if (cls.equals("change")) {
                changes.add(tip);
            }
        }
        assertThat(foundWrites).anyMatch(t -> t.contains("sa-east-1: RunInstances (write) by dev-jenkins")
                && t.contains("from " + SandboxTranscripts.ATTACKER_IP));
        assertThat(changes).anyMatch(t -> t.contains("deactivateKey done"));
        // nothing to fetch: no scripts, no external style sheets, images or fonts
        assertThat(html).doesNotContainPattern("(?i)<script|<link|<img|<iframe|@import|url\\(");
        assertThat(html).doesNotContainPattern("(?i)\\ssrc\\s*=");
        assertThat(html).doesNotContainPattern("(?i)href\\s*=\\s*\"[^#]");     // links only within the page
        assertThat(html).doesNotContainPattern("(?i)https?://");
        assertThat(html).contains("<style>");
        assertThat(doc.getElementsByTagName("title").item(0).getTextContent()).contains("account 111122223333");
        assertThat(html).contains("Chain verified", digest);
    }

    @Test
    void html_escapesTheAttackersUserAgentEverywhere() throws Exception {
        assertThat(main("transcript", "export", transcript.toString(), "--format", "html")).isZero();
        String html = stdout();
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContain("\u001b");
        assertThat(html).contains("&lt;script&gt;alert(&#39;ua&#39;)&lt;/script&gt;\\u001b[31m Boto3/1.28.57 kali");
        // in the parsed page the user agent is text, in the table and in the chart's tooltips
        Document doc = xml(html);
        assertThat(doc.getElementsByTagName("script").getLength()).isZero();
        assertThat(doc.getDocumentElement().getTextContent()).contains("<script>alert('ua')</script>\\u001b[31m Boto3/1.28.57 kali");
        Element svg = (Element) doc.getElementsByTagName("svg").item(0);
        assertThat(svg.getTextContent()).contains("agent <script>alert('ua')</script>");
    }

    static Document xml(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setExpandEntityReferences(false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void support_isTheSessionActionsText_withEveryChangeAndItsRequestIds() throws Exception {
        assertThat(main("transcript", "export", transcript.toString(), "--format", "support")).isZero();
        String text = stdout();
        TranscriptEntry header = entries.get(0);
        assertThat(text).startsWith("Account 111122223333: actions completed in response to your notification of irregular "
                + "activity (irshell session " + header.data().path("sessionId").asText() + ").");
        assertThat(text).contains("Turn off the user's console password: deleted the console password of dev-jenkins",
                "iam:DeleteLoginProfile in aws-global (request id " + requestIds("DeleteLoginProfile").get(0) + ")",
                "Undid: Deactivate the compromised access key");
        requestIds("UpdateAccessKey").forEach(id -> assertThat(text).contains("iam:UpdateAccessKey in aws-global (request id " + id + ")"));
        // one implementation: what session.supportCase shows during a session is what the export prints
        SessionRecord record = SessionRecord.read(transcript);
        ActionContext ctx = new ActionContext("us-east-1", "111122223333", header.data().path("sessionId").asText(),
                Clock.systemUTC(), ActionContext.Progress.NONE, record::history);
        ActionResult r = new SupportCaseAction().execute(Params.of(), ctx);
        assertThat(text).isEqualTo(r.data().get("pasteText").asText());
    }

    @Test
    void out_writesTheFileOnlyIfNew_andSaysWhatItWrote() throws Exception {
        Path report = dir.resolve("report.html");
        assertThat(main("transcript", "export", transcript.toString(), "--format", "html", "--out", report.toString()))
                .as(stderr()).isZero();
        assertThat(stdout()).startsWith("wrote " + report + " (the incident report as one self-contained HTML file");
        String written = Files.readString(report);
        assertThat(written).startsWith("<!DOCTYPE html>").contains("111122223333");
        assertThat(Files.getPosixFilePermissions(report)).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");

        assertThat(main("transcript", "export", transcript.toString(), "--format", "md", "--out", report.toString())).isEqualTo(2);
        assertThat(stderr()).contains("--out " + report + " already exists: irshell does not overwrite a file");
        assertThat(Files.readString(report)).isEqualTo(written);

        Path json = dir.resolve("r.md");
        assertThat(main("--output", "json", "transcript", "export", transcript.toString(), "--format", "md", "--out",
                json.toString())).isZero();
        var n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(stdout());
        assertThat(n.get("status").asText()).isEqualTo("ok");
        assertThat(n.get("finalDigest").asText()).isEqualTo(digest);
        assertThat(n.get("out").asText()).isEqualTo(json.toString());
    }

    @Test
    void usageErrors_exit2_withAClearMessage() {
        assertThat(main("transcript", "export", dir.resolve("nope.jsonl").toString(), "--format", "md")).isEqualTo(2);
        assertThat(stderr()).contains("no transcript at " + dir.resolve("nope.jsonl") + " (give a transcript.jsonl or its session folder)");
        assertThat(main("transcript", "export", transcript.toString(), "--format", "pdf")).isEqualTo(2);
        assertThat(stderr()).contains("unknown export format 'pdf': the formats are md, html, support");
        assertThat(main("transcript", "export", transcript.toString())).isEqualTo(2);
        assertThat(stderr()).contains("transcript export needs --format: one of md, html, support");
        assertThat(main("transcript", "export", "--format", "md")).isEqualTo(2);
        assertThat(stderr()).contains("usage: irshell transcript export FILE --format md|html|support|cast [--out FILE]");
        assertThat(main("transcript", "export", transcript.toString(), "--format", "md", "--colour")).isEqualTo(2);
        assertThat(stderr()).contains("unknown option --colour for transcript export");
        assertThat(main("transcript", "export", transcript.toString(), "--format", "md", "--out",
                dir.resolve("no/such/dir/r.md").toString())).isEqualTo(2);
        assertThat(stderr()).contains("no such directory");
        assertThat(main("--output", "json", "transcript", "export", transcript.toString(), "--format", "md")).isEqualTo(2);
        assertThat(stderr()).contains("--output json with transcript export needs --out FILE");
        assertThat(main("help")).isZero();
        assertThat(stdout()).contains("irshell transcript export FILE --format F [--out FILE]",
                "--format md", "--format html", "--format support    the text to paste into the AWS Support case");
        assertThat(main("transcript", "frobnicate", transcript.toString())).isEqualTo(2);
        assertThat(stderr()).contains("usage: irshell transcript verify FILE | irshell transcript export FILE");
    }

    @Test
    void tamperedTranscript_stillExports_butSaysAtTheTopThatItDidNotVerify() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(transcript));
        int changed = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"type\":\"step.end\"") && lines.get(i).contains("Active -> Inactive")) {
                lines.set(i, lines.get(i).replace("Active -> Inactive", "Active -> Active"));
                changed = i + 1;
                break;
            }
        }
        assertThat(changed).isPositive();
        Path tampered = dir.resolve("tampered.jsonl");
        Files.write(tampered, lines);

        assertThat(main("transcript", "export", tampered.toString(), "--format", "md")).isEqualTo(3);
        String md = stdout();
        List<String> top = md.lines().limit(6).toList();
        assertThat(top.get(2)).startsWith("> **WARNING: THIS TRANSCRIPT DID NOT VERIFY");
        assertThat(String.join("\n", top)).contains("line " + changed, "modified");
        assertThat(md).contains("Items from line " + changed + " on are marked UNTRUSTED", "| Account | 111122223333 |",
                "DID NOT VERIFY: line " + changed, "**UNTRUSTED**", "Active -&gt; Active");
        assertThat(md).doesNotContain("Chain verified");
        assertThat(stderr()).contains("THIS TRANSCRIPT DID NOT VERIFY");

        assertThat(main("transcript", "export", tampered.toString(), "--format", "html")).isEqualTo(3);
        Document doc = xml(stdout());
        Element banner = (Element) doc.getElementsByTagName("div").item(0);
        assertThat(banner.getAttribute("class")).isEqualTo("banner bad");
        assertThat(banner.getTextContent()).contains("DID NOT VERIFY", "line " + changed);

        assertThat(main("transcript", "export", tampered.toString(), "--format", "support")).isEqualTo(3);
        assertThat(stdout()).startsWith("WARNING: THIS TRANSCRIPT DID NOT VERIFY").contains("Account 111122223333");
    }

    @Test
    void cutOffTranscript_isSaidToBeUnsealed() throws Exception {
        List<String> lines = Files.readAllLines(transcript);
        Path cut = dir.resolve("cut.jsonl");
        Files.write(cut, lines.subList(0, lines.size() - 2));       // no session.end, no seal
        assertThat(main("transcript", "export", cut.toString(), "--format", "md")).isEqualTo(3);
        String md = stdout();
        assertThat(md.lines().skip(2).findFirst().orElseThrow()).startsWith("> **WARNING: UNSEALED TRANSCRIPT");
        assertThat(md).contains("never sealed", "(last entry; never sealed)", "none verified; last line's SHA-256 "
                + Hashes.sha256Hex(lines.get(lines.size() - 3).getBytes(StandardCharsets.UTF_8)));
        assertThat(md).doesNotContain("**UNTRUSTED**");
    }

    @Test
    void unreadableLine_isNamed_andTheRestIsStillReported() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(transcript));
        lines.set(5, "{\"this is\": not json");
        Path broken = dir.resolve("broken.jsonl");
        Files.write(broken, lines);
        assertThat(main("transcript", "export", broken.toString(), "--format", "md")).isEqualTo(3);
        assertThat(stdout()).contains("Unreadable, left out of this report: line 6: not valid JSON",
                "| Account | 111122223333 |", "RunInstances (write) by dev-jenkins");
    }
}
