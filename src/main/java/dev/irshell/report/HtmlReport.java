package dev.irshell.report;

import dev.irshell.action.Table;
import java.util.List;

/**
 * The incident report as one self-contained HTML file: inline CSS, an inline SVG timeline, no
 * script, no font, image or style sheet from anywhere else, so it opens the same offline, from a
 * ticket attachment or years later. Every string from the transcript goes through
 * {@link Escape#html} (the transcript holds attacker-chosen names and user agents), and the
 * markup is also well-formed XML.
 */
public final class HtmlReport {
    private HtmlReport() {}

    static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1d232a;margin:0 auto;max-width:1180px;padding:0 24px 48px}
            h1{font-size:24px;margin:24px 0 8px}h2{font-size:19px;margin:32px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
            h3{font-size:15px;margin:20px 0 6px}h4{font-size:13px;margin:12px 0 4px;color:#444c56}
            table{border-collapse:collapse;margin:6px 0 14px;font-size:12.5px}th,td{border:1px solid #d0d7de;padding:3px 7px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
            th{background:#f3f5f7}td.k{font-weight:600;white-space:nowrap;background:#f8f9fa}tr.hi td{background:#fff4d6;font-weight:600}
            td.t{white-space:nowrap}table.timeline td:nth-child(2),table.timeline td:nth-child(3){white-space:nowrap;overflow-wrap:normal}nav{font-size:13px;margin:0 0 8px}nav a{margin-right:12px}
            code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;word-break:break-all}
            .banner{padding:12px 16px;border-radius:6px;margin:12px 0 18px;font-weight:600}
            .banner.ok{background:#e6f4ea;border:1px solid #34a853}.banner.bad{background:#fde7e9;border:2px solid #d93025;color:#8c1d18}
            .banner.warn{background:#fef7e0;border:2px solid #e37400;color:#7a3e00}.banner ul{font-weight:400;margin:6px 0 0}
            .untrusted{outline:2px dashed #d93025}.tag{display:inline-block;font-size:11px;font-weight:700;padding:0 5px;border-radius:3px;margin-right:4px}
            .tag.UNTRUSTED{background:#d93025;color:#fff}.sev{font-weight:700}.sev.critical{color:#b3261e}.sev.warn{color:#b06000}.sev.info{color:#1a73e8}
            .found td:first-child{border-left:4px solid #d93025}.operator td:first-child{border-left:4px solid #1f6feb}
            .state{font-weight:600}.muted{color:#57606a}.change{border:1px solid #d0d7de;border-radius:6px;padding:4px 14px 8px;margin:10px 0}
            svg.chart{max-width:100%;height:auto;border:1px solid #d0d7de;border-radius:6px;background:#fff}
            svg .lane{fill:#fff}svg .lane.even{fill:#f6f8fa}svg .lanelabel{font-size:11px;text-anchor:end;fill:#444c56}
            svg .panel{font-size:11px;fill:#57606a}svg .tick{stroke:#d0d7de}svg .ticklabel{font-size:10px;fill:#57606a}
            svg .break{stroke:#8c959f;stroke-dasharray:4 3}svg .legend text{font-size:11px;fill:#444c56}
            svg .found{fill:#fff;stroke:#d93025;stroke-width:1.5}svg .found.write{fill:#d93025}
            svg .change{fill:#1f6feb}svg .undo{fill:#8250df}svg .op{fill:#6e9fe8}svg .op.note{fill:#8c959f}svg .op.approval{fill:#1f6feb}
            svg .untrusted{stroke:#000;stroke-dasharray:2 2}
            @media print{body{max-width:none}.change{break-inside:avoid}}
            """;

    public static String render(SessionRecord r) {
        Writer w = new Writer(r);
        w.head();
        w.integrity();
        w.session();
        w.summary();
        w.timeline();
        w.changes();
        w.findings();
        w.requests();
        w.b.append("<p class=\"muted\">Made by irshell from the transcript alone; nothing here was fetched from AWS.</p>\n");
        w.b.append("</body>\n</html>\n");
        return w.b.toString();
    }

    private static final class Writer {
        final SessionRecord r;
        final Header h;
        final StringBuilder b = new StringBuilder(64 * 1024);

        Writer(SessionRecord r) {
            this.r = r;
            this.h = r.header();
        }

        private static String e(String s) {
            return Escape.html(s);
        }

        private String tag(long line) {
            return r.untrusted(line) ? "<span class=\"tag UNTRUSTED\">UNTRUSTED</span>" : "";
        }

        void head() {
            b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                    .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                    .append("<title>Incident report: ").append(e(Fmt.orDash(h.runbookTitle()))).append(" — account ")
                    .append(e(Fmt.orDash(h.account()))).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
            b.append("<h1>Incident report: ").append(e(Fmt.orDash(h.runbookTitle()))).append("</h1>\n");
            b.append("<nav><a href=\"#session\">Session</a><a href=\"#timeline\">Timeline</a>")
                    .append("<a href=\"#changes\">Changes</a><a href=\"#findings\">Findings</a>")
                    .append("<a href=\"#requests\">AWS requests</a></nav>\n");
        }

        void integrity() {
            Integrity in = r.integrity();
            String cls = in.verified() ? "ok" : in.verify().status() == dev.irshell.transcript.VerifyResult.Status.UNSEALED ? "warn" : "bad";
            b.append("<div class=\"banner ").append(cls).append("\" id=\"integrity\">").append(e(in.headline()));
            if (!in.details().isEmpty()) {
                b.append("\n<ul>\n");
                in.details().forEach(d -> b.append("<li>").append(e(d)).append("</li>\n"));
                b.append("</ul>");
            }
            b.append("</div>\n");
        }

        void session() {
            b.append("<h2 id=\"session\">Session</h2>\n<table class=\"kv\">\n");
            Fmt.sessionFields(r).forEach(f -> {
                if (f.code()) {
                    mono(f.label(), f.value());
                } else {
                    row(f.label(), f.value());
                }
            });
            b.append("</table>\n");
        }

        private void row(String k, String v) {
            b.append("<tr><td class=\"k\">").append(e(k)).append("</td><td>").append(e(Fmt.orDash(v))).append("</td></tr>\n");
        }

        private void mono(String k, String v) {
            b.append("<tr><td class=\"k\">").append(e(k)).append("</td><td class=\"mono\">").append(e(Fmt.orDash(v)))
                    .append("</td></tr>\n");
        }

        void summary() {
            b.append("<h2 id=\"summary\">Summary</h2>\n<ul>\n");
            Fmt.summary(r).forEach(l -> b.append("<li>").append(e(l)).append("</li>\n"));
            b.append("</ul>\n");
        }

        void timeline() {
            b.append("<h2 id=\"timeline\">Timeline</h2>\n<p class=\"muted\">Activity found in the account (CloudTrail events and resources "
                    + "the investigation turned up) and what the operator did, by region. Hover a mark for its details.</p>\n");
            b.append(TimelineChart.svg(r));
            List<SessionRecord.Row> rows = r.timelineRows();
            if (rows.isEmpty()) {
                b.append("<p>Nothing recorded.</p>\n");
                return;
            }
            b.append("<table class=\"timeline\">\n<tr><th>Time (UTC)</th><th>Who</th><th>Region</th><th>What</th><th>Detail</th></tr>\n");
            for (SessionRecord.Row row : rows) {
                SessionRecord.Moment m = row.first();
                String untrusted = r.untrusted(m.line()) ? " untrusted" : "";
                if (m.found() != null) {
                    Found f = m.found();
                    String time = row.count() == 1 ? e(Fmt.time(f.time()))
                            : e(Fmt.time(f.time())) + "<br/>… " + e(Fmt.time(row.last()));
                    b.append("<tr class=\"found").append(untrusted).append("\"><td class=\"mono t\">").append(time)
                            .append("</td><td>found in account</td><td>").append(e(f.region())).append("</td><td>")
                            .append(tag(m.line())).append(e(Fmt.rowHeadline(row))).append("</td><td class=\"mono\">")
                            .append(e(Fmt.foundDetail(f))).append("</td></tr>\n");
                } else {
                    OperatorEvent o = m.operator();
                    b.append("<tr class=\"operator").append(untrusted).append("\"><td class=\"mono t\">").append(e(Fmt.time(o.time())))
                            .append("</td><td>operator</td><td>").append(e(String.join(", ", o.regions()))).append("</td><td>")
                            .append(tag(m.line())).append(e(o.text())).append("</td><td>").append(e(o.kind())).append("</td></tr>\n");
                }
            }
            b.append("</table>\n");
        }

        void changes() {
            b.append("<h2 id=\"changes\">Changes to the account</h2>\n");
            if (r.changes().isEmpty()) {
                b.append("<p>The session proposed no change or destroy.</p>\n");
                return;
            }
            int i = 1;
            for (Change c : r.changes()) {
                b.append("<div class=\"change").append(r.untrusted(c.line()) ? " untrusted" : "").append("\">\n<h3>")
                        .append(i++).append(". ").append(tag(c.line())).append(e(c.step()))
                        .append(c.stepName() == null ? "" : ": " + e(c.stepName())).append(" <span class=\"muted\">(")
                        .append(e(Fmt.orDash(c.effect()))).append(", ").append(e(c.outcome())).append(")</span></h3>\n<table>\n");
                row("Action", Fmt.orDash(c.action()) + ", planned " + Fmt.time(c.planned()));
                for (Change.PlanItem p : c.plans()) {
                    row("What", p.summary());
                    row("Calls planned", String.join(", ", p.calls()));
                }
                if (c.approvals().isEmpty()) {
                    row("Approved", "no answer recorded" + (c.state().equals("skipped") ? " (not asked: " + Fmt.orDash(c.reason()) + ")" : ""));
                }
                for (Change.Approval a : c.approvals()) {
                    row(a.approved() ? "Approved" : "Not approved", Fmt.time(a.time()) + ": " + a.describe());
                }
                row("Result", Fmt.time(c.ended()) + ": " + c.outcome() + (c.summary() == null ? "" : ": " + c.summary())
                        + (c.reason() == null ? "" : " (" + c.reason() + ")"));
                if (c.noUndoReason() == null) {
                    c.undos().forEach(u -> row("Undo", u.action() + " " + u.params() + " (undo " + c.step() + " in the session)"));
                } else {
                    row("Undo", c.noUndoReason());
                }
                if (c.undoRuns().isEmpty()) {
                    row("Undone later", "no");
                }
                for (Change.UndoRun u : c.undoRuns()) {
                    StringBuilder v = new StringBuilder(u.outcome() + " " + Fmt.time(u.time()) + ": " + Fmt.orDash(u.action())
                            + (u.summary() == null ? "" : ": " + u.summary()) + (u.reason() == null ? "" : " (" + u.reason() + ")"));
                    u.approvals().forEach(a -> v.append("; ").append(a.describe()));
                    u.calls().stream().filter(CallRecord::write).forEach(x -> v.append("; ").append(x.name()).append(" in ")
                            .append(x.region()).append(' ').append(x.outcome()).append(", request id ").append(Fmt.orDash(x.requestId())));
                    row((r.untrusted(u.line()) ? "UNTRUSTED " : "") + "Undone later", v.toString());
                }
                b.append("</table>\n");
                if (!c.calls().isEmpty()) {
                    b.append("<h4>AWS calls it made</h4>\n");
                    calls(c.calls(), false);
                }
                b.append("</div>\n");
            }
        }

        void findings() {
            b.append("<h2 id=\"findings\">Findings by step</h2>\n");
            String section = null;
            for (StepRun s : r.steps()) {
                if (s.section() != null && !s.section().equals(section)) {
                    section = s.section();
                    b.append("<p class=\"muted\"><em>").append(e(section)).append("</em></p>\n");
                }
                b.append("<h3").append(r.untrusted(s.line()) ? " class=\"untrusted\"" : "").append(">").append(tag(s.line()))
                        .append(e(s.title())).append("</h3>\n<p><span class=\"state\">").append(e(s.state())).append("</span>");
                if (s.action() != null) {
                    b.append(" · <code>").append(e(s.action())).append("</code>");
                }
                b.append(" · <span class=\"mono\">").append(e(Fmt.time(s.ended() != null ? s.ended() : s.started()))).append("</span>");
                if (s.summary() != null) {
                    b.append(" · ").append(e(s.summary()));
                }
                if (s.reason() != null) {
                    b.append(" · ").append(e(s.reason()));
                }
                if (s.answer() != null) {
                    b.append(" · answer: ").append(e(s.answer()));
                }
                b.append("</p>\n");
                if (!s.findings().isEmpty() || !s.notes().isEmpty()) {
                    b.append("<ul>\n");
                    s.findings().forEach(f -> b.append("<li><span class=\"sev ").append(e(f.severity())).append("\">")
                            .append(e(f.severity().toUpperCase())).append("</span> ").append(e(f.message())).append("</li>\n"));
                    s.notes().forEach(n -> b.append("<li>Note: ").append(e(n)).append("</li>\n"));
                    b.append("</ul>\n");
                }
                s.tables().forEach(this::table);
            }
        }

        private void table(Table t) {
            if (t.columns().isEmpty()) {
                return;
            }
            b.append("<h4>").append(e(t.title())).append("</h4>\n");
            if (t.rows().isEmpty()) {
                b.append("<p class=\"muted\">(no rows)</p>\n");
                return;
            }
            b.append("<table>\n<tr>");
            t.columns().forEach(c -> b.append("<th>").append(e(c)).append("</th>"));
            b.append("</tr>\n");
            for (int i = 0; i < t.rows().size(); i++) {
                List<String> row = t.rows().get(i);
                b.append(t.highlighted().contains(i) ? "<tr class=\"hi\">" : "<tr>");
                for (int c = 0; c < t.columns().size(); c++) {
                    b.append("<td>").append(c < row.size() ? e(row.get(c)) : "").append("</td>");
                }
                b.append("</tr>\n");
            }
            b.append("</table>\n");
        }

        void requests() {
            b.append("<h2 id=\"requests\">AWS requests</h2>\n<p class=\"muted\">Every AWS call the session made, with the request id AWS returned.</p>\n");
            if (r.calls().isEmpty()) {
                b.append("<p>None.</p>\n");
                return;
            }
            calls(r.calls(), true);
        }

        private void calls(List<CallRecord> calls, boolean withStep) {
            b.append("<table class=\"calls\">\n<tr><th>Time (UTC)</th><th>Call</th><th>Region</th>")
                    .append(withStep ? "<th>Step</th>" : "").append("<th>Outcome</th><th>Error</th><th>Request id</th></tr>\n");
            for (CallRecord c : calls) {
                b.append(r.untrusted(c.line()) ? "<tr class=\"untrusted\">" : "<tr>").append("<td class=\"mono\">")
                        .append(e(Fmt.time(c.time()))).append("</td><td>").append(e(c.name())).append("</td><td>")
                        .append(e(c.region())).append("</td>");
                if (withStep) {
                    b.append("<td>").append(e(Fmt.orDash(c.step()))).append("</td>");
                }
                b.append("<td>").append(e(c.outcome() + (c.httpStatus() > 0 ? " " + c.httpStatus() : ""))).append("</td><td>")
                        .append(e(Fmt.orDash(c.errorCode()))).append(c.errorMessage() == null ? "" : "<br/><span class=\"muted\">"
                                + e(c.errorMessage()) + "</span>").append("</td><td class=\"mono\">").append(e(Fmt.orDash(c.requestId())))
                        .append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
    }
}
