package dev.irshell.action.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyResponse;
import software.amazon.awssdk.services.iam.model.CreateLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.ListAccessKeysResponse;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;

class SdkJsonTest {
    @Test
    void createAccessKeyResponse_masksSecret_keepsTheRest() {
        ObjectNode j = SdkJson.toJson(CreateAccessKeyResponse.builder().accessKey(k -> k.userName("bob")
                .accessKeyId("AKIAEXAMPLE000000001").secretAccessKey("s3cr3t/value").status("Active")
                .createDate(Instant.parse("2026-01-02T03:04:05Z"))).build());
        assertThat(j.at("/AccessKey/SecretAccessKey").asText()).isEqualTo("[REDACTED]");
        assertThat(j.at("/AccessKey/AccessKeyId").asText()).isEqualTo("AKIAEXAMPLE000000001");
        assertThat(j.at("/AccessKey/CreateDate").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(j.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void passwordsAndSessionTokens_areMasked() {
        assertThat(SdkJson.toJson(CreateLoginProfileRequest.builder().userName("bob").password("hunter2").build()).toString())
                .doesNotContain("hunter2").contains("\"Password\":\"[REDACTED]\"");
        ObjectNode sts = SdkJson.toJson(AssumeRoleResponse.builder().credentials(c -> c.accessKeyId("ASIAEXAMPLE")
                .secretAccessKey("sk").sessionToken("tok")).build());
        assertThat(sts.at("/Credentials/SessionToken").asText()).isEqualTo("[REDACTED]");
        assertThat(sts.at("/Credentials/SecretAccessKey").asText()).isEqualTo("[REDACTED]");
        assertThat(sts.at("/Credentials/AccessKeyId").asText()).isEqualTo("ASIAEXAMPLE");
    }

    @Test
    void listsBooleansAndPaginationTokens_areKept() {
        ObjectNode j = SdkJson.toJson(ListAccessKeysResponse.builder().isTruncated(true).marker("m-1")
                .accessKeyMetadata(m -> m.accessKeyId("AKIA1"), m -> m.accessKeyId("AKIA2")).build());
        assertThat(j.get("IsTruncated").asBoolean()).isTrue();
        assertThat(j.get("Marker").asText()).isEqualTo("m-1");
        assertThat(j.get("AccessKeyMetadata")).hasSize(2);
        ObjectNode d = SdkJson.toJson(DescribeInstancesRequest.builder().instanceIds("i-1").nextToken("nt").build());
        assertThat(d.get("NextToken").asText()).isEqualTo("nt");
        assertThat(d.get("InstanceIds").get(0).asText()).isEqualTo("i-1");
        assertThat(d.has("Filters")).isFalse();
    }

    @Test
    void secretNames_areRecognised() {
        assertThat(SdkJson.isSecret("SecretAccessKey")).isTrue();
        assertThat(SdkJson.isSecret("NewPassword")).isTrue();
        assertThat(SdkJson.isSecret("PasswordResetRequired")).as("a flag about the password, kept as evidence").isFalse();
        assertThat(SdkJson.isSecret("PasswordLastUsed")).isFalse();
        assertThat(SdkJson.isSecret("sessionToken")).isTrue();
        assertThat(SdkJson.isSecret("KeyMaterial")).isTrue();
        assertThat(SdkJson.isSecret("NextToken")).isFalse();
        assertThat(SdkJson.isSecret("AccessKeyId")).isFalse();
    }
}
