package dev.irshell.sandbox;

import static dev.irshell.sandbox.SandboxTest.assertAuthFailure;
import static dev.irshell.sandbox.SandboxTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Region;

class Ec2ServiceTest {
    private Sandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = TestClients.startDefault();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private Ec2Client ec2(String region) {
        return TestClients.ec2(sandbox, TestClients.basic(sandbox.operatorCredentials()), region);
    }

    @Test
    void describeInstances_findsAttackerInstanceOnlyInItsRegion() {
        try (Ec2Client sa = ec2("sa-east-1"); Ec2Client use1 = ec2("us-east-1")) {
            List<Instance> found = sa.describeInstances(r -> r.instanceIds(TestClients.MINER_SA_EAST_1))
                    .reservations().stream().flatMap(r -> r.instances().stream()).toList();

            assertThat(found).singleElement().satisfies(i -> {
                assertThat(i.instanceTypeAsString()).isEqualTo("p3.16xlarge");
                assertThat(i.state().name()).isEqualTo(InstanceStateName.RUNNING);
                assertThat(i.placement().availabilityZone()).isEqualTo("sa-east-1a");
                assertThat(i.publicIpAddress()).isEqualTo("203.0.113.101");
                assertThat(i.launchTime()).isBefore(sandbox.startTime());
            });
            assertError(() -> use1.describeInstances(r -> r.instanceIds(TestClients.MINER_SA_EAST_1)), 400,
                    "InvalidInstanceID.NotFound");
        }
    }

    @Test
    void describeInstances_paginatorAndFilters() {
        try (Ec2Client sa = ec2("sa-east-1"); Ec2Client use1 = ec2("us-east-1")) {
            var pages = sa.describeInstancesPaginator(r -> r.maxResults(5)).stream().toList();
            assertThat(pages.stream().flatMap(p -> p.reservations().stream())
                    .flatMap(r -> r.instances().stream())).hasSize(2);

            var tagged = use1.describeInstances(r -> r.filters(Filter.builder().name("tag:app").values("backend")
                    .build())).reservations();
            assertThat(tagged).hasSize(2);
            assertError(() -> use1.describeInstances(r -> r.filters(Filter.builder().name("bogus").values("x")
                    .build())), 400, "InvalidParameterValue");
        }
    }

    @Test
    void describeRegions_allRegionsShowOptInStatus() {
        try (Ec2Client use1 = ec2("us-east-1")) {
            List<Region> all = use1.describeRegions(r -> r.allRegions(true)).regions();
            List<Region> enabled = use1.describeRegions().regions();

            assertThat(all).anySatisfy(r -> {
                assertThat(r.regionName()).isEqualTo("ap-east-1");
                assertThat(r.optInStatus()).isEqualTo("not-opted-in");
            });
            assertThat(all).anySatisfy(r -> {
                assertThat(r.regionName()).isEqualTo("sa-east-1");
                assertThat(r.optInStatus()).isEqualTo("opt-in-not-required");
                assertThat(r.endpoint()).isEqualTo("ec2.sa-east-1.amazonaws.com");
            });
            assertThat(enabled).hasSize(17).noneMatch(r -> r.optInStatus().equals("not-opted-in"));
        }
    }

    @Test
    void callInRegionNotOptedIn_failsWithAuthFailure() {
        try (Ec2Client hk = ec2("ap-east-1")) {
            assertAuthFailure(hk::describeInstances);
        }
    }

    @Test
    void terminateInstances_changesStateAndIsRecorded() {
        try (Ec2Client sa = ec2("sa-east-1")) {
            var changes = sa.terminateInstances(r -> r.instanceIds(TestClients.MINER_SA_EAST_1)).terminatingInstances();
            assertThat(changes).singleElement().satisfies(c -> {
                assertThat(c.previousState().name()).isEqualTo(InstanceStateName.RUNNING);
                assertThat(c.currentState().name()).isEqualTo(InstanceStateName.SHUTTING_DOWN);
            });
        }
        assertThat(sandbox.state().instance(TestClients.MINER_SA_EAST_1).orElseThrow().state())
                .isEqualTo(Ec2Instance.State.TERMINATED);
        TrailEvent event = sandbox.state().events("sa-east-1").get(0);
        assertThat(event.eventName()).isEqualTo("TerminateInstances");
        assertThat(event.resources()).extracting(TrailEvent.Resource::name).contains(TestClients.MINER_SA_EAST_1);
    }
}
