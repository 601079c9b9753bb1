package dev.irshell.action.aws;

import dev.irshell.action.ReadOperations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InterceptorsTest {
    @Test
    void readOnly_allowsOnlyReadOperations() {
        for (String op : new String[] {"GetLoginProfile", "ListAccessKeys", "DescribeInstances", "LookupEvents",
                "GenerateCredentialReport", "GenerateServiceLastAccessedDetails", "SimulatePrincipalPolicy",
                "GetCallerIdentity"}) {
            assertThat(ReadOperations.isRead(op)).as(op).isTrue();
        }
        for (String op : new String[] {"UpdateAccessKey", "DeleteAccessKey", "CreateAccessKey", "DeleteLoginProfile",
                "RunInstances", "TerminateInstances", "AssumeRole", "PutUserPolicy", null}) {
            assertThat(ReadOperations.isRead(op)).as(String.valueOf(op)).isFalse();
        }
    }

    @Test
    void rateLimiter_spacesCallsPerRegion_independently() {
        RegionRateLimiter l = new RegionRateLimiter(2.0);
        assertThat(l.reserve("eu-west-1")).isZero();
        assertThat(l.reserve("eu-west-1")).isPositive();
        assertThat(l.reserve("us-east-1")).isZero();
        assertThat(l.reserve("eu-west-1")).isPositive();
    }

    @Test
    void clientsConfig_serviceEndpointWinsOverGlobalOverride() {
        try (AwsClients c = new AwsClients(new AwsClients.Config(null, "eu-west-1", java.net.URI.create("http://a:1"),
                Map.of("cloudtrail", java.net.URI.create("http://b:2")), null, false, null, null))) {
            assertThat(c.endpointOf("cloudtrail")).hasToString("http://b:2");
            assertThat(c.endpointOf("iam")).hasToString("http://a:1");
            assertThat(c.defaultRegion()).isEqualTo("eu-west-1");
            assertThat(c.ec2("eu-west-1")).isSameAs(c.ec2("eu-west-1"));
            assertThat(c.ec2("us-west-2")).isNotSameAs(c.ec2("eu-west-1"));
        }
    }

    @Test
    void identity_userNameFromArn_nullForRolesAndRoot() {
        var user = AwsClients.Identity.of(software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse.builder()
                .account("1").arn("arn:aws:iam::1:user/ops/alice").userId("AIDA").build(), "AKIA1");
        assertThat(user.userName()).isEqualTo("alice");
        assertThat(user.root()).isFalse();
        var role = AwsClients.Identity.of(software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse.builder()
                .account("1").arn("arn:aws:sts::1:assumed-role/IR/session").build(), "ASIA1");
        assertThat(role.userName()).isNull();
        var root = AwsClients.Identity.of(software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse.builder()
                .account("1").arn("arn:aws:iam::1:root").build(), "AKIA2");
        assertThat(root.root()).isTrue();
        assertThat(root.userName()).isNull();
    }

    @Test
    void regionInfo_enabledOnlyWhenOptedInOrNotRequired() {
        assertThat(new AwsClients.RegionInfo("a", "opt-in-not-required").enabled()).isTrue();
        assertThat(new AwsClients.RegionInfo("b", "opted-in").enabled()).isTrue();
        assertThat(new AwsClients.RegionInfo("c", "not-opted-in").enabled()).isFalse();
    }

    @Test
    void callRecorder_readsTheErrorCodeOfEachProtocolsErrorBody() {
        assertThat(CallRecordingInterceptor.errorCode("<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>"
                + "<Message>Rate exceeded</Message></Error></ErrorResponse>")).isEqualTo("Throttling");
        assertThat(CallRecordingInterceptor.errorCode("<Response><Errors><Error><Code>RequestLimitExceeded</Code>"
                + "</Error></Errors></Response>")).isEqualTo("RequestLimitExceeded");
        assertThat(CallRecordingInterceptor.errorCode("{\"__type\":\"com.amazonaws.cloudtrail#ThrottlingException\","
                + "\"message\":\"Rate exceeded\"}")).isEqualTo("ThrottlingException");
        assertThat(CallRecordingInterceptor.errorCode("not an error body")).isNull();
    }
}
