package dev.irshell.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.action.Action;
import dev.irshell.action.ActionCatalogue;
import dev.irshell.action.ActionContext;
import dev.irshell.action.ActionFailure;
import dev.irshell.action.ActionResult;
import dev.irshell.action.Finding;
import dev.irshell.action.Params;
import dev.irshell.action.Plan;
import dev.irshell.transcript.Redactor;
import dev.irshell.transcript.TranscriptWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay catalogue's answers: forEach items, recorded failures, plans, and refusing to reach AWS. */
class ReplayCatalogueTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    ActionCatalogue catalogue;
    ReplayCatalogue.Answers answers;

    ObjectNode json(String text) throws Exception {
        return (ObjectNode) JSON.readTree(text.replace('\'', '"'));
    }

    @BeforeEach
    void record() throws Exception {
        Path file = dir.resolve("transcript.jsonl");
        try (TranscriptWriter w = TranscriptWriter.create(file, new Redactor(), Clock.systemUTC())) {
            w.append("header", json("{'sessionId':'s1','region':'eu-west-1','runbook':{'id':'rb'},"
                    + "'caller':{'account':'111122223333','arn':'arn:aws:iam::111122223333:user/responder','accessKeyId':'AKIAQRESPONDER3EXMPL'}}"));
            w.append("step.start", json("{'step':'terminate','name':'Terminate','kind':'action'}"));
            w.append("step.end", json("{'step':'terminate','state':'done','summary':'2 of 2 done','action':'ec2.stopInstance',"
                    + "'findings':[{'severity':'info','message':'i-0aaaaaaaaaaaaaaa1 stopped'},"
                    + "{'severity':'warn','message':'instance-store data is gone'},"
                    + "{'severity':'info','message':'i-0bbbbbbbbbbbbbbb2 stopped'}],"
                    + "'tables':[{'title':'Volumes of i-0aaaaaaaaaaaaaaa1','columns':['Volume'],'rows':[['vol-1']],'highlighted':[]},"
                    + "{'title':'Volumes of i-0bbbbbbbbbbbbbbb2','columns':['Volume'],'rows':[['vol-2']],'highlighted':[]}],"
                    + "'data':{'count':2,'results':["
                    + "{'item':'i-0aaaaaaaaaaaaaaa1','params':{'instanceId':'i-0aaaaaaaaaaaaaaa1','region':'sa-east-1'},'data':{'n':1}},"
                    + "{'item':'i-0bbbbbbbbbbbbbbb2','params':{'instanceId':'i-0bbbbbbbbbbbbbbb2','region':'sa-east-1'},'data':{'n':2}}]}}"));
            w.append("step.start", json("{'step':'owner','name':'Owner','kind':'action'}"));
            w.append("step.end", json("{'step':'owner','state':'failed','reason':'iam:GetAccessKeyLastUsed failed',"
                    + "'error':{'kind':'access_denied','message':'not allowed','service':'iam','operation':'GetAccessKeyLastUsed',"
                    + "'region':'aws-global','errorCode':'AccessDenied','requestId':'r-1','httpStatus':403,"
                    + "'missingPermission':'iam:GetAccessKeyLastUsed'},'onFailure':'abort'}"));
            w.seal();
        }
        Recording rec = Recording.load(file);
        catalogue = ReplayCatalogue.of(rec);
        answers = new ReplayCatalogue.Answers(rec);
    }

    static Params params(String... kv) {
        return Params.of(kv);
    }

    @Test
    void forEachItems_getTheirOwnDataTablesAndFindings() {
        ActionResult a = answers.answer("terminate", "ec2.stopInstance", params("instanceId", "i-0aaaaaaaaaaaaaaa1", "region", "sa-east-1"));
        ActionResult b = answers.answer("terminate", "ec2.stopInstance", params("instanceId", "i-0bbbbbbbbbbbbbbb2", "region", "sa-east-1"));
        assertThat(a.data().get("n").asInt()).isEqualTo(1);
        assertThat(b.data().get("n").asInt()).isEqualTo(2);
        assertThat(a.tables()).extracting(t -> t.title()).containsExactly("Volumes of i-0aaaaaaaaaaaaaaa1");
        assertThat(b.tables()).extracting(t -> t.title()).containsExactly("Volumes of i-0bbbbbbbbbbbbbbb2");
        // a finding that names no item stays with the item before it
        assertThat(a.findings()).extracting(Finding::message).containsExactly("i-0aaaaaaaaaaaaaaa1 stopped",
                "instance-store data is gone");
        assertThat(b.findings()).extracting(Finding::message).containsExactly("i-0bbbbbbbbbbbbbbb2 stopped");
        assertThat(a.secrets()).isEmpty();
    }

    @Test
    void anItemTheRecordingNeverDid_failsNamingTheItemsItDid() {
        assertThatThrownBy(() -> answers.answer("terminate", "ec2.stopInstance",
                params("instanceId", "i-0ccccccccccccccc3", "region", "sa-east-1")))
                .isInstanceOfSatisfying(ActionFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(ActionFailure.Kind.NOT_RECORDED);
                    assertThat(f.getMessage()).contains("the recording has no answer for ec2.stopInstance",
                            "at step terminate: the original run did it only for {\"instanceId\":\"i-0aaaaaaaaaaaaaaa1\"");
                });
    }

    @Test
    void aRecordedFailure_failsAgainInTheSameWords() {
        assertThatThrownBy(() -> answers.answer("owner", "iam.accessKeyOwner", params("accessKeyId", "AKIAQDEVJENKINS4LEAK")))
                .isInstanceOfSatisfying(ActionFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(ActionFailure.Kind.ACCESS_DENIED);
                    assertThat(f.describe()).isEqualTo("iam:GetAccessKeyLastUsed in aws-global failed with AccessDenied: "
                            + "not allowed (missing IAM permission: iam:GetAccessKeyLastUsed) [request id r-1]");
                    assertThat(f.httpStatus()).isEqualTo(403);
                });
    }

    @Test
    void actions_keepTheirRealSpecsAndPlans_andReachNoAws() {
        Action stop = catalogue.find("ec2.stopInstance").orElseThrow();
        assertThat(stop.spec().effect()).isEqualTo(dev.irshell.action.Effect.CHANGE);
        ActionContext ctx = new ActionContext("eu-west-1", "111122223333", "s2", Clock.systemUTC(),
                ActionContext.Progress.NONE, List::of);
        Plan plan = stop.plan(params("instanceId", "i-0aaaaaaaaaaaaaaa1", "region", "sa-east-1"), ctx);
        assertThat(plan.calls()).singleElement().satisfies(c -> assertThat(c.operation()).isEqualTo("StopInstances"));
        // every catalogue action is there, wrapped
        assertThat(catalogue.all()).extracting(a -> a.spec().name()).contains("iam.deactivateAccessKey", "session.supportCase");
        assertThatThrownBy(() -> new NoAwsClients("eu-west-1", null).iam())
                .isInstanceOf(ActionFailure.class).hasMessageContaining("a replay makes no AWS calls");
    }

    @Test
    void theCurrentStep_isTheLastStepStartInTheSessionsRecord() {
        List<JsonNode> history = List.of(
                JSON.createObjectNode().put("type", "step.start").set("data", JSON.createObjectNode().put("step", "a")),
                JSON.createObjectNode().put("type", "aws.call").set("data", JSON.createObjectNode().put("step", "x")),
                JSON.createObjectNode().put("type", "step.start").set("data", JSON.createObjectNode().put("step", "b")));
        ActionContext ctx = new ActionContext("eu-west-1", "1", "s", Clock.systemUTC(), ActionContext.Progress.NONE,
                () -> history);
        assertThat(ReplayCatalogue.currentStep(ctx)).isEqualTo("b");
    }
}
