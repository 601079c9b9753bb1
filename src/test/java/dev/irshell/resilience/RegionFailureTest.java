package dev.irshell.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irshell.action.aws.RetryPolicy;
import dev.irshell.sandbox.SandboxOptions;
import dev.irshell.shell.ExitCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A region that does not answer (the sandbox holds its calls until the client gives up) fails
 * only its own part of a sweep: the step names the region and why, and what every other region
 * answered stands, exactly as on an account where every region answers.
 */
class RegionFailureTest {
    static final String HUNG = "eu-north-1";
    /** Short timeouts, so the test does not wait the live defaults out. */
    static final RetryPolicy QUICK = new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofMillis(2500));
    static final String[] RUN = {"run", "region-sweeps", "--input", "instanceId=" + SandboxRuns.ATTACKER_INSTANCE,
            "--input", "accessKeyId=" + SandboxRuns.LEAKED_KEY, "--input", "since=2026-10-22T20:00:00Z",
            "--input", "until=2026-11-21T20:00:00Z"};

    @TempDir
    static Path dir;

    static SandboxRuns.Result clean;
    static SandboxRuns.Result hung;

    @BeforeAll
    static void runBoth() {
        clean = SandboxRuns.run(dir, SandboxOptions.defaults(), RetryPolicy.defaults(), null, RUN);
        hung = SandboxRuns.run(dir, SandboxOptions.defaults().withTimeoutRegions(Set.of(HUNG)), QUICK, null, RUN);
    }

    @Test
    void sweep_hungRegionMarkedFailedAndNamed_everyOtherRegionAsWithoutTheFault() {
        assertThat(hung.code()).as(hung.out() + hung.err()).isEqualTo(ExitCode.OK);
        JsonNode end = hung.end("sweep");
        assertThat(end.path("state").asText()).isEqualTo("done");
        assertThat(end.path("outputs").path("failedRegions")).containsExactly(json(HUNG));
        JsonNode region = regionOf(end.path("data").path("regions"), HUNG);
        assertThat(region.path("status").asText()).isEqualTo("failed");
        assertThat(region.path("error").asText()).contains("no answer from ec2 in " + HUNG + " within 2.5 s");
        assertThat(end.path("findings").toString()).contains("1 region(s) could not be fully listed: " + HUNG);
        assertThat(hung.out()).contains("1 region(s) could not be fully listed: " + HUNG,
                "[done] sweep: 17 resource(s) in 3 of 17 enabled region(s), 9 new; not fully listed: " + HUNG);

        assertThat(resourcesOutside(hung.end("sweep"), HUNG)).isEqualTo(resourcesOutside(clean.end("sweep"), HUNG));
        assertThat(resourcesOutside(clean.end("sweep"), "none")).anyMatch(r -> r.path("region").asText().equals(HUNG));
        assertThat(resourcesOutside(hung.end("sweep"), "none")).noneMatch(r -> r.path("region").asText().equals(HUNG));
    }

    @Test
    void findInstance_foundElsewhere_hungRegionReportedAsNotSearched() {
        JsonNode end = hung.end("findInstance");
        assertThat(end.path("state").asText()).isEqualTo("done");
        assertThat(end.path("outputs").path("region").asText()).isEqualTo("sa-east-1");
        assertThat(end.path("data").path("regionsFailed").get(0).path("region").asText()).isEqualTo(HUNG);
        assertThat(end.path("data").path("regionsSearched")).doesNotContain(json(HUNG));
        assertThat(end.path("findings").toString()).contains("1 region(s) could not be searched: " + HUNG
                + " (no answer); the instance was found, so the answer stands");
    }

    @Test
    void lookups_hungRegionNamed_eventsOfTheOthersStand() {
        JsonNode end = hung.end("keyActivity");
        assertThat(end.path("state").asText()).isEqualTo("done");
        assertThat(end.path("summary").asText()).endsWith("; not searched: " + HUNG + " (no answer)");
        assertThat(end.path("data").path("regionsFailed").get(0).path("error").asText())
                .contains("no answer from cloudtrail in " + HUNG);
        assertThat(hung.out()).contains("1 region(s) could not be searched: " + HUNG + " (no answer); their events are"
                + " missing above");
        assertThat(eventsOutside(end, HUNG)).isEqualTo(eventsOutside(clean.end("keyActivity"), HUNG));
        assertThat(eventsOutside(end, HUNG)).isNotEmpty();
    }

    private static JsonNode json(String s) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(s);
    }

    private static JsonNode regionOf(JsonNode regions, String name) {
        for (JsonNode r : regions) {
            if (r.path("region").asText().equals(name)) {
                return r;
            }
        }
        throw new AssertionError("no region " + name + " in " + regions);
    }

    private static List<JsonNode> resourcesOutside(JsonNode end, String region) {
        List<JsonNode> out = new ArrayList<>();
        end.path("data").path("resources").forEach(r -> {
            if (!r.path("region").asText().equals(region)) {
                out.add(r);
            }
        });
        return out;
    }

    private static List<JsonNode> eventsOutside(JsonNode end, String region) {
        List<JsonNode> out = new ArrayList<>();
        end.path("data").path("events").forEach(e -> {
            if (!e.path("region").asText().equals(region)) {
                out.add(e);
            }
        });
        return out;
    }
}
