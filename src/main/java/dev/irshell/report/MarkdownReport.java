package dev.irshell.report;

import dev.irshell.action.Table;
import java.util.List;

/**
 * The incident report as Markdown: the record's integrity first, then who, when and how, a
 * timeline of what was found and what the operator did, every change with its approval, request
 * ids and undo, the findings and tables of every step, and every AWS request. Every string from
 * the transcript goes through {@link Escape#md}, so attacker-chosen names stay text.
 */
public final class MarkdownReport {
    private MarkdownReport() {}

    public static String render(SessionRecord r) {
        MarkdownReport.Writer w = new Writer(r);
        w.integrity();
        w.session();
        w.summary();
        w.timeline();
        w.changes();
        w.findings();
        w.requests();
        return w.b.toString();
    }

    private static final class Writer {
        final SessionRecord r;
        final Header h;
        final StringBuilder b = new StringBuilder();

        Writer(SessionRecord r) {
            this.r = r;
            this.h = r.header();
        }

        private static String e(String s) {
            return Escape.md(s);
        }

        private String mark(long line) {
            return r.untrusted(line) ? "**UNTRUSTED** " : "";
        }

        void integrity() {
            b.append("# Incident report: ").append(e(Fmt.orDash(h.runbookTitle()))).append("\n\n");
            Integrity in = r.integrity();
            if (in.verified()) {
                b.append(e(in.headline())).append("\n\n");
                return;
            }
            b.append("> **").append(e(in.headline())).append("**\n>\n");
            in.details().forEach(d -> b.append("> ").append(e(d)).append("  \n"));
            b.append('\n');
        }

        void session() {
            b.append("## Session\n\n| | |\n|---|---|\n");
            Fmt.sessionFields(r).forEach(f -> row(f.label(), f.value()));
            b.append('\n');
        }

        private void row(String name, String value) {
            b.append("| ").append(name).append(" | ").append(e(Fmt.orDash(value))).append(" |\n");
        }

        void summary() {
            b.append("## Summary\n\n");
            Fmt.summary(r).forEach(l -> b.append("- ").append(e(l)).append('\n'));
            b.append('\n');
        }

        void timeline() {
            b.append("## Timeline\n\nActivity found in the account (CloudTrail events and resources the investigation "
                    + "turned up) and what the operator did, in time order (UTC).\n\n");
            List<SessionRecord.Row> rows = r.timelineRows();
            if (rows.isEmpty()) {
                b.append("Nothing recorded.\n\n");
                return;
            }
            b.append("| Time (UTC) | Who | Region | What | Detail |\n|---|---|---|---|---|\n");
            for (SessionRecord.Row row : rows) {
                SessionRecord.Moment m = row.first();
                b.append("| ").append(e(Fmt.rowTime(row))).append(" | ");
                if (m.found() != null) {
                    Found f = m.found();
                    b.append("found in account | ").append(e(f.region())).append(" | ").append(mark(m.line()))
                            .append(e(Fmt.rowHeadline(row))).append(" | ").append(e(Fmt.foundDetail(f)));
                } else {
                    OperatorEvent o = m.operator();
                    b.append("operator | ").append(e(String.join(", ", o.regions()))).append(" | ").append(mark(m.line()))
                            .append(e(o.text())).append(" | ").append(e(o.kind()));
                }
                b.append(" |\n");
            }
            b.append('\n');
        }

