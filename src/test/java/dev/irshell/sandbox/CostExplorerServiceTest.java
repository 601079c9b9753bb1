package dev.irshell.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.model.CostExplorerException;
import software.amazon.awssdk.services.costexplorer.model.Dimension;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageRequest;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageResponse;
import software.amazon.awssdk.services.costexplorer.model.Granularity;
import software.amazon.awssdk.services.costexplorer.model.Group;
import software.amazon.awssdk.services.costexplorer.model.GroupDefinitionType;
import software.amazon.awssdk.services.costexplorer.model.RequestChangedException;
import software.amazon.awssdk.services.costexplorer.model.ResultByTime;

/** TestClients.T0 is 2026-03-10: this month is March, last month February. */
class CostExplorerServiceTest {

    private static GetCostAndUsageRequest.Builder lastAndThisMonth(GetCostAndUsageRequest.Builder b) {
        return b.timePeriod(t -> t.start("2026-02-01").end("2026-04-01")).granularity(Granularity.MONTHLY)
                .metrics("UnblendedCost");
    }

    private static GetCostAndUsageRequest.Builder byServiceAndRegion(GetCostAndUsageRequest.Builder b) {
        return lastAndThisMonth(b).groupBy(
                g -> g.type(GroupDefinitionType.DIMENSION).key("SERVICE"),
                g -> g.type(GroupDefinitionType.DIMENSION).key("REGION"));
    }

