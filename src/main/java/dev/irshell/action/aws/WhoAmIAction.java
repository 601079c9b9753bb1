package dev.irshell.action.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.action.ActionContext;
import dev.irshell.action.ActionResult;
import dev.irshell.action.ActionSpec;
import dev.irshell.action.Effect;
import dev.irshell.action.Finding;
import dev.irshell.action.Params;
import dev.irshell.action.Plan;
import dev.irshell.action.PlannedCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** {@code sts.whoami}: the account and identity the session's credentials belong to. */
public final class WhoAmIAction extends AwsAction {
    public static final String NAME = "sts.whoami";

    public WhoAmIAction(AwsClientSource clients) {
        super(clients, new ActionSpec(NAME, "Show the account and identity of the credentials in use",
                Effect.READ, List.of(), List.of("sts:GetCallerIdentity"), null, null, false));
    }

    @Override
    public Plan plan(Params params, ActionContext ctx) {
        return new Plan("ask STS who the credentials belong to",
                List.of(new PlannedCall("sts", "GetCallerIdentity", clients.defaultRegion(), Json.object())), null);
    }

    @Override
    public ActionResult execute(Params params, ActionContext ctx) {
        String region = clients.defaultRegion();
        GetCallerIdentityResponse r = call("sts", "GetCallerIdentity", region, () -> clients.sts().getCallerIdentity());
        AwsClients.Identity id = AwsClients.Identity.of(r, clients.credentialsAccessKeyId());
        ObjectNode data = Json.obj("account", id.account(), "arn", id.arn(), "userId", id.userId(),
                "accessKeyId", id.accessKeyId(), "userName", id.userName());
        List<Finding> findings = new ArrayList<>();
        if (id.root()) {
            findings.add(Finding.critical("this session uses the root user's credentials of account " + id.account()
                    + ": use an IAM role or user for incident response, and secure the root user"));
        }
        if (id.accessKeyId() != null && id.accessKeyId().startsWith("ASIA")) {
            findings.add(Finding.info("temporary credentials (" + id.accessKeyId() + ") of " + id.arn()));
        }
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("Account", id.account());
        rows.put("ARN", id.arn());
        rows.put("User id", id.userId());
        rows.put("Access key", id.accessKeyId());
        rows.put("User name", id.userName());
        return new ActionResult(data, "account " + id.account() + " as " + id.arn(),
                List.of(Tables.keyValue("Caller identity", rows)), findings, List.of());
    }
}