        void changes() {
            b.append("## Changes to the account\n\n");
            if (r.changes().isEmpty()) {
                b.append("The session proposed no change or destroy.\n\n");
                return;
            }
            int i = 1;
            for (Change c : r.changes()) {
                b.append("### ").append(i++).append(". ").append(mark(c.line())).append(e(c.step()))
                        .append(c.stepName() == null ? "" : ": " + e(c.stepName()))
                        .append(" (").append(e(Fmt.orDash(c.effect()))).append(", ").append(e(c.outcome())).append(")\n\n");
                b.append("- Action: ").append(e(Fmt.orDash(c.action()))).append(", planned ").append(e(Fmt.time(c.planned())))
                        .append('\n');
                for (Change.PlanItem p : c.plans()) {
                    b.append("- What: ").append(e(Fmt.orDash(p.summary()))).append('\n');
                    b.append("  - Calls planned: ").append(e(String.join(", ", p.calls()))).append('\n');
                }
                if (c.approvals().isEmpty()) {
                    b.append("- Approved: no answer recorded").append(c.state().equals("skipped")
                            ? " (not asked: " + e(Fmt.orDash(c.reason())) + ")" : "").append('\n');
                }
                for (Change.Approval a : c.approvals()) {
                    b.append("- ").append(a.approved() ? "Approved" : "Not approved").append(' ').append(e(Fmt.time(a.time())))
                            .append(": ").append(e(a.describe())).append('\n');
                }
                b.append("- Result ").append(e(Fmt.time(c.ended()))).append(": ").append(e(c.outcome()))
                        .append(c.summary() == null ? "" : ": " + e(c.summary()))
                        .append(c.reason() == null ? "" : " (" + e(c.reason()) + ")").append('\n');
                List<CallRecord> writes = c.writes();
                if (!writes.isEmpty()) {
                    b.append("- Calls that changed the account:\n\n  | Time (UTC) | Call | Region | Request id |\n  |---|---|---|---|\n");
                    writes.forEach(w -> b.append("  | ").append(e(Fmt.time(w.time()))).append(" | ").append(e(w.name()))
                            .append(" | ").append(e(w.region())).append(" | ").append(e(Fmt.orDash(w.requestId()))).append(" |\n"));
                    b.append('\n');
                }
                long failed = c.calls().stream().filter(x -> !x.ok()).count();
                if (failed > 0) {
                    b.append("- ").append(failed).append(" call(s) failed: ").append(e(String.join(", ", c.calls().stream()
                            .filter(x -> !x.ok()).map(x -> x.name() + " " + Fmt.orDash(x.errorCode()) + " (request id "
                                    + Fmt.orDash(x.requestId()) + ")").toList()))).append('\n');
                }
                if (c.noUndoReason() == null) {
                    c.undos().forEach(u -> b.append("- Undo: ").append(e(u.action() + " " + u.params()))
                            .append(" (`undo ").append(e(c.step())).append("` in the session)\n"));
                } else {
                    b.append("- Undo: ").append(e(c.noUndoReason())).append('\n');
                }
                if (c.undoRuns().isEmpty()) {
                    b.append("- Undone later: no\n");
                }
                for (Change.UndoRun u : c.undoRuns()) {
                    b.append("- ").append(mark(u.line())).append("Undo ").append(e(u.outcome())).append(' ')
                            .append(e(Fmt.time(u.time()))).append(": ").append(e(Fmt.orDash(u.action())))
                            .append(u.summary() == null ? "" : ": " + e(u.summary()))
                            .append(u.reason() == null ? "" : " (" + e(u.reason()) + ")");
                    u.approvals().forEach(a -> b.append("; ").append(e(a.describe())));
                    u.calls().stream().filter(x -> x.write()).forEach(x -> b.append("; ").append(e(x.name() + " in " + x.region()
                            + " " + x.outcome() + ", request id " + Fmt.orDash(x.requestId()))));
                    b.append('\n');
                }
                b.append('\n');
            }
        }

        void findings() {
            b.append("## Findings by step\n\n");
            String section = null;
            for (StepRun s : r.steps()) {
                if (s.section() != null && !s.section().equals(section)) {
                    section = s.section();
                    b.append("*").append(e(section)).append("*\n\n");
                }
                b.append("### ").append(mark(s.line())).append(e(s.title())).append("\n\n");
                b.append(e(s.state())).append(s.action() == null ? "" : " · " + e(s.action()))
                        .append(" · ").append(e(Fmt.time(s.ended() != null ? s.ended() : s.started())));
                if (s.summary() != null) {
                    b.append(" · ").append(e(s.summary()));
                }
                if (s.reason() != null) {
                    b.append(" · ").append(e(s.reason()));
                }
                if (s.answer() != null) {
                    b.append(" · answer: ").append(e(s.answer()));
                }
                b.append("\n\n");
                s.findings().forEach(f -> b.append("- **").append(e(f.severity().toUpperCase())).append("** ")
                        .append(e(f.message())).append('\n'));
                s.notes().forEach(n -> b.append("- Note: ").append(e(n)).append('\n'));
                if (!s.findings().isEmpty() || !s.notes().isEmpty()) {
                    b.append('\n');
                }
                s.tables().forEach(this::table);
            }
        }

        private void table(Table t) {
            if (t.columns().isEmpty()) {
                return;
            }
            b.append("**").append(e(t.title())).append("**\n\n");
            if (t.rows().isEmpty()) {
                b.append("(no rows)\n\n");
                return;
            }
            b.append("| ");
            t.columns().forEach(c -> b.append(e(c)).append(" | "));
            b.append("\n|");
            t.columns().forEach(c -> b.append("---|"));
            b.append('\n');
            for (int i = 0; i < t.rows().size(); i++) {
                List<String> row = t.rows().get(i);
                boolean hi = t.highlighted().contains(i);
                b.append("| ");
                for (int c = 0; c < t.columns().size(); c++) {
                    String v = c < row.size() ? e(row.get(c)) : "";
                    b.append(hi && !v.isEmpty() ? "**" + v + "**" : v).append(" | ");
                }
                b.append('\n');
            }
            b.append('\n');
        }

        void requests() {
            b.append("## AWS requests\n\nEvery AWS call the session made, with the request id AWS returned.\n\n");
            if (r.calls().isEmpty()) {
                b.append("None.\n\n");
                return;
            }
            b.append("| Time (UTC) | Call | Region | Step | Outcome | Error | Request id |\n|---|---|---|---|---|---|---|\n");
            for (CallRecord c : r.calls()) {
                b.append("| ").append(mark(c.line())).append(e(Fmt.time(c.time()))).append(" | ").append(e(c.name()))
                        .append(" | ").append(e(c.region())).append(" | ").append(e(Fmt.orDash(c.step()))).append(" | ")
                        .append(e(c.outcome() + (c.httpStatus() > 0 ? " " + c.httpStatus() : ""))).append(" | ")
                        .append(e(Fmt.orDash(c.errorCode()))).append(" | ").append(e(Fmt.orDash(c.requestId()))).append(" |\n");
            }
            b.append('\n');
        }
    }
}