    /** Follows NextPageToken (Cost Explorer has no SDK paginator); every page is a billed request. */
    private static List<GetCostAndUsageResponse> allPages(CostExplorerClient ce, Consumer<GetCostAndUsageRequest.Builder> req) {
        List<GetCostAndUsageResponse> pages = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            GetCostAndUsageResponse page = ce.getCostAndUsage(b -> {
                req.accept(b);
                b.nextPageToken(t);
            });
            pages.add(page);
            token = page.nextPageToken();
        } while (token != null);
        return pages;
    }

    /** month start -> "service|region" -> amount, merging periods split across pages. */
    private static Map<String, Map<String, BigDecimal>> byMonth(List<GetCostAndUsageResponse> pages) {
        Map<String, Map<String, BigDecimal>> out = new HashMap<>();
        for (GetCostAndUsageResponse p : pages) {
            for (ResultByTime r : p.resultsByTime()) {
                for (Group g : r.groups()) {
                    out.computeIfAbsent(r.timePeriod().start(), k -> new HashMap<>())
                            .merge(String.join("|", g.keys()), new BigDecimal(g.metrics().get("UnblendedCost").amount()),
                                    BigDecimal::add);
                }
            }
        }
        return out;
    }

    @Test
    void groupedByServiceAndRegion_pagesAndShowsTheSpike() {
        try (Sandbox s = TestClients.startDefault();
             CostExplorerClient ce = TestClients.costExplorer(s, TestClients.basic(s.operatorCredentials()))) {
            List<GetCostAndUsageResponse> pages = allPages(ce, CostExplorerServiceTest::byServiceAndRegion);
            Map<String, Map<String, BigDecimal>> months = byMonth(pages);

            assertThat(pages).hasSizeGreaterThan(1);
            assertThat(pages.get(0).groupDefinitions()).extracting(d -> d.key()).containsExactly("SERVICE", "REGION");
            assertThat(months.get("2026-02-01")).hasSize(4).containsEntry(
                    "Amazon Elastic Compute Cloud - Compute|us-east-1", new BigDecimal("182.4"));
            assertThat(months.get("2026-03-01")).containsEntry(
                    "Amazon Elastic Compute Cloud - Compute|sa-east-1", new BigDecimal("2203.2"))
                    .containsKeys("Amazon Elastic Compute Cloud - Compute|eu-north-1",
                            "Amazon Elastic Compute Cloud - Compute|ap-northeast-3");
            assertThat(months.get("2026-02-01")).doesNotContainKey("Amazon Elastic Compute Cloud - Compute|sa-east-1");
            ResultByTime march = pages.get(pages.size() - 1).resultsByTime().get(0);
            assertThat(march.estimated()).isTrue();
            assertThat(march.total()).isEmpty();
            assertThat(pages.get(0).resultsByTime().get(0).estimated()).isFalse();
        }
    }

    @Test
    void ungrouped_totalsPerMonth_andDailyAddsUpToMonthly() {
        try (Sandbox s = TestClients.startDefault();
             CostExplorerClient ce = TestClients.costExplorer(s, TestClients.basic(s.operatorCredentials()))) {
            GetCostAndUsageResponse monthly = ce.getCostAndUsage(b -> lastAndThisMonth(b));
            List<GetCostAndUsageResponse> daily = allPages(ce, b -> b.timePeriod(t -> t.start("2026-03-01")
                    .end("2026-03-11")).granularity(Granularity.DAILY).metrics("UnblendedCost"));

            assertThat(monthly.resultsByTime()).hasSize(2);
            assertThat(monthly.resultsByTime().get(0).total().get("UnblendedCost").amount()).isEqualTo("219.46");
            assertThat(monthly.resultsByTime().get(0).total().get("UnblendedCost").unit()).isEqualTo("USD");
            BigDecimal march = new BigDecimal(monthly.resultsByTime().get(1).total().get("UnblendedCost").amount());
            assertThat(march).isEqualByComparingTo("2932.59");
            BigDecimal sum = daily.stream().flatMap(p -> p.resultsByTime().stream())
                    .map(r -> new BigDecimal(r.total().get("UnblendedCost").amount()))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(sum.subtract(march).abs()).isLessThan(new BigDecimal("0.0001"));
            List<ResultByTime> days = daily.stream().flatMap(p -> p.resultsByTime().stream()).toList();
            assertThat(days).hasSize(10);
            // the miners started three days before the start: the last days cost far more than the first
            assertThat(new BigDecimal(days.get(9).total().get("UnblendedCost").amount()))
                    .isGreaterThan(new BigDecimal(days.get(0).total().get("UnblendedCost").amount()).multiply(BigDecimal.TEN));
        }
    }

    @Test
    void filterByRegion_andGroupByLinkedAccount() {
        try (Sandbox s = TestClients.startFraud();
             CostExplorerClient ce = TestClients.costExplorer(s, TestClients.basic(s.operatorCredentials()))) {
            GetCostAndUsageResponse lambdaInMumbai = ce.getCostAndUsage(b -> lastAndThisMonth(b)
                    .filter(f -> f.dimensions(d -> d.key(Dimension.REGION).values("ap-south-1"))));
            Map<String, Map<String, BigDecimal>> accounts = byMonth(allPages(ce, b -> lastAndThisMonth(b)
                    .groupBy(g -> g.type(GroupDefinitionType.DIMENSION).key("LINKED_ACCOUNT"))));

            assertThat(lambdaInMumbai.resultsByTime().get(0).total().get("UnblendedCost").amount()).isEqualTo("0");
            assertThat(lambdaInMumbai.resultsByTime().get(1).total().get("UnblendedCost").amount()).isEqualTo("6480");
            assertThat(accounts.get("2026-03-01")).containsEntry(TestClients.NW_FRAUD_ACCOUNT, new BigDecimal("1824"));
            assertThat(accounts.get("2026-02-01")).doesNotContainKey(TestClients.NW_FRAUD_ACCOUNT);
        }
    }

    @Test
    void nextPageToken_withChangedRequest_requestChanged() {
        try (Sandbox s = TestClients.startDefault();
             CostExplorerClient ce = TestClients.costExplorer(s, TestClients.basic(s.operatorCredentials()))) {
            String token = ce.getCostAndUsage(b -> byServiceAndRegion(b)).nextPageToken();
            assertThat(token).isNotNull();

            assertThatThrownBy(() -> ce.getCostAndUsage(b -> byServiceAndRegion(b).metrics("BlendedCost")
                    .nextPageToken(token))).isInstanceOf(RequestChangedException.class);
        }
    }

    @Test
    void invalidRequests_validationException() {
        try (Sandbox s = TestClients.startDefault();
             CostExplorerClient ce = TestClients.costExplorer(s, TestClients.basic(s.operatorCredentials()))) {
            assertThatThrownBy(() -> ce.getCostAndUsage(b -> b.timePeriod(t -> t.start("2026-03-01")
                    .end("2026-02-01")).granularity(Granularity.MONTHLY).metrics("UnblendedCost")))
                    .isInstanceOfSatisfying(CostExplorerException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
            assertThatThrownBy(() -> ce.getCostAndUsage(b -> lastAndThisMonth(b).metrics("Dollars")))
                    .isInstanceOf(CostExplorerException.class).hasMessageContaining("Invalid metrics");
            assertThatThrownBy(() -> ce.getCostAndUsage(b -> lastAndThisMonth(b).groupBy(
                    g -> g.type(GroupDefinitionType.DIMENSION).key("SERVICE"),
                    g -> g.type(GroupDefinitionType.DIMENSION).key("REGION"),
                    g -> g.type(GroupDefinitionType.DIMENSION).key("LINKED_ACCOUNT"))))
                    .isInstanceOf(CostExplorerException.class).hasMessageContaining("at most two");
            TrailEvent e = s.state().events("us-east-1").get(0);
            assertThat(e.eventSource()).isEqualTo("ce.amazonaws.com");
            assertThat(e.eventName()).isEqualTo("GetCostAndUsage");
            assertThat(e.errorCode()).isEqualTo("ValidationException");
        }
    }
}
