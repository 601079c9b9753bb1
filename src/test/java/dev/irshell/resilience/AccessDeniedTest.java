package dev.irshell.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irshell.action.aws.RetryPolicy;
import dev.irshell.sandbox.TrailEvent;
import dev.irshell.sandbox.SandboxOptions;
import dev.irshell.shell.ExitCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step refused for lack of permission names the IAM action that is missing, on screen and in
 * step.end's error.missingPermission, and the run goes on or stops as the step's onFailure says.
 * The sandbox refuses the named actions as AWS does when no policy allows them.
 */
class AccessDeniedTest {
    static final String[] RUN = {"run", "denied-steps", "--input", "accessKeyId=" + SandboxRuns.LEAKED_KEY};

    @TempDir
    Path dir;

    @Test
    void deniedStepWithOnFailureContinue_namesThePermission_andTheRunGoesOn() {
        List<TrailEvent> denied = new ArrayList<>();
        SandboxRuns.Result r = SandboxRuns.run(dir,
                SandboxOptions.defaults().withDeniedActions(Set.of("iam:GenerateCredentialReport")), RetryPolicy.defaults(),
                ws -> ws.sandbox().orElseThrow().state().events().stream()
                        .filter(e -> "AccessDenied".equals(e.errorCode()) && !e.eventTime().isBefore(SandboxRuns.START))
                        .forEach(denied::add), RUN);

        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.OK);
        JsonNode end = r.end("credentialReport");
        assertThat(end.path("state").asText()).isEqualTo("failed");
        assertThat(end.path("onFailure").asText()).isEqualTo("continue");
        assertThat(end.path("error").path("kind").asText()).isEqualTo("access_denied");
        assertThat(end.path("error").path("missingPermission").asText()).isEqualTo("iam:GenerateCredentialReport");
        assertThat(end.path("error").path("errorCode").asText()).isEqualTo("AccessDenied");
        assertThat(r.out()).contains("[failed] credentialReport: iam:GenerateCredentialReport in aws-global failed with"
                        + " AccessDenied: User: arn:aws:iam::111122223333:user/responder is not authorized to perform:"
                        + " iam:GenerateCredentialReport",
                "grant iam:GenerateCredentialReport to the identity in use",
                "(missing IAM permission: iam:GenerateCredentialReport)",
                "[done] keyOwner: " + SandboxRuns.LEAKED_KEY + " belongs to dev-jenkins",
                "[done] listKeys");
        assertThat(r.end("listKeys").path("state").asText()).isEqualTo("done");
        // AWS records the refused call in CloudTrail, and so does the sandbox (the scenario's own history aside)
        assertThat(denied).extracting(TrailEvent::eventName).containsExactly("GenerateCredentialReport");
    }

    @Test
    void deniedStepWithDefaultAbort_namesThePermission_andStopsTheRun_exit1() {
        SandboxRuns.Result r = SandboxRuns.run(dir,
                SandboxOptions.defaults().withDeniedActions(Set.of("iam:GetAccessKeyLastUsed")), RetryPolicy.defaults(),
                null, RUN);

        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.FAILURE);
        JsonNode end = r.end("keyOwner");
        assertThat(end.path("state").asText()).isEqualTo("failed");
        assertThat(end.path("onFailure").asText()).isEqualTo("abort");
        assertThat(end.path("error").path("missingPermission").asText()).isEqualTo("iam:GetAccessKeyLastUsed");
        assertThat(r.out()).contains("[failed] keyOwner: iam:GetAccessKeyLastUsed in aws-global failed with AccessDenied",
                "(missing IAM permission: iam:GetAccessKeyLastUsed)");
        assertThat(r.entries()).noneMatch(e -> e.type().equals("step.start") && e.data().path("step").asText().equals("listKeys"));
        assertThat(r.out() + r.err()).doesNotContain("\tat ").doesNotContain("Exception");
    }
}
