package dev.irshell.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Cost Explorer (JSON 1.1, 2017-10-25): GetCostAndUsage over the costs the scenario declares.
 * Global: signed for us-east-1, events in us-east-1. A page holds at most {@link #PAGE_ROWS}
 * groups (or ungrouped periods); a period whose groups do not fit continues on the next page,
 * as on AWS. {@code NextPageToken} is tied to the request it came from.
 */
final class CostExplorerService extends ServiceHandler {
    static final int PAGE_ROWS = 5;
    static final Set<String> COST_METRICS = Set.of("AmortizedCost", "BlendedCost", "NetAmortizedCost",
            "NetUnblendedCost", "UnblendedCost");
    static final Set<String> USAGE_METRICS = Set.of("UsageQuantity", "NormalizedUsageAmount");
    static final List<String> DIMENSIONS = List.of("SERVICE", "REGION", "LINKED_ACCOUNT");

    CostExplorerService() {
        super("ce", JsonCodec.INSTANCE);
        register("GetCostAndUsage", READ, this::getCostAndUsage);
    }

    @Override
    String jsonTargetPrefix() {
        return "AWSInsightsIndexService";
    }

    @Override
    String eventRegion(String signingRegion) {
        return "us-east-1";
    }

    @Override
    boolean regional() {
        return false;
    }

    static AwsError validation(String message) {
        return new AwsError(400, "ValidationException", message);
    }

    /** One period of the answer. */
    private record Bucket(LocalDate start, LocalDate end) {
    }

    /** One line of the answer: a period and one group of it (null keys: the period's total). */
    private record Row(Bucket bucket, List<String> keys, BigDecimal amount) {
    }

    private ObjectNode getCostAndUsage(Call call) {
        JsonNode period = call.node("TimePeriod");
        LocalDate start = date(period.path("Start"), "Start");
        LocalDate end = date(period.path("End"), "End");
        LocalDate today = LocalDate.ofInstant(call.now, ZoneOffset.UTC);
        if (!start.isBefore(end)) {
            throw validation("Start date (and hour) should be before end date (and hour)");
        }
        if (start.isAfter(today)) {
            throw validation("Start date " + start + " is after the current date " + today + ".");
        }
        String granularity = call.str("Granularity");
        if (granularity == null) {
            throw validation("Granularity is required: one of DAILY, MONTHLY, HOURLY.");
        }
        if (granularity.equals("HOURLY")) {
            throw validation("Hourly granularity is not enabled for this account.");
        }
        if (!granularity.equals("DAILY") && !granularity.equals("MONTHLY")) {
            throw validation("Invalid Granularity '" + granularity + "': one of DAILY, MONTHLY, HOURLY.");
        }
        List<String> metrics = call.strings("Metrics");
        if (metrics.isEmpty()) {
            throw validation("Metrics is required: one or more of AmortizedCost, BlendedCost, NetAmortizedCost, "
                    + "NetUnblendedCost, NormalizedUsageAmount, UnblendedCost, UsageQuantity.");
        }
        for (String m : metrics) {
            if (!COST_METRICS.contains(m) && !USAGE_METRICS.contains(m)) {
                throw validation("Invalid metrics: " + m + ". Valid values: AmortizedCost, BlendedCost, "
                        + "NetAmortizedCost, NetUnblendedCost, NormalizedUsageAmount, UnblendedCost, UsageQuantity");
            }
        }
        List<String> groupKeys = new ArrayList<>();
        JsonNode groupBy = call.node("GroupBy");
        if (groupBy.size() > 2) {
            throw validation("You can group by at most two keys.");
        }
        for (JsonNode g : groupBy) {
            String type = g.path("Type").asText("");
            String key = g.path("Key").asText("");
            if (!type.equals("DIMENSION")) {
                throw validation("Group by type " + type + " is not supported by the sandbox; use DIMENSION.");
            }
            if (!DIMENSIONS.contains(key)) {
                throw validation("Group Definition dimension is invalid. Valid values are " + String.join(", ",
                        DIMENSIONS) + ".");
            }
            groupKeys.add(key);
        }
        JsonNode filter = call.node("Filter");
        if (!filter.isMissingNode() && !filter.isNull()) {
            checkFilter(filter);
        }

        List<CostItem> items = call.state.costs().stream()
                .filter(c -> filter.isMissingNode() || filter.isNull() || matches(filter, c, call)).toList();
        List<Row> rows = new ArrayList<>();
        for (Bucket b : buckets(start, end, granularity)) {
            if (groupKeys.isEmpty()) {
                BigDecimal total = BigDecimal.ZERO;
                for (CostItem c : items) {
                    total = total.add(share(c, b, today));
                }
                rows.add(new Row(b, null, total));
                continue;
            }
            Map<List<String>, BigDecimal> groups = new TreeMap<>((x, y) -> String.join("\u0000", x)
                    .compareTo(String.join("\u0000", y)));
            for (CostItem c : items) {
                BigDecimal share = share(c, b, today);
                if (share.signum() != 0) {
                    List<String> keys = groupKeys.stream().map(k -> dimension(c, k, call)).toList();
                    groups.merge(keys, share, BigDecimal::add);
                }
            }
            if (groups.isEmpty()) {
                rows.add(new Row(b, List.of(), BigDecimal.ZERO));
            }
            groups.forEach((k, v) -> rows.add(new Row(b, k, v)));
        }

        long fingerprint = fingerprint(call);
        int offset = 0;
        String token = call.str("NextPageToken");
        if (token != null) {
            long[] t = Pages.decode("ce", token, 2);
            if (t == null || t[0] < 0 || t[0] > rows.size()) {
                throw new AwsError(400, "InvalidNextTokenException", "The pagination token is invalid.");
            }
            if (t[1] != fingerprint) {
                throw new AwsError(400, "RequestChangedException", "Your request parameters changed between pages. "
                        + "Try again with the old parameters or without a pagination token.");
            }
            offset = (int) t[0];
        }
        int endIndex = Math.min(rows.size(), offset + PAGE_ROWS);

        ObjectNode out = call.object();
        ArrayNode definitions = out.putArray("GroupDefinitions");
        groupKeys.forEach(k -> definitions.addObject().put("Type", "DIMENSION").put("Key", k));
        ArrayNode results = out.putArray("ResultsByTime");
        ObjectNode current = null;
        Bucket currentBucket = null;
        LocalDate firstOfMonth = today.withDayOfMonth(1);
        for (Row row : rows.subList(offset, endIndex)) {
            if (!row.bucket().equals(currentBucket)) {
                currentBucket = row.bucket();
                current = results.addObject();
                current.putObject("TimePeriod").put("Start", currentBucket.start().toString())
                        .put("End", currentBucket.end().toString());
                ObjectNode total = current.putObject("Total");
                current.putArray("Groups");
                current.put("Estimated", currentBucket.end().isAfter(firstOfMonth));
                if (row.keys() == null) {
                    metrics.forEach(m -> total.set(m, metric(call, m, row.amount())));
                }
            }
            if (row.keys() != null && !row.keys().isEmpty()) {
                ObjectNode group = ((ArrayNode) current.get("Groups")).addObject();
                ArrayNode keys = group.putArray("Keys");
                row.keys().forEach(keys::add);
                ObjectNode values = group.putObject("Metrics");
                metrics.forEach(m -> values.set(m, metric(call, m, row.amount())));
            }
        }
        out.putArray("DimensionValueAttributes");
        if (endIndex < rows.size()) {
            out.put("NextPageToken", Pages.token("ce", endIndex, fingerprint));
        }
        return out;
    }

    private static ObjectNode metric(Call call, String name, BigDecimal amount) {
        ObjectNode n = call.object();
        if (USAGE_METRICS.contains(name)) {
            n.put("Amount", "0");
            n.put("Unit", "N/A");
        } else {
            n.put("Amount", format(amount));
            n.put("Unit", "USD");
        }
        return n;
    }

    static String format(BigDecimal amount) {
        BigDecimal scaled = amount.setScale(10, RoundingMode.HALF_UP).stripTrailingZeros();
        return scaled.signum() == 0 ? "0" : scaled.toPlainString();
    }

    private static LocalDate date(JsonNode n, String name) {
        if (!n.isTextual()) {
            throw validation("TimePeriod." + name + " is required (YYYY-MM-DD).");
        }
        try {
            return LocalDate.parse(n.asText());
        } catch (DateTimeParseException e) {
            throw validation("Invalid TimePeriod." + name + " '" + n.asText() + "': expected YYYY-MM-DD.");
        }
    }

    private static List<Bucket> buckets(LocalDate start, LocalDate end, String granularity) {
        List<Bucket> out = new ArrayList<>();
        LocalDate from = start;
        while (from.isBefore(end)) {
            LocalDate next = granularity.equals("DAILY") ? from.plusDays(1)
                    : YearMonth.from(from).plusMonths(1).atDay(1);
            if (next.isAfter(end)) {
                next = end;
            }
            out.add(new Bucket(from, next));
            from = next;
        }
        return out;
    }

    /** The part of an item's monthly amount that falls into a period (spread evenly over its active days). */
    static BigDecimal share(CostItem c, Bucket b, LocalDate today) {
        YearMonth current = YearMonth.from(today);
        if (c.month().isAfter(current)) {
            return BigDecimal.ZERO;
        }
        LocalDate activeStart = c.month().atDay(1);
        if (c.since() != null) {
            LocalDate since = LocalDate.ofInstant(c.since(), ZoneOffset.UTC);
            if (since.isAfter(activeStart)) {
                activeStart = since;
            }
        }
        LocalDate activeEnd = c.month().equals(current) ? today.plusDays(1) : c.month().plusMonths(1).atDay(1);
        long activeDays = ChronoUnit.DAYS.between(activeStart, activeEnd);
        if (activeDays <= 0) {
            return BigDecimal.ZERO;
        }
        LocalDate from = b.start().isAfter(activeStart) ? b.start() : activeStart;
        LocalDate to = b.end().isBefore(activeEnd) ? b.end() : activeEnd;
        long overlap = ChronoUnit.DAYS.between(from, to);
        if (overlap <= 0) {
            return BigDecimal.ZERO;
        }
        if (overlap == activeDays) {
            return c.amount();
        }
        return c.amount().multiply(BigDecimal.valueOf(overlap)).divide(BigDecimal.valueOf(activeDays),
                MathContext.DECIMAL64);
    }

    private static String dimension(CostItem c, String key, Call call) {
        return switch (key) {
            case "SERVICE" -> c.service();
            case "REGION" -> c.region();
            case "LINKED_ACCOUNT" -> c.linkedAccount() == null ? call.accountId() : c.linkedAccount();
            default -> throw validation("Unsupported dimension " + key);
        };
    }

    private static void checkFilter(JsonNode e) {
        int kinds = 0;
        for (String k : List.of("And", "Or", "Not", "Dimensions", "Tags", "CostCategories")) {
            if (e.has(k)) {
                kinds++;
            }
        }
        if (kinds != 1) {
            throw validation("Expression must have exactly one of And, Or, Not, Dimensions, Tags, CostCategories.");
        }
        if (e.has("Tags") || e.has("CostCategories")) {
            throw validation("The sandbox filters by Dimensions only (SERVICE, REGION, LINKED_ACCOUNT).");
        }
        if (e.has("Dimensions")) {
            String key = e.path("Dimensions").path("Key").asText("");
            if (!DIMENSIONS.contains(key)) {
                throw validation("Dimension " + key + " is not supported; use one of " + String.join(", ", DIMENSIONS)
                        + ".");
            }
        }
        e.path("And").forEach(CostExplorerService::checkFilter);
        e.path("Or").forEach(CostExplorerService::checkFilter);
        if (e.has("Not")) {
            checkFilter(e.get("Not"));
        }
    }

    private static boolean matches(JsonNode e, CostItem c, Call call) {
        if (e.has("And")) {
            for (JsonNode x : e.get("And")) {
                if (!matches(x, c, call)) {
                    return false;
                }
            }
            return true;
        }
        if (e.has("Or")) {
            for (JsonNode x : e.get("Or")) {
                if (matches(x, c, call)) {
                    return true;
                }
            }
            return false;
        }
        if (e.has("Not")) {
            return !matches(e.get("Not"), c, call);
        }
        JsonNode d = e.path("Dimensions");
        String value = dimension(c, d.path("Key").asText(), call);
        for (JsonNode v : d.path("Values")) {
            if (v.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** Ties a NextPageToken to the request that returned it (everything but the token). */
    private static long fingerprint(Call call) {
        ObjectNode copy = call.input.deepCopy();
        copy.remove("NextPageToken");
        return copy.toString().hashCode() & 0x7fffffffL;
    }
}
