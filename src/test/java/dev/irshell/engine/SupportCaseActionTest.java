package dev.irshell.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.irshell.action.ActionContext;
import dev.irshell.action.ActionResult;
import dev.irshell.action.Params;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class SupportCaseActionTest {
    static final ObjectMapper M = new ObjectMapper();

    static JsonNode e(String type, String ts, String data) throws Exception {
        return M.createObjectNode().put("type", type).put("ts", ts).set("data", M.readTree(data));
    }

    @Test
    void lists_everyCompletedChange_withTimeAndRequestIds_andNoReads() throws Exception {
        List<JsonNode> history = List.of(
                e("step.start", "2026-11-21T10:00:00.000Z", "{\"step\":\"owner\",\"name\":\"Find the owner\"}"),
                e("aws.call", "2026-11-21T10:00:00.100Z", "{\"step\":\"owner\",\"service\":\"iam\",\"operation\":\"GetAccessKeyLastUsed\",\"region\":\"aws-global\",\"outcome\":\"ok\",\"requestId\":\"r-read\"}"),
                e("step.end", "2026-11-21T10:00:00.200Z", "{\"step\":\"owner\",\"state\":\"done\",\"summary\":\"belongs to dev\"}"),
                e("step.start", "2026-11-21T10:01:00.000Z", "{\"step\":\"deactivate\",\"name\":\"Deactivate the exposed key\"}"),
                e("aws.call", "2026-11-21T10:01:00.100Z", "{\"step\":\"deactivate\",\"service\":\"iam\",\"operation\":\"ListAccessKeys\",\"region\":\"aws-global\",\"outcome\":\"ok\",\"requestId\":\"r-list\"}"),
                e("aws.call", "2026-11-21T10:01:00.200Z", "{\"step\":\"deactivate\",\"service\":\"iam\",\"operation\":\"UpdateAccessKey\",\"region\":\"aws-global\",\"outcome\":\"ok\",\"requestId\":\"r-update\"}"),
                e("step.end", "2026-11-21T10:01:00.300Z", "{\"step\":\"deactivate\",\"state\":\"done\",\"summary\":\"AKIA… Active -> Inactive\"}"),
                e("step.start", "2026-11-21T10:02:00.000Z", "{\"step\":\"delete\",\"name\":\"Delete the key\"}"),
                e("aws.call", "2026-11-21T10:02:00.100Z", "{\"step\":\"delete\",\"service\":\"iam\",\"operation\":\"DeleteAccessKey\",\"region\":\"aws-global\",\"outcome\":\"error\",\"requestId\":\"r-failed\"}"),
                e("step.end", "2026-11-21T10:02:00.200Z", "{\"step\":\"delete\",\"state\":\"failed\"}"));
        ActionContext ctx = new ActionContext("us-east-1", "111122223333", "s-1", Clock.systemUTC(), ActionContext.Progress.NONE,
                () -> history);
        ActionResult r = new SupportCaseAction().execute(Params.of(), ctx);
        String text = r.data().get("pasteText").asText();
        assertThat(text).contains("Account 111122223333", "irshell session s-1",
                "1. 2026-11-21T10:01:00.300Z — Deactivate the exposed key: AKIA… Active -> Inactive",
                "iam:UpdateAccessKey in aws-global (request id r-update)");
        assertThat(text).doesNotContain("r-read", "r-list", "r-failed", "Delete the key");
        assertThat(r.summary()).isEqualTo("1 change(s) to report to AWS Support");
    }

    @Test
    void noChanges_saysSoAndWarns() {
        ActionContext ctx = new ActionContext("us-east-1", "111122223333", "s-1", Clock.systemUTC(), ActionContext.Progress.NONE,
                List::of);
        ActionResult r = new SupportCaseAction().execute(Params.of(), ctx);
        assertThat(r.data().get("pasteText").asText()).contains("No changes have been made yet.");
        assertThat(r.findings()).hasSize(1);
    }
}
