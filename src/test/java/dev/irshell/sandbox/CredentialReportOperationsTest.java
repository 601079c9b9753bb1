package dev.irshell.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CredentialReportNotPresentException;
import software.amazon.awssdk.services.iam.model.CredentialReportNotReadyException;
import software.amazon.awssdk.services.iam.model.GenerateCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.ReportStateType;

/** GenerateCredentialReport / GetCredentialReport through the real IAM client. */
class CredentialReportOperationsTest {
    private static final List<String> COLUMNS = List.of("user", "arn", "user_creation_time", "password_enabled",
            "password_last_used", "password_last_changed", "password_next_rotation", "mfa_active",
            "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date",
            "access_key_1_last_used_region", "access_key_1_last_used_service", "access_key_2_active",
            "access_key_2_last_rotated", "access_key_2_last_used_date", "access_key_2_last_used_region",
            "access_key_2_last_used_service", "cert_1_active", "cert_1_last_rotated", "cert_2_active",
            "cert_2_last_rotated");

    private static IamClient iam(Sandbox s) {
        return TestClients.iam(s, TestClients.basic(s.operatorCredentials()));
    }

    @Test
    void getCredentialReport_notPresentBeforeGenerate_thenInProgressOnce_thenComplete() {
        try (Sandbox s = TestClients.startDefault(); IamClient iam = iam(s)) {
            assertThatThrownBy(iam::getCredentialReport).isInstanceOfSatisfying(
                    CredentialReportNotPresentException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(410);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ReportNotPresent");
                    });

            GenerateCredentialReportResponse started = iam.generateCredentialReport();
            assertThat(started.state()).isEqualTo(ReportStateType.STARTED);
            assertThat(started.description()).isEqualTo("No report exists. Starting a new report generation task");
            assertThatThrownBy(iam::getCredentialReport).isInstanceOfSatisfying(
                    CredentialReportNotReadyException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(404);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ReportInProgress");
                    });

            assertThat(iam.generateCredentialReport().state()).isEqualTo(ReportStateType.COMPLETE);
            GetCredentialReportResponse report = iam.getCredentialReport();
            assertThat(report.reportFormatAsString()).isEqualTo("text/csv");
            assertThat(report.generatedTime()).isEqualTo(s.state().events().stream()
                    .filter(e -> e.eventName().equals("GenerateCredentialReport")).findFirst().orElseThrow().eventTime());
        }
    }

    @Test
    void content_hasTheTwentyTwoColumnsAndTheRootRowFirst() {
        try (Sandbox s = TestClients.startDefault(); IamClient iam = iam(s)) {
            iam.generateCredentialReport();
            iam.generateCredentialReport();
            List<String> lines = iam.getCredentialReport().content().asString(StandardCharsets.UTF_8).lines().toList();

            assertThat(Arrays.asList(lines.get(0).split(","))).containsExactlyElementsOf(COLUMNS);
            assertThat(lines.get(1)).isEqualTo("<root_account>,arn:aws:iam::111122223333:root,"
                    + CredentialReportOperations.time(s.startTime().minusSeconds(900L * 86400))
                    + ",not_supported,no_information,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,"
                    + "false,N/A,N/A,N/A,N/A,false,N/A,false,N/A");
            assertThat(lines).allSatisfy(l -> assertThat(l.split(",", -1)).hasSize(22));
        }
    }

    @Test
    void content_rowsCarryPasswordAndKeyUseFromTheAccountsHistory() {
        try (Sandbox s = TestClients.startDefault(); IamClient iam = iam(s)) {
            iam.generateCredentialReport();
            iam.generateCredentialReport();
            List<String> lines = iam.getCredentialReport().content().asString(StandardCharsets.UTF_8).lines().toList();

            String[] alice = row(lines, "ops-alice");
            assertThat(alice[3]).isEqualTo("true");
            assertThat(alice[4]).isEqualTo(CredentialReportOperations.time(s.startTime().minusSeconds(6 * 86400)));
            assertThat(alice[7]).isEqualTo("true");
            assertThat(alice[8]).isEqualTo("false");
            assertThat(alice[9]).isEqualTo("N/A");

            String[] jenkins = row(lines, "dev-jenkins");
            assertThat(jenkins[3]).isEqualTo("false");
            assertThat(jenkins[4]).isEqualTo("N/A");
            assertThat(jenkins[8]).isEqualTo("true");
            assertThat(jenkins[10]).endsWith("+00:00");
            assertThat(jenkins[10]).isEqualTo(CredentialReportOperations.time(s.startTime().minusSeconds(2 * 86400
                    + 8 * 3600)));
            assertThat(jenkins[11]).isEqualTo("us-east-1");
            assertThat(jenkins[12]).isEqualTo("iam");

            String[] attacker = row(lines, "support-backup");
            assertThat(attacker[3]).isEqualTo("true");
            assertThat(attacker[4]).isEqualTo(CredentialReportOperations.time(
                    s.startTime().minusSeconds(3 * 86400 + 40 * 60)));
            assertThat(attacker[11]).isEqualTo("sa-east-1");
            assertThat(attacker[12]).isEqualTo("ec2");
        }
    }

    private static String[] row(List<String> lines, String user) {
        return lines.stream().filter(l -> l.startsWith(user + ",")).findFirst().orElseThrow().split(",", -1);
    }
}
