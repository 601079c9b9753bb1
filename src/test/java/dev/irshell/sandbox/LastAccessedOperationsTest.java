package dev.irshell.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetServiceLastAccessedDetailsResponse;
import software.amazon.awssdk.services.iam.model.JobStatusType;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.ServiceLastAccessed;

/** Service last-accessed data derived from the recorded CloudTrail events. */
class LastAccessedOperationsTest {
    private static IamClient iam(Sandbox s) {
        return TestClients.iam(s, TestClients.basic(s.operatorCredentials()));
    }

    /** Polls until COMPLETED, following markers; returns every service. */
    private static List<ServiceLastAccessed> completed(IamClient iam, String jobId) {
        GetServiceLastAccessedDetailsResponse first = iam.getServiceLastAccessedDetails(r -> r.jobId(jobId));
        assertThat(first.jobStatus()).isEqualTo(JobStatusType.IN_PROGRESS);
        List<ServiceLastAccessed> out = new ArrayList<>();
        String marker = null;
        do {
            String m = marker;
            GetServiceLastAccessedDetailsResponse page = iam.getServiceLastAccessedDetails(r -> r.jobId(jobId).marker(m));
            assertThat(page.jobStatus()).isEqualTo(JobStatusType.COMPLETED);
            assertThat(page.jobCompletionDate()).isNotNull();
            out.addAll(page.servicesLastAccessed());
            marker = page.isTruncated() ? page.marker() : null;
        } while (marker != null);
        return out;
    }

    @Test
    void user_servicesItsKeysCalled_inProgressOnceThenCompleted() {
        try (Sandbox s = TestClients.startDefault(); IamClient iam = iam(s)) {
            String job = iam.generateServiceLastAccessedDetails(r -> r.arn("arn:aws:iam::111122223333:user/dev-jenkins"))
                    .jobId();
            assertThat(job).hasSize(36);

            List<ServiceLastAccessed> services = completed(iam, job);

            assertThat(services).extracting(ServiceLastAccessed::serviceNamespace)
                    .containsExactlyInAnyOrder("ec2", "iam", "sts");
            ServiceLastAccessed ec2 = services.stream().filter(x -> x.serviceNamespace().equals("ec2")).findFirst()
                    .orElseThrow();
            assertThat(ec2.serviceName()).isEqualTo("Amazon EC2");
            assertThat(ec2.lastAuthenticated()).isEqualTo(s.startTime().minusSeconds(3 * 86400 + 72 * 60));
            assertThat(ec2.lastAuthenticatedRegion()).isEqualTo("ap-northeast-3");
            assertThat(ec2.lastAuthenticatedEntity()).isEqualTo("arn:aws:iam::111122223333:user/dev-jenkins");
        }
    }

    @Test
    void roleAndPolicy_servicesOfItsSessionsAndHolders() {
        try (Sandbox s = Sandbox.start(Scenario.builtin("rogue-role-persistence"), TestClients.options());
             IamClient iam = iam(s)) {
            String role = iam.generateServiceLastAccessedDetails(
                    r -> r.arn("arn:aws:iam::555566667777:role/aws-ops-maintenance")).jobId();
            assertThat(completed(iam, role)).extracting(ServiceLastAccessed::serviceNamespace)
                    .containsExactlyInAnyOrder("ec2", "iam", "s3", "sts");

            String policy = iam.generateServiceLastAccessedDetails(
                    r -> r.arn("arn:aws:iam::555566667777:policy/ops-maintenance")).jobId();
            assertThat(completed(iam, policy)).allSatisfy(x -> assertThat(x.lastAuthenticatedEntity())
                    .isEqualTo("arn:aws:iam::555566667777:role/aws-ops-maintenance"));

            assertThatThrownBy(() -> iam.generateServiceLastAccessedDetails(
                    r -> r.arn("arn:aws:iam::555566667777:user/nobody"))).isInstanceOf(NoSuchEntityException.class);
        }
    }
}
