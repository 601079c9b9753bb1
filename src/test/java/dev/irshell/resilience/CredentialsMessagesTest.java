package dev.irshell.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irshell.sandbox.Sandbox;
import dev.irshell.testsupport.IrshellProcess;
import dev.irshell.testsupport.IrshellProcess.Result;
import dev.irshell.sandbox.SandboxOptions;
import dev.irshell.sandbox.Scenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Credentials that do not work end irshell with what to do, not a stack trace: irshell runs as a
 * process with an environment of its own (no AWS variables but the ones a case sets, HOME in a
 * temporary folder with its own ~/.aws), because the SDK reads credentials from the process's
 * environment and files, as it does on a responder's laptop.
 */
class CredentialsMessagesTest {
    static final String RUN = "run unusual-resource-activity --input instanceId=i-02aabfe228f219e9c";

    @TempDir
    Path home;

    Path aws;

    @BeforeEach
    void awsFolder() throws Exception {
        aws = Files.createDirectories(home.resolve(".aws"));
        Files.writeString(aws.resolve("config"), """
                [profile sso-legacy]
                sso_start_url = https://example.awsapps.com/start
                sso_region = us-east-1
                sso_account_id = 111122223333
                sso_role_name = IncidentResponder
                region = us-east-1

                [profile sso-corp]
                sso_session = corp
                sso_account_id = 111122223333
                sso_role_name = IncidentResponder
                region = us-east-1

                [sso-session corp]
                sso_start_url = https://example.awsapps.com/start
                sso_region = us-east-1

                [profile region-only]
                region = eu-west-1
                """);
    }

    Result irshell(Map<String, String> vars, String args) throws Exception {
        return IrshellProcess.run(home, vars, args);
    }

