package dev.irshell.action.aws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.action.ActionContext;
import dev.irshell.action.ActionResult;
import dev.irshell.action.ActionSpec;
import dev.irshell.action.Effect;
import dev.irshell.action.Finding;
import dev.irshell.action.Params;
import dev.irshell.action.Plan;
import dev.irshell.action.PlannedCall;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageRequest;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageResponse;
import software.amazon.awssdk.services.costexplorer.model.Granularity;
import software.amazon.awssdk.services.costexplorer.model.Group;
import software.amazon.awssdk.services.costexplorer.model.GroupDefinitionType;
import software.amazon.awssdk.services.costexplorer.model.MetricValue;
import software.amazon.awssdk.services.costexplorer.model.ResultByTime;

/**
 * {@code ce.costComparison}: last month's and this month's unblended cost per service and
 * region (Cost Explorer), largest increase first: new services, new regions, a sudden jump.
 * Every Cost Explorer request costs USD 0.01.
 */
public final class CostComparisonAction extends AwsAction {
    public static final String NAME = "ce.costComparison";
    static final String METRIC = "UnblendedCost";
    static final int TOP = 5;
    static final BigDecimal THRESHOLD = new BigDecimal("1.00");
    static final String CE_REGION = "us-east-1";

    public CostComparisonAction(AwsClientSource clients) {
        super(clients, new ActionSpec(NAME,
                "Compare last month's and this month's cost per service and region (Cost Explorer, USD 0.01 a page)",
                Effect.READ, List.of(), List.of("ce:GetCostAndUsage"), null, null, false));
    }

    /** First day of last month and tomorrow (End is exclusive), in UTC. */
    record Period(YearMonth lastMonth, YearMonth thisMonth, LocalDate start, LocalDate end) {
        static Period of(ActionContext ctx) {
            LocalDate today = now(ctx).atZone(ZoneOffset.UTC).toLocalDate();
            YearMonth thisMonth = YearMonth.from(today);
            YearMonth last = thisMonth.minusMonths(1);
            return new Period(last, thisMonth, last.atDay(1), today.plusDays(1));
        }
    }

    private static GetCostAndUsageRequest request(Period p, String token) {
        return GetCostAndUsageRequest.builder()
                .timePeriod(t -> t.start(p.start().toString()).end(p.end().toString()))
                .granularity(Granularity.MONTHLY)
                .metrics(METRIC)
                .groupBy(g -> g.type(GroupDefinitionType.DIMENSION).key("SERVICE"),
                        g -> g.type(GroupDefinitionType.DIMENSION).key("REGION"))
                .nextPageToken(token)
                .build();
    }

    @Override
    public Plan plan(Params params, ActionContext ctx) {
        Period p = Period.of(ctx);
        ArrayNode groupBy = Json.array();
        groupBy.add(Json.obj("Type", "DIMENSION", "Key", "SERVICE"));
        groupBy.add(Json.obj("Type", "DIMENSION", "Key", "REGION"));
        return new Plan("ask Cost Explorer for the cost per service and region of " + p.lastMonth() + " and "
                + p.thisMonth() + " (USD 0.01 per page read)",
                List.of(new PlannedCall("ce", "GetCostAndUsage", CE_REGION, Json.obj(
                        "TimePeriod", Json.obj("Start", p.start().toString(), "End", p.end().toString()),
                        "Granularity", "MONTHLY", "Metrics", Json.array(List.of(METRIC)), "GroupBy", groupBy))),
                null);
    }

