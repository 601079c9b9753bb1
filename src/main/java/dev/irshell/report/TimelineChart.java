package dev.irshell.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The timeline as inline SVG: one lane per region (plus one for the operator's own actions) against
 * time. Activity found in the account is drawn as red circles (filled when it changed something),
 * the operator's changes as blue squares in the lane of the region they went to, undos as purple
 * diamonds, and every other operator action as a tick in the operator lane. Each mark carries a
 * {@code <title>} tooltip.
 *
 * <p>Found activity usually lies days or weeks before a session that lasts minutes, so the chart
 * has two panels: "before the session" on a logarithmic scale of time before the start (the last
 * hour as wide as the last weeks, labelled "3d before"), and the session itself on a linear scale.
 */
final class TimelineChart {
    static final String OPERATOR_LANE = "operator";
    private static final int LABEL_W = 130;
    private static final int LANE_H = 22;
    private static final int TOP = 24;
    private static final int WIDTH = 1100;
    private static final int GAP = 28;
    /** Room between a panel's edge and its first or last mark. */
    private static final int PAD = 8;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final SessionRecord r;
    private final List<String> lanes = new ArrayList<>();
    private final Instant start;
    private final Instant end;
    private final boolean before;
    private final double beforeMaxLog;
    private final int beforeX;
    private final int beforeW;
    private final int sessionX;
    private final int sessionW;

    private TimelineChart(SessionRecord r) {
        this.r = r;
        TreeSet<String> regions = new TreeSet<>((a, b) -> a.equals("global") ? (b.equals("global") ? 0 : -1)
                : b.equals("global") ? 1 : a.compareTo(b));
        r.found().forEach(f -> regions.add(f.region()));
        r.operator().forEach(o -> o.regions().forEach(x -> regions.add(lane(x))));
        lanes.add(OPERATOR_LANE);
        lanes.addAll(regions);
        Instant first = r.timeline().isEmpty() ? null : r.timeline().get(0).time();
        Instant s = r.start() != null ? r.start() : first;
        Instant e = r.end() != null ? r.end() : s;
        this.start = s;
        this.end = e == null || s == null || e.isBefore(s) ? s : e;
        this.before = s != null && first != null && first.isBefore(s);
        double maxLog = 1;
        if (before) {
            maxLog = Math.max(1, log(Duration.between(first, s)));
        }
        this.beforeMaxLog = maxLog;
        int plot = WIDTH - LABEL_W - 20;
        if (before) {
            beforeX = LABEL_W + PAD;
            beforeW = (int) (plot * 0.68) - PAD;
            sessionX = beforeX + beforeW + GAP;
            sessionW = plot - beforeW - GAP - 2 * PAD;
        } else {
            beforeX = LABEL_W;
            beforeW = 0;
            sessionX = LABEL_W + PAD;
            sessionW = plot - 2 * PAD;
        }
    }

    /** The SVG element, or an empty string when there is nothing to draw. */
    static String svg(SessionRecord r) {
        if (r.timeline().isEmpty() || r.start() == null) {
            return "";
        }
        return new TimelineChart(r).draw();
    }

    private static String lane(String region) {
        return region == null || region.equals("aws-global") ? "global" : region;
    }

    /** log of minutes before the start, so that 1 minute and 90 days fit one axis. */
    private static double log(Duration before) {
        return Math.log1p(Math.max(0, before.toMillis()) / 60_000.0);
    }

    private double x(Instant t) {
        if (before && t.isBefore(start)) {
            double v = log(Duration.between(t, start)) / beforeMaxLog;
            return beforeX + beforeW * (1 - Math.min(1, v));
        }
        long span = Math.max(1, Duration.between(start, end).toMillis());
        long at = Math.max(0, Math.min(span, Duration.between(start, t).toMillis()));
        return sessionX + sessionW * (double) at / span;
    }

    private double y(String laneName) {
        int i = lanes.indexOf(laneName);
        return TOP + (i < 0 ? 0 : i) * LANE_H + LANE_H / 2.0;
    }

    private String draw() {
        int height = TOP + lanes.size() * LANE_H + 70;
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"chart\" role=\"img\" aria-label=\"Timeline by region\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\">\n<title>Timeline: activity found in the account and the operator's actions, by region</title>\n");
        for (int i = 0; i < lanes.size(); i++) {
            double top = TOP + i * LANE_H;
            b.append("<rect class=\"lane").append(i % 2 == 0 ? " even" : "").append("\" x=\"").append(LABEL_W)
                    .append("\" y=\"").append(top).append("\" width=\"").append(WIDTH - LABEL_W - 20).append("\" height=\"")
                    .append(LANE_H).append("\"/>\n");
            b.append("<text class=\"lanelabel\" x=\"").append(LABEL_W - 6).append("\" y=\"").append(top + LANE_H / 2.0 + 4)
                    .append("\">").append(Escape.html(lanes.get(i))).append("</text>\n");
        }
        double bottom = TOP + lanes.size() * LANE_H;
        axes(b, bottom);
        List<Found> marks = new ArrayList<>(r.found());
        marks.sort(java.util.Comparator.comparing(f -> Boolean.TRUE.equals(f.write())));   // what changed something on top
        for (Found f : marks) {
            double cx = x(f.time());
            double cy = y(f.region());
            boolean write = Boolean.TRUE.equals(f.write());
            b.append("<circle class=\"found").append(write ? " write" : "").append(r.untrusted(f.line()) ? " untrusted" : "")
                    .append("\" cx=\"").append(fmt(cx)).append("\" cy=\"").append(fmt(cy)).append("\" r=\"").append(write ? 5 : 4)
                    .append("\"><title>").append(Escape.html(Fmt.time(f.time()) + " " + f.region() + ": "
                            + Fmt.foundHeadline(f) + "\n" + Fmt.foundDetail(f))).append("</title></circle>\n");
        }
        for (OperatorEvent o : r.operator()) {
            double cx = x(o.time());
            String tip = Escape.html(Fmt.time(o.time()) + ": " + o.text());
            String untrusted = r.untrusted(o.line()) ? " untrusted" : "";
            double cy = y(OPERATOR_LANE);
            b.append("<rect class=\"op ").append(Escape.html(o.kind())).append(untrusted).append("\" x=\"").append(fmt(cx - 1.5))
                    .append("\" y=\"").append(fmt(cy - 7)).append("\" width=\"3\" height=\"14\"><title>").append(tip)
                    .append("</title></rect>\n");
            for (String region : o.regions()) {
                double ry = y(lane(region));
                if (o.kind().equals("undo")) {
                    b.append("<path class=\"undo").append(untrusted).append("\" d=\"M").append(fmt(cx)).append(' ').append(fmt(ry - 6))
                            .append(" l6 6 l-6 6 l-6 -6 z\"><title>").append(tip).append("</title></path>\n");
                } else {
                    b.append("<rect class=\"change").append(untrusted).append("\" x=\"").append(fmt(cx - 5)).append("\" y=\"")
                            .append(fmt(ry - 5)).append("\" width=\"10\" height=\"10\"><title>").append(tip)
                            .append("</title></rect>\n");
                }
            }
        }
        legend(b, bottom + 44);
        b.append("</svg>\n");
        return b.toString();
    }

    private void axes(StringBuilder b, double bottom) {
        if (before) {
            b.append("<text class=\"panel\" x=\"").append(beforeX).append("\" y=\"").append(TOP - 8)
                    .append("\">before the session (log scale of time before its start)</text>\n");
            long[] minutes = {10, 60, 6 * 60, 24 * 60, 3 * 24 * 60, 7 * 24 * 60, 30 * 24 * 60, 90 * 24 * 60};
            String[] labels = {"10m", "1h", "6h", "1d", "3d", "7d", "30d", "90d"};
            double lastLabelled = Double.MAX_VALUE;
            for (int i = 0; i < minutes.length; i++) {
                double v = Math.log1p(minutes[i]) / beforeMaxLog;
                if (v > 1) {
                    break;
                }
                double tx = beforeX + beforeW * (1 - v);
                if (lastLabelled - tx >= 52) {      // labels that would overlap are left out
                    tick(b, tx, bottom, labels[i] + " before");
                    lastLabelled = tx;
                }
            }
            b.append("<line class=\"break\" x1=\"").append(sessionX - GAP / 2).append("\" y1=\"").append(TOP).append("\" x2=\"")
                    .append(sessionX - GAP / 2).append("\" y2=\"").append(fmt(bottom)).append("\"/>\n");
        }
        b.append("<text class=\"panel\" x=\"").append(sessionX).append("\" y=\"").append(TOP - 8)
                .append("\">the session (").append(Escape.html(Fmt.duration(Duration.between(start, end)))).append(")</text>\n");
        for (int i = 0; i <= 2; i++) {
            Instant t = start.plusMillis(Duration.between(start, end).toMillis() * i / 2);
            tick(b, sessionX + sessionW * i / 2.0, bottom, CLOCK.format(t) + "Z", i == 2 ? "end" : "middle");
        }
    }

    private static void tick(StringBuilder b, double x, double bottom, String label) {
        tick(b, x, bottom, label, "middle");
    }

    private static void tick(StringBuilder b, double x, double bottom, String label, String anchor) {
        b.append("<line class=\"tick\" x1=\"").append(fmt(x)).append("\" y1=\"").append(TOP).append("\" x2=\"").append(fmt(x))
                .append("\" y2=\"").append(fmt(bottom + 4)).append("\"/>\n");
        b.append("<text class=\"ticklabel\" x=\"").append(fmt(x)).append("\" y=\"").append(fmt(bottom + 16))
                .append("\" text-anchor=\"").append(anchor).append("\">").append(Escape.html(label)).append("</text>\n");
    }

    private static void legend(StringBuilder b, double y) {
        b.append("<g class=\"legend\">\n");
        b.append("<circle class=\"found write\" cx=\"").append(LABEL_W + 6).append("\" cy=\"").append(fmt(y)).append("\" r=\"5\"/>")
                .append("<text x=\"").append(LABEL_W + 16).append("\" y=\"").append(fmt(y + 4))
                .append("\">found in the account, changed something</text>\n");
        b.append("<circle class=\"found\" cx=\"").append(LABEL_W + 286).append("\" cy=\"").append(fmt(y)).append("\" r=\"4\"/>")
                .append("<text x=\"").append(LABEL_W + 296).append("\" y=\"").append(fmt(y + 4)).append("\">found, read only</text>\n");
        b.append("<rect class=\"change\" x=\"").append(LABEL_W + 421).append("\" y=\"").append(fmt(y - 5))
                .append("\" width=\"10\" height=\"10\"/><text x=\"").append(LABEL_W + 436).append("\" y=\"").append(fmt(y + 4))
                .append("\">operator's change</text>\n");
        b.append("<path class=\"undo\" d=\"M").append(LABEL_W + 566).append(' ').append(fmt(y - 6)).append(" l6 6 l-6 6 l-6 -6 z\"/>")
                .append("<text x=\"").append(LABEL_W + 576).append("\" y=\"").append(fmt(y + 4)).append("\">undo</text>\n");
        b.append("<rect class=\"op\" x=\"").append(LABEL_W + 629).append("\" y=\"").append(fmt(y - 7))
                .append("\" width=\"3\" height=\"14\"/><text x=\"").append(LABEL_W + 638).append("\" y=\"").append(fmt(y + 4))
                .append("\">operator action (step, approval, note)</text>\n");
        b.append("</g>\n");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