    static void assertNoStackTrace(Result r) {
        assertThat(r.all()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void noCredentialsAtAll_saysWhereItLookedAndWhatToDo() throws Exception {
        Result r = irshell(Map.of(), RUN);
        assertThat(r.code()).as(r.all()).isEqualTo(1);
        assertThat(r.err()).contains("cannot identify the account: sts:GetCallerIdentity in us-east-1 failed: no AWS"
                        + " credentials found: AWS_ACCESS_KEY_ID is not set, AWS_PROFILE is not set, and there is no [default]"
                        + " profile with credentials in " + aws.resolve("config") + " or " + aws.resolve("credentials")
                        + " (the profiles there: sso-legacy, sso-corp, region-only).",
                "\nWhat to do: choose a profile with --profile NAME or export AWS_PROFILE=NAME (run `aws sso login"
                        + " --profile NAME` first if it uses IAM Identity Center), or export AWS_ACCESS_KEY_ID and"
                        + " AWS_SECRET_ACCESS_KEY");
        assertNoStackTrace(r);
        assertThat(home.resolve("evidence")).doesNotExist();
    }

    @Test
    void profileThatDoesNotExist_namedWithWhereItCameFrom() throws Exception {
        Result flag = irshell(Map.of(), "--profile incident " + RUN);
        assertThat(flag.code()).isEqualTo(1);
        assertThat(flag.err()).contains("profile 'incident' (from --profile) does not exist in " + aws.resolve("config")
                        + " or " + aws.resolve("credentials") + " (the profiles there are: sso-legacy, sso-corp, region-only).",
                "What to do: give an existing profile with --profile NAME (or AWS_PROFILE=NAME), or create this one with"
                        + " `aws configure sso --profile incident`");
        assertNoStackTrace(flag);

        Result env = irshell(Map.of("AWS_PROFILE", "incident"), RUN);
        assertThat(env.code()).isEqualTo(1);
        assertThat(env.err()).contains("profile 'incident' (from AWS_PROFILE) does not exist");
        assertNoStackTrace(env);
    }

    @Test
    void configFileFromAwsConfigFile_isTheOneNamed_andAProfileWithoutCredentialsSaysSo() throws Exception {
        Path custom = Files.writeString(home.resolve("team-config"), "[profile readonly]\nregion = eu-west-1\n");
        Result r = irshell(Map.of("AWS_CONFIG_FILE", custom.toString()), "--profile readonly " + RUN);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("profile 'readonly' (from --profile) has no credentials: it sets none of"
                + " aws_access_key_id, sso_session, sso_start_url, role_arn, credential_process",
                "What to do: configure it with `aws configure sso --profile readonly`");
        assertNoStackTrace(r);

        Result missing = irshell(Map.of("AWS_CONFIG_FILE", custom.toString()), "--profile sso-legacy " + RUN);
        assertThat(missing.err()).contains("profile 'sso-legacy' (from --profile) does not exist in " + custom
                + " or " + aws.resolve("credentials") + " (the profiles there are: readonly)");
    }

    @Test
    void ssoProfileNeverLoggedIn_saysAwsSsoLoginWithTheProfile() throws Exception {
        for (String profile : List.of("sso-legacy", "sso-corp")) {
            Result r = irshell(Map.of(), "--profile " + profile + " " + RUN);
            assertThat(r.code()).as(r.all()).isEqualTo(1);
            assertThat(r.err()).contains("profile '" + profile + "' (from --profile) signs in through IAM Identity Center"
                            + " (SSO), and there is no valid SSO login for it (the cached token is missing or has expired).",
                    "What to do: run `aws sso login --profile " + profile + "`, then run irshell again with --profile "
                            + profile);
            assertNoStackTrace(r);
        }
    }

    @Test
    void ssoTokenExpired_saysAwsSsoLoginWithTheProfileFromAwsProfile() throws Exception {
        Path cache = Files.createDirectories(aws.resolve("sso").resolve("cache"));
        String expired = """
                {"startUrl": "https://example.awsapps.com/start", "region": "us-east-1", "accessToken": "expired-token",
                 "expiresAt": "2024-01-01T00:00:00Z", "clientId": "c", "clientSecret": "s",
                 "registrationExpiresAt": "2024-02-01T00:00:00Z", "refreshToken": "r"}
                """;
        Files.writeString(cache.resolve(sha1("corp") + ".json"), expired);
        Files.writeString(cache.resolve(sha1("https://example.awsapps.com/start") + ".json"), expired);
        for (String profile : List.of("sso-legacy", "sso-corp")) {
            Result r = irshell(Map.of("AWS_PROFILE", profile), RUN);
            assertThat(r.code()).as(r.all()).isEqualTo(1);
            assertThat(r.err()).contains("profile '" + profile + "' (from AWS_PROFILE) signs in through IAM Identity Center",
                    "What to do: run `aws sso login --profile " + profile + "`");
            assertNoStackTrace(r);
        }
    }

    @Test
    void expiredSessionToken_fromTheEnvironment_orFromAProfile_saysWhichAndWhatToDo() throws Exception {
        MovableClock clock = new MovableClock(Instant.now());
        try (Sandbox sb = Sandbox.start(Scenario.builtin("leaked-key-cryptomining"), SandboxOptions.defaults().withClock(clock))) {
            Credentials temp;
            try (StsClient sts = StsClient.builder().endpointOverride(sb.endpoint()).region(Region.US_EAST_1)
                    .httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                            sb.operatorCredentials().accessKeyId(), sb.operatorCredentials().secretAccessKey())))
                    .build()) {
                temp = sts.assumeRole(b -> b.roleArn("arn:aws:iam::111122223333:role/IncidentResponseRole")
                        .roleSessionName("ir").durationSeconds(900)).credentials();
            }
            clock.advance(Duration.ofHours(1));
            Map<String, String> vars = new LinkedHashMap<>();
            vars.put("AWS_ENDPOINT_URL", sb.endpoint().toString());
            vars.put("AWS_REGION", "us-east-1");
            Map<String, String> envKeys = new LinkedHashMap<>(vars);
            envKeys.put("AWS_ACCESS_KEY_ID", temp.accessKeyId());
            envKeys.put("AWS_SECRET_ACCESS_KEY", temp.secretAccessKey());
            envKeys.put("AWS_SESSION_TOKEN", temp.sessionToken());

            Result r = irshell(envKeys, RUN);
            assertThat(r.code()).as(r.all()).isEqualTo(1);
            assertThat(r.err()).contains("sts:GetCallerIdentity in us-east-1 failed with ExpiredToken: the temporary"
                            + " credentials in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN have expired"
                            + " (AWS said: The security token included in the request is expired)",
                    "What to do: export fresh ones (from the IAM Identity Center portal or `aws sts assume-role`), or unset"
                            + " them and use a profile: --profile NAME or AWS_PROFILE=NAME");
            assertNoStackTrace(r);

            Files.writeString(aws.resolve("credentials"), "[ir]\naws_access_key_id = " + temp.accessKeyId()
                    + "\naws_secret_access_key = " + temp.secretAccessKey() + "\naws_session_token = " + temp.sessionToken() + "\n");
            Result p = irshell(vars, "--profile ir " + RUN);
            assertThat(p.code()).as(p.all()).isEqualTo(1);
            assertThat(p.err()).contains("the credentials of profile 'ir' (from --profile) have expired (AWS said: The"
                    + " security token included in the request is expired)", "What to do: refresh the keys of profile 'ir'");
            assertNoStackTrace(p);
            // the secret never reaches the screen
            assertThat(r.all() + p.all()).doesNotContain(temp.secretAccessKey()).doesNotContain(temp.sessionToken());
            // the credentials file is this test's input, as an operator's ~/.aws is; the suite's scan for secrets
            // on disk (SecretScan) is about what irshell writes, so the input goes before the scan runs
            Files.delete(aws.resolve("credentials"));
        }
    }

    @Test
    void withDebug_theStackTraceFollowsTheMessage() throws Exception {
        Result r = irshell(Map.of(), "--debug " + RUN);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("no AWS credentials found", "What to do:", "\tat ", "SdkClientException");
    }

    private static String sha1(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** A clock the test moves forward: the sandbox reads it on every request. */
    static final class MovableClock extends Clock {
        private volatile Instant base;
        private final long startNanos = System.nanoTime();

        MovableClock(Instant base) {
            this.base = base;
        }

        void advance(Duration d) {
            base = base.plus(d);
        }

        @Override
        public Instant instant() {
            return base.plusNanos(System.nanoTime() - startNanos);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