    @Override
    public ActionResult execute(Params params, ActionContext ctx) {
        Period p = Period.of(ctx);
        Map<String, BigDecimal[]> cells = new LinkedHashMap<>();
        String currency = null;
        boolean estimated = false;
        int pages = 0;
        String token = null;
        do {
            GetCostAndUsageRequest req = request(p, token);
            GetCostAndUsageResponse page = call("ce", "GetCostAndUsage", CE_REGION,
                    () -> clients.costExplorer().getCostAndUsage(req));
            pages++;
            for (ResultByTime r : page.resultsByTime()) {
                String start = r.timePeriod() == null ? null : r.timePeriod().start();
                if (start == null || start.length() < 7) {
                    continue;
                }
                YearMonth month = YearMonth.parse(start.substring(0, 7));
                int column = month.equals(p.lastMonth()) ? 0 : month.equals(p.thisMonth()) ? 1 : -1;
                if (column < 0) {
                    continue;
                }
                estimated |= Boolean.TRUE.equals(r.estimated());
                for (Group g : r.groups()) {
                    MetricValue v = g.metrics().get(METRIC);
                    if (v == null || v.amount() == null) {
                        continue;
                    }
                    if (currency == null && v.unit() != null) {
                        currency = v.unit();
                    }
                    String service = g.keys().size() > 0 ? g.keys().get(0) : "?";
                    String region = g.keys().size() > 1 ? g.keys().get(1) : "?";
                    BigDecimal[] c = cells.computeIfAbsent(service + "\u0000" + region,
                            k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                    c[column] = c[column].add(new BigDecimal(v.amount()));
                }
            }
            token = page.nextPageToken() == null || page.nextPageToken().isBlank() ? null : page.nextPageToken();
        } while (token != null);
        return result(p, cells, currency == null ? "USD" : currency, pages, estimated);
    }

    record Line(String service, String region, BigDecimal last, BigDecimal current) {
        BigDecimal increase() {
            return current.subtract(last);
        }
    }

    private static ActionResult result(Period p, Map<String, BigDecimal[]> cells, String currency, int pages,
                                       boolean estimated) {
        List<Line> lines = new ArrayList<>();
        cells.forEach((k, v) -> {
            String[] parts = k.split("\u0000", 2);
            lines.add(new Line(parts[0], parts[1], v[0], v[1]));
        });
        lines.sort(Comparator.comparing(Line::increase).reversed()
                .thenComparing(Line::service).thenComparing(Line::region));
        ArrayNode rows = Json.array();
        List<List<String>> table = new ArrayList<>();
        Set<Integer> highlighted = new HashSet<>();
        BigDecimal totalLast = BigDecimal.ZERO;
        BigDecimal totalThis = BigDecimal.ZERO;
        List<Line> top = new ArrayList<>();
        for (Line l : lines) {
            totalLast = totalLast.add(l.last());
            totalThis = totalThis.add(l.current());
            rows.add(Json.obj("service", l.service(), "region", l.region(), "lastMonth", money(l.last()),
                    "thisMonth", money(l.current()), "increase", money(l.increase())));
            if (top.size() < TOP && l.increase().compareTo(THRESHOLD) > 0) {
                top.add(l);
                highlighted.add(table.size());
            }
            table.add(Tables.row(l.service(), l.region(), fmt(l.last()), fmt(l.current()), fmt(l.increase())));
        }
        ObjectNode data = Json.obj("lastMonth", p.lastMonth().toString(), "thisMonth", p.thisMonth().toString(),
                "currency", currency, "rows", rows, "totalLastMonth", money(totalLast), "totalThisMonth", money(totalThis),
                "pages", pages, "estimated", estimated);
        List<Finding> findings = new ArrayList<>();
        findings.add(Finding.info("Cost Explorer charges USD 0.01 per request: this read " + pages + " page(s), USD "
                + new BigDecimal(pages).multiply(new BigDecimal("0.01")).setScale(2, RoundingMode.UNNECESSARY)));
        for (Line l : top) {
            findings.add(Finding.warn(l.service() + " in " + l.region() + " rose by " + fmt(l.increase()) + " " + currency
                    + " (" + fmt(l.last()) + " in " + p.lastMonth() + ", " + fmt(l.current()) + " so far in "
                    + p.thisMonth() + ")" + (l.last().signum() == 0 ? ": a service or region not used last month" : "")));
        }
        if (estimated) {
            findings.add(Finding.info(p.thisMonth() + " is estimated and lags up to 24 hours behind usage"));
        }
        return new ActionResult(data, currency + " " + fmt(totalLast) + " in " + p.lastMonth() + ", " + fmt(totalThis)
                + " so far in " + p.thisMonth(),
                List.of(Tables.of("Cost per service and region (" + currency + ")",
                        List.of("Service", "Region", p.lastMonth().toString(), p.thisMonth().toString(), "Increase"),
                        table, highlighted)),
                findings, List.of());
    }

    /** Cents for data (a number), rounded half-up. */
    private static BigDecimal money(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }

    private static String fmt(BigDecimal v) {
        return money(v).toPlainString();
    }
}
