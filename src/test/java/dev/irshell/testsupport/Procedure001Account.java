package dev.irshell.testsupport;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The account of procedure 001's story, set up for real over HTTP: in moto, user dev-jenkins with
 * a console password and the leaked key, and an instance launched with it in eu-west-3; in the
 * fake CloudTrail, that launch and what else the key did.
 */
public final class Procedure001Account {
    public static final String USER = "dev-jenkins";
    public static final String ATTACKER_IP = "203.0.113.66";

    public final MotoServer moto;
    public final FakeCloudTrail cloudTrail;
    public final String leakedKey;
    public final String instanceId;

    private Procedure001Account(MotoServer moto, FakeCloudTrail cloudTrail, String leakedKey, String instanceId) {
        this.moto = moto;
        this.cloudTrail = cloudTrail;
        this.leakedKey = leakedKey;
        this.instanceId = instanceId;
    }

    public static Procedure001Account create(MotoServer moto, FakeCloudTrail ct) {
        moto.reset();
        IamClient iam = iam(moto);
        iam.createUser(b -> b.userName(USER));
        iam.createLoginProfile(b -> b.userName(USER).password("Old-Password-123!"));
        String key = iam.createAccessKey(b -> b.userName(USER)).accessKey().accessKeyId();
        String instance;
        try (Ec2Client ec2 = Ec2Client.builder().endpointOverride(moto.endpoint()).region(Region.EU_WEST_3)
                .credentialsProvider(moto.credentials()).httpClient(UrlConnectionHttpClient.create()).build()) {
            instance = ec2.runInstances(b -> b.imageId("ami-12c6146b").instanceType(InstanceType.C5_24_XLARGE)
                    .minCount(1).maxCount(1)).instances().get(0).instanceId();
        }
        Instant launch = Instant.now().minus(2, ChronoUnit.HOURS);
        ct.addEvent("eu-west-3", "RunInstances").at(launch).user(USER).accessKey(key).sourceIp(ATTACKER_IP)
                .userAgent("Boto3/1.26.0 kali").source("ec2.amazonaws.com").readOnly(false)
                .resource("AWS::EC2::Instance", instance);
        ct.addEvent("eu-west-3", "AuthorizeSecurityGroupIngress").at(launch.minusSeconds(60)).user(USER).accessKey(key)
                .sourceIp(ATTACKER_IP).source("ec2.amazonaws.com").readOnly(false).resource("AWS::EC2::SecurityGroup", "sg-0badc0de");
        ct.addEvent("us-east-1", "CreateUser").at(launch.plusSeconds(300)).user(USER).accessKey(key).sourceIp(ATTACKER_IP)
                .source("iam.amazonaws.com").readOnly(false).resource("AWS::IAM::User", "support-backup");
        ct.addEvent("us-east-1", "GetCallerIdentity").at(launch.minusSeconds(600)).user(USER).accessKey(key)
                .sourceIp(ATTACKER_IP).source("sts.amazonaws.com").readOnly(true);
        return new Procedure001Account(moto, ct, key, instance);
    }

    public static IamClient iam(MotoServer moto) {
        return IamClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(moto.credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public StatusType keyStatus() {
        try (IamClient iam = iam(moto)) {
            return iam.listAccessKeys(b -> b.userName(USER)).accessKeyMetadata().stream()
                    .filter(k -> k.accessKeyId().equals(leakedKey)).findFirst().orElseThrow().status();
        }
    }

    public int keyCount() {
        try (IamClient iam = iam(moto)) {
            return iam.listAccessKeys(b -> b.userName(USER)).accessKeyMetadata().size();
        }
    }

    public boolean hasLoginProfile() {
        try (IamClient iam = iam(moto)) {
            iam.getLoginProfile(b -> b.userName(USER));
            return true;
        } catch (software.amazon.awssdk.services.iam.model.NoSuchEntityException e) {
            return false;
        }
    }
}
