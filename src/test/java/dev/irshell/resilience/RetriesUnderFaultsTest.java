package dev.irshell.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irshell.action.aws.RetryPolicy;
import dev.irshell.sandbox.SandboxOptions;
import dev.irshell.shell.ExitCode;
import dev.irshell.transcript.TranscriptVerifier;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throttling and 5xx answers are retried with back-off until they succeed: a sweep of every region
 * and CloudTrail lookups in every region come back exactly as on an account without faults, and
 * the transcript shows each retried attempt with AWS's answer.
 */
class RetriesUnderFaultsTest {
    static final String[] RUN = {"run", "region-sweeps", "--input", "instanceId=" + SandboxRuns.ATTACKER_INSTANCE,
            "--input", "accessKeyId=" + SandboxRuns.LEAKED_KEY, "--input", "since=2026-10-22T20:00:00Z", "--input", "until=2026-11-21T20:00:00Z"};
    static final List<String> STEPS = List.of("findInstance", "sweep", "keyActivity", "ingressChanges", "credentialEvents");

    @TempDir
    Path dir;

    /**
     * A quarter of all calls throttled and a tenth of the rest answered 500: far more than AWS does on
     * a bad day. A call is lost only when all 10 of its attempts fail (0.325^10, about 1 in 77,000),
     * and the sandbox's dice depend on the seed and the call, so this run's faults are the same each time.
     */
    @Test
    void throttlingAndServerErrors_sameResultAsWithoutFaults_andEveryRetryRecorded() throws Exception {
        SandboxRuns.Result clean = SandboxRuns.run(dir, SandboxOptions.defaults(), RetryPolicy.defaults(), null, RUN);
        SandboxRuns.Result faulty = SandboxRuns.run(dir, SandboxOptions.defaults().withThrottleRate(0.25).withServerErrorRate(0.1),
                RetryPolicy.defaults(), null, RUN);

        assertThat(clean.code()).as(clean.out() + clean.err()).isEqualTo(ExitCode.OK);
        assertThat(faulty.code()).as(faulty.out() + faulty.err()).isEqualTo(ExitCode.OK);
        for (String step : STEPS) {
            assertThat(SandboxRuns.differences(clean.end(step), faulty.end(step))).as(step).isEmpty();
            assertThat(clean.end(step).path("state").asText()).as(step + ": " + clean.end(step).path("reason")).isEqualTo("done");
        }
        assertThat(clean.end("sweep").path("outputs").path("failedRegions")).isEmpty();
        assertThat(clean.end("keyActivity").path("outputs").path("eventCount").asInt()).isPositive();

        List<JsonNode> calls = faulty.calls();
        // the only errors left are AWS's answers (the instance is not in that region), none a fault
        assertThat(calls).filteredOn(c -> c.path("outcome").asText().equals("error"))
                .allMatch(c -> c.path("errorCode").asText().equals("InvalidInstanceID.NotFound"));
        List<JsonNode> retried = calls.stream().filter(c -> c.path("attempts").asInt() > 1).toList();
        assertThat(retried).isNotEmpty();
        List<JsonNode> attempts = retried.stream().flatMap(c -> iterable(c.path("retries")).stream()).toList();
        assertThat(attempts).extracting(a -> a.path("errorCode").asText())
                .contains("RequestLimitExceeded", "ThrottlingException", "TooManyRequestsException", "InternalError");
        assertThat(attempts).allMatch(a -> a.path("httpStatus").asInt() >= 400 && !a.path("requestId").asText().isEmpty());
        assertThat(retried).allMatch(c -> c.path("retries").size() == c.path("attempts").asInt() - 1);
        assertThat(attempts).allMatch(a -> a.has("backoffMillis"));
        assertThat(clean.calls()).allMatch(c -> c.path("attempts").asInt() == 1 && !c.has("retries"));
        assertThat(TranscriptVerifier.verify(faulty.transcript()).ok()).isTrue();
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
