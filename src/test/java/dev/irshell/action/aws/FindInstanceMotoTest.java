package dev.irshell.action.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irshell.action.ActionContext;
import dev.irshell.action.ActionFailure;
import dev.irshell.action.ActionResult;
import dev.irshell.action.AwsCall;
import dev.irshell.action.Params;
import dev.irshell.action.Severity;
import dev.irshell.testsupport.MotoServer;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceType;

/** ec2.findInstance through the real SDK against moto: launched in one region, searched from another. */
@ExtendWith(MotoServer.class)
class FindInstanceMotoTest {
    static final ActionContext CTX = new ActionContext("eu-west-1", MotoServer.ACCOUNT, "s-moto", Clock.systemUTC(),
            ActionContext.Progress.NONE);

    static RecordingListener listener = new RecordingListener();
    static AwsClients clients;
    static String instanceId;

    @BeforeAll
    static void launch(MotoServer moto) {
        clients = new AwsClients(moto.clientConfig("eu-west-1", false, listener));
        Ec2Client ec2 = clients.ec2("ap-southeast-2");
        String ami = ec2.describeImages(b -> b.owners("amazon")).images().get(0).imageId();
        instanceId = ec2.runInstances(b -> b.imageId(ami).minCount(1).maxCount(1).instanceType(InstanceType.P3_2_XLARGE)
                        .tagSpecifications(t -> t.resourceType("instance").tags(g -> g.key("Name").value("miner"))))
                .instances().get(0).instanceId();
        listener.clear();
    }

    @AfterAll
    static void close() {
        clients.close();
    }

    @Test
    void findInstance_launchedInAnotherRegion_isFoundThere() {
        ActionResult r = new FindInstanceAction(clients).execute(Params.of("instanceId", instanceId), CTX);

        JsonNode d = r.data();
        assertThat(d.get("found").asBoolean()).isTrue();
        assertThat(d.get("region").asText()).isEqualTo("ap-southeast-2");
        assertThat(d.get("instanceType").asText()).isEqualTo("p3.2xlarge");
        assertThat(d.get("state").asText()).isEqualTo("running");
        assertThat(d.get("tags").get("Name").asText()).isEqualTo("miner");
        assertThat(d.get("launchTime").asText()).endsWith("Z");
        assertThat(d.get("regionsSearched").get(0).asText()).isEqualTo("eu-west-1");
        assertThat(d.get("regionsSearched").findValuesAsText("x")).isEmpty();
        assertThat(d.get("regionsSearched").toString()).contains("ap-southeast-2");
        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.WARN && f.message().contains("p3.2xlarge"));
        assertThat(r.findings()).anyMatch(f -> f.severity() == Severity.INFO && f.message().contains("found in ap-southeast-2"));

        assertThat(listener.of("DescribeRegions")).hasSize(1);
        AwsCall home = listener.of("DescribeInstances").stream().filter(c -> c.region().equals("eu-west-1")).findFirst().orElseThrow();
        assertThat(home.outcome()).isEqualTo("error");
        assertThat(home.errorCode()).isEqualTo("InvalidInstanceID.NotFound");
        assertThat(home.request().get("InstanceIds").get(0).asText()).isEqualTo(instanceId);
        assertThat(home.requestId()).isNotBlank();
        AwsCall there = listener.of("DescribeInstances").stream().filter(c -> c.region().equals("ap-southeast-2")).findFirst().orElseThrow();
        assertThat(there.response().toString()).contains(instanceId);
    }

    @Test
    void findInstance_givenRegions_searchesOnlyThose() {
        listener.clear();
        ActionResult r = new FindInstanceAction(clients).execute(
                Params.of("instanceId", instanceId, "regions", "us-west-2,ap-southeast-2"), CTX);

        assertThat(r.data().get("region").asText()).isEqualTo("ap-southeast-2");
        assertThat(listener.of("DescribeRegions")).isEmpty();
        assertThat(listener.of("DescribeInstances")).extracting(AwsCall::region)
                .containsExactlyInAnyOrder("us-west-2", "ap-southeast-2");
    }

    @Test
    void findInstance_nowhere_isNotFoundNamingTheRegions() {
        assertThatThrownBy(() -> new FindInstanceAction(clients).execute(
                Params.of("instanceId", "i-0123456789abcdef0", "regions", "us-west-2,eu-west-1"), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(ActionFailure.Kind.NOT_FOUND);
                    assertThat(f.getMessage()).contains("i-0123456789abcdef0 was not found in any of 2 regions")
                            .contains("eu-west-1, us-west-2");
                });
    }
}
