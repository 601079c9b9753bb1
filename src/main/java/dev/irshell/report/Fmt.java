package dev.irshell.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Wording shared by the report formats, before any escaping: times, durations, counts, descriptions. */
final class Fmt {
    private Fmt() {}

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** ISO-8601 UTC with milliseconds, as the transcript writes its times (so they sort as text), or "unknown". */
    static String time(Instant t) {
        return t == null ? "unknown" : ISO_MILLIS.format(t);
    }

    /** "2h 05m 09s", "3m 02s", "14s", "0.4s" */
    static String duration(Duration d) {
        long s = d.getSeconds();
        if (s < 10 && d.toMillis() < 10_000) {
            return String.format("%.1fs", d.toMillis() / 1000.0);
        }
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm %02ds", s / 60, s % 60);
        }
        return String.format("%dh %02dm %02ds", s / 3600, (s / 60) % 60, s % 60);
    }

    static String orDash(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }

    static String plural(long n, String one) {
        return n + " " + one + (n == 1 ? "" : one.endsWith("s") ? "es" : "s");
    }

    /** "RunInstances (write) by dev-jenkins" */
    static String foundHeadline(Found f) {
        StringBuilder b = new StringBuilder(f.what());
        if (Boolean.TRUE.equals(f.write()) && "CloudTrail".equals(f.kind())) {
            b.append(" (write)");
        }
        if (f.who() != null) {
            b.append(" by ").append(f.who());
        }
        if (f.errorCode() != null) {
            b.append(", failed: ").append(f.errorCode());
        }
        return b.toString();
    }

    /** The time column of a timeline row: one time, or "first … last" for a folded run. */
    static String rowTime(SessionRecord.Row row) {
        return row.count() == 1 ? time(row.first().time()) : time(row.first().time()) + " … " + time(row.last());
    }

    /** The headline of a timeline row that holds found activity, "×N" for a folded run. */
    static String rowHeadline(SessionRecord.Row row) {
        String h = foundHeadline(row.first().found());
        return row.count() == 1 ? h : h + " ×" + row.count() + " (the same read-only call repeated)";
    }

    /** "key AKIA..., from 203.0.113.66, agent ..., resources ..., found by step" */
    static String foundDetail(Found f) {
        List<String> parts = new ArrayList<>();
        if (f.accessKeyId() != null) {
            parts.add("key " + f.accessKeyId());
        }
        if (f.sourceIp() != null) {
            parts.add("from " + f.sourceIp());
        }
        if (f.userAgent() != null) {
            parts.add("agent " + f.userAgent());
        }
        if (f.resources() != null && !f.resources().isBlank()) {
            parts.add("resources " + f.resources());
        }
        parts.add(f.kind() + ", found by " + String.join(", ", f.foundBy()));
        return String.join("; ", parts);
    }

    /** "instanceId=i-0abc, since=2026-10-22T22:19:19Z" (inputs left empty are left out) */
    static String inputs(Map<String, String> inputs) {
        StringBuilder s = new StringBuilder();
        inputs.forEach((k, v) -> {
            if (v != null) {
                s.append(s.isEmpty() ? "" : ", ").append(k).append('=').append(v);
            }
        });
        return s.toString();
    }

    /** "5 done, 2 skipped" over the steps' final states. */
    static String stepCounts(List<StepRun> steps) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        steps.forEach(s -> counts.merge(s.state(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((state, n) -> parts.add(n + " " + state));
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    /** The facts a reader of the report wants first, one line each. */
    static List<String> summary(SessionRecord r) {
        List<String> lines = new ArrayList<>();
        lines.add(Fmt.plural(r.steps().size(), "step run") + ": " + stepCounts(r.steps()));
        long made = r.changes().stream().filter(Change::made).count();
        long undone = r.changes().stream().filter(Change::undone).count();
        long notMade = r.changes().size() - made;
        lines.add(Fmt.plural(made, "change") + " made to the account" + (undone > 0 ? " (" + undone + " undone later)" : "")
                + (notMade > 0 ? ", " + notMade + " proposed but not made" : ""));
        long failed = r.calls().stream().filter(c -> !c.ok()).count();
        lines.add(Fmt.plural(r.calls().size(), "AWS call") + (failed > 0 ? " (" + failed + " failed)" : ""));
        long writes = r.found().stream().filter(f -> Boolean.TRUE.equals(f.write())).count();
        TreeMap<String, Integer> ips = new TreeMap<>();
        r.found().stream().filter(f -> f.sourceIp() != null).forEach(f -> ips.merge(f.sourceIp(), 1, Integer::sum));
        lines.add(Fmt.plural(r.found().size(), "activity record") + " found in the account (" + writes + " that changed something)"
                + (ips.isEmpty() ? "" : " from source IPs " + String.join(", ", ips.keySet()))
                + (r.ownEventsLeftOut() > 0 ? "; " + Fmt.plural(r.ownEventsLeftOut(), "CloudTrail event")
                        + " of this session's own calls left out" : ""));
        return lines;
    }

    /** One line of a report's session table; {@code code} marks ids and digests, which HTML sets in monospace. */
    record Field(String label, String value, boolean code) {}

    /** The session table both reports open with: who, when, how, which runbook, and whether the record holds. */
    static List<Field> sessionFields(SessionRecord r) {
        Header h = r.header();
        Integrity in = r.integrity();
        List<Field> f = new java.util.ArrayList<>();
        f.add(new Field("Account", h.account(), false));
        f.add(new Field("Operator", h.operator(), false));
        f.add(new Field("Caller", h.callerArn() == null ? null : h.callerArn() + (h.callerAccessKeyId() == null ? ""
                : " (access key " + h.callerAccessKeyId() + ")"), false));
        f.add(new Field("Started", time(r.start()), false));
        f.add(new Field("Ended", time(r.end()) + (in.sealed() ? "" : " (last entry; never sealed)"), false));
        f.add(new Field("Duration", duration(r.duration()), false));
        f.add(new Field("Mode", h.modeLabel() + "; dry run: " + (h.dryRun() ? "yes" : "no") + "; read-only: "
                + (h.readOnly() ? "yes" : "no"), false));
        f.add(new Field("Region", h.region() == null ? null : h.region() + (h.profile() == null ? "" : ", profile " + h.profile()),
                false));
        f.add(new Field("Tool", h.toolVersion() == null ? null : "irshell " + h.toolVersion(), false));
        f.add(new Field("Runbook", orDash(h.runbookId()) + " " + orDash(h.runbookVersion()) + ": " + orDash(h.runbookTitle()),
                false));
        f.add(new Field("Runbook source", h.runbookOrigin(), false));
        f.add(new Field("Runbook SHA-256", h.runbookSha256(), true));
        f.add(new Field("Inputs", inputs(h.inputs()), false));
        f.add(new Field("Session id", h.sessionId(), true));
        f.add(new Field("Transcript", r.file() == null ? null : r.file().toAbsolutePath().toString(), true));
        f.add(new Field("Final digest", in.finalDigest() != null ? in.finalDigest() + " (SHA-256 of the seal line)"
                : "none verified; last line's SHA-256 " + orDash(in.lastLineHash()), true));
        f.add(new Field("Chain", in.verified() ? "verified, sealed" : switch (in.verify().status()) {
            case UNSEALED -> "UNSEALED: intact but cut off before the seal";
            default -> "DID NOT VERIFY: " + in.verify().problem();
        }, false));
        r.evidence().ifPresent(ev -> {
            f.add(new Field("Artifacts", verdict(ev.artifacts()), false));
            f.add(new Field("Signature", verdict(ev.signature()), false));
        });
        return f;
    }

    /** "verified: ..." / "FAILED: ... (problems)" / "none: ..." for one part of {@code transcript verify}'s verdict. */
    static String verdict(dev.irshell.transcript.BundleVerifier.Check c) {
        String label = switch (c.status()) {
            case OK -> "verified";
            case FAILED -> "FAILED";
            case NONE -> "none";
        };
        return label + ": " + c.summary() + (c.problems().isEmpty() ? "" : " (" + String.join("; ", c.problems()) + ")");
    }
}
