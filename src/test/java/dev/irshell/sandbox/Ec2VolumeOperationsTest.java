package dev.irshell.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CopyTagsFromSource;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.SnapshotInfo;
import software.amazon.awssdk.services.ec2.model.SnapshotState;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Volume;

/** EBS volumes, snapshots, AMIs, tags and instance state changes through the real EC2 client. */
class Ec2VolumeOperationsTest {
    private static final String MINER = TestClients.MINER_SA_EAST_1;
    private static final String SHOP_1 = "i-0a4c123b1612dd272";
    private static final String SHOP_2 = "i-0d1371c17149d4395";

    private static Ec2Client ec2(Sandbox s, String region) {
        return TestClients.ec2(s, TestClients.basic(s.operatorCredentials()), region);
    }

    private static Instance instance(Ec2Client ec2, String id) {
        return ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
    }

    @Test
    void describeInstances_showsTheAttachedVolumes() {
        try (Sandbox s = TestClients.startDefault(); Ec2Client ec2 = ec2(s, "sa-east-1"); Ec2Client us = ec2(s, "us-east-1")) {
            assertThat(instance(ec2, MINER).blockDeviceMappings()).extracting(InstanceBlockDeviceMapping::deviceName,
                    m -> m.ebs().volumeId(), m -> m.ebs().deleteOnTermination()).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("/dev/xvda", "vol-02aabfe228f219e9c", true),
                    org.assertj.core.groups.Tuple.tuple("/dev/sdf", "vol-02aabfe228f219e9d", false));
            assertThat(instance(us, "i-036b3216fdaeeb975").blockDeviceMappings()).singleElement()
                    .satisfies(m -> assertThat(m.ebs().volumeId()).as("the default root volume")
                            .isEqualTo("vol-036b3216fdaeeb975"));
        }
    }

    @Test
    void describeVolumes_filtersByInstanceAndPagesWithMaxResults() {
        try (Sandbox s = TestClients.startDefault(); Ec2Client ec2 = ec2(s, "us-east-1")) {
            List<Volume> shop = ec2.describeVolumes(r -> r.filters(Filter.builder().name("attachment.instance-id")
                    .values(SHOP_1).build())).volumes();
            assertThat(shop).extracting(Volume::volumeId, Volume::size)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("vol-0a4c123b1612dd272", 16),
                            org.assertj.core.groups.Tuple.tuple("vol-0a4c123b1612dd273", 100));
            assertThat(shop.get(0).attachments()).singleElement().satisfies(a -> {
                assertThat(a.instanceId()).isEqualTo(SHOP_1);
                assertThat(a.stateAsString()).isEqualTo("attached");
            });
            assertThat(shop.get(0).stateAsString()).isEqualTo("in-use");

            assertThat(ec2.describeVolumes(r -> r.maxResults(5)).nextToken()).isNotNull();
            assertThat(ec2.describeVolumesPaginator(r -> r.maxResults(5)).volumes()).hasSize(4);
            assertThatThrownBy(() -> ec2.describeVolumes(r -> r.volumeIds("vol-0123456789abcdef0")))
                    .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
                            .isEqualTo("InvalidVolume.NotFound"));
        }
    }

    @Test
    void createSnapshots_pendingThenCompleted_taggedAndFoundByTag() {
        try (Sandbox s = TestClients.startDefault(); Ec2Client ec2 = ec2(s, "sa-east-1")) {
            CreateSnapshotsResponse created = ec2.createSnapshots(r -> r.instanceSpecification(i -> i.instanceId(MINER))
                    .description("evidence").copyTagsFromSource(CopyTagsFromSource.VOLUME)
                    .tagSpecifications(t -> t.resourceType(ResourceType.SNAPSHOT)
                            .tags(Tag.builder().key("irshell:instance").value(MINER).build())));

            assertThat(created.snapshots()).extracting(SnapshotInfo::volumeId)
                    .containsExactly("vol-02aabfe228f219e9c", "vol-02aabfe228f219e9d");
            assertThat(created.snapshots()).allSatisfy(x -> {
                assertThat(x.state()).isEqualTo(SnapshotState.PENDING);
                assertThat(x.snapshotId()).startsWith("snap-");
                assertThat(x.ownerId()).isEqualTo("111122223333");
            });

            List<Snapshot> found = ec2.describeSnapshots(r -> r.ownerIds("self").filters(Filter.builder()
                    .name("tag:irshell:instance").values(MINER).build())).snapshots();
            assertThat(found).hasSize(2).allSatisfy(x -> {
                assertThat(x.state()).isEqualTo(SnapshotState.COMPLETED);
                assertThat(x.description()).isEqualTo("evidence");
                assertThat(x.volumeSize()).isIn(50, 500);
            });
            assertThat(ec2.describeSnapshots(r -> r.snapshotIds(created.snapshots().get(0).snapshotId())).snapshots())
                    .singleElement().satisfies(x -> assertThat(x.volumeId()).isEqualTo("vol-02aabfe228f219e9c"));
            TrailEvent event = s.state().events().stream().filter(e -> e.eventName().equals("CreateSnapshots"))
                    .findFirst().orElseThrow();
            assertThat(event.resources()).contains(new TrailEvent.Resource("AWS::EC2::Instance", MINER));
            assertThat(event.record().path("requestParameters").path("instanceSpecification").path("instanceId")
                    .asText()).isEqualTo(MINER);
        }
    }

    @Test
    void createSnapshotAndCreateTags_onOneVolume() {
        try (Sandbox s = TestClients.startDefault(); Ec2Client ec2 = ec2(s, "us-east-1")) {
            String id = ec2.createSnapshot(r -> r.volumeId("vol-0a4c123b1612dd273").description("manual")).snapshotId();
            ec2.createTags(r -> r.resources(id, SHOP_1).tags(Tag.builder().key("case").value("IR-7").build()));

            assertThat(ec2.describeSnapshots(r -> r.ownerIds("self").filters(Filter.builder().name("tag:case")
                    .values("IR-7").build())).snapshots()).extracting(Snapshot::snapshotId).containsExactly(id);
            assertThat(instance(ec2, SHOP_1).tags()).contains(Tag.builder().key("case").value("IR-7").build());
            assertThatThrownBy(() -> ec2.createTags(r -> r.resources("snap-0123456789abcdef0")
                    .tags(Tag.builder().key("a").value("b").build()))).isInstanceOfSatisfying(Ec2Exception.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSnapshot.NotFound"));
        }
    }

    @Test
    void describeImages_ownedBySelf() {
        try (Sandbox s = TestClients.startDefault(); Ec2Client ec2 = ec2(s, "us-east-1"); Ec2Client sa = ec2(s, "sa-east-1")) {
            assertThat(ec2.describeImages(r -> r.owners("self")).images()).singleElement().satisfies((Image i) -> {
                assertThat(i.imageId()).isEqualTo("ami-0e5a1c0de0000b001");
                assertThat(i.name()).isEqualTo("shop-backend-2025-11");
                assertThat(i.ownerId()).isEqualTo("111122223333");
                assertThat(i.stateAsString()).isEqualTo("available");
            });
            assertThat(sa.describeImages(r -> r.owners("self")).images()).isEmpty();
        }
    }

    @Test
    void terminateInstances_refusedWithProtection_volumesFollowDeleteOnTermination() {
        try (Sandbox s = TestClients.startDefault(); Ec2Client ec2 = ec2(s, "sa-east-1"); Ec2Client us = ec2(s, "us-east-1")) {
            assertThatThrownBy(() -> us.terminateInstances(r -> r.instanceIds(SHOP_2)))
                    .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("OperationNotPermitted");
                        assertThat(e.awsErrorDetails().errorMessage()).contains("disableApiTermination");
                    });
            assertThat(instance(us, SHOP_2).state().nameAsString()).isEqualTo("running");

            ec2.terminateInstances(r -> r.instanceIds(MINER));

            assertThat(instance(ec2, MINER).state().nameAsString()).isEqualTo("terminated");
            assertThat(ec2.describeVolumes().volumes()).extracting(Volume::volumeId, Volume::stateAsString)
                    .contains(org.assertj.core.groups.Tuple.tuple("vol-02aabfe228f219e9d", "available"))
                    .doesNotContain(org.assertj.core.groups.Tuple.tuple("vol-02aabfe228f219e9c", "in-use"));
            assertThatThrownBy(() -> ec2.startInstances(r -> r.instanceIds(MINER)))
                    .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
                            .isEqualTo("IncorrectInstanceState"));
            assertThatThrownBy(() -> ec2.stopInstances(r -> r.instanceIds(MINER)))
                    .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
                            .isEqualTo("IncorrectInstanceState"));
        }
    }

    @Test
    void stopThenStart_bringsTheInstanceBack() {
        try (Sandbox s = TestClients.startDefault(); Ec2Client ec2 = ec2(s, "us-east-1")) {
            ec2.stopInstances(r -> r.instanceIds(SHOP_2));
            assertThat(instance(ec2, SHOP_2).state().nameAsString()).isEqualTo("stopped");

            var change = ec2.startInstances(r -> r.instanceIds(SHOP_2)).startingInstances().get(0);

            assertThat(change.previousState().nameAsString()).isEqualTo("stopped");
            assertThat(change.currentState().nameAsString()).isEqualTo("pending");
            assertThat(instance(ec2, SHOP_2).state().nameAsString()).isEqualTo("running");
        }
    }
}
