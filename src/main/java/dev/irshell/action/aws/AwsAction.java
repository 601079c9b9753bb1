package dev.irshell.action.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irshell.action.Action;
import dev.irshell.action.ActionContext;
import dev.irshell.action.ActionSpec;
import dev.irshell.action.PlannedCall;
import java.util.function.Supplier;

/** What every AWS action shares: its spec, the clients, and error-mapped calls. */
abstract class AwsAction implements Action {
    protected final AwsClientSource clients;
    private final ActionSpec spec;

    AwsAction(AwsClientSource clients, ActionSpec spec) {
        this.clients = clients;
        this.spec = spec;
    }

    @Override
    public final ActionSpec spec() {
        return spec;
    }

    protected <T> T call(String service, String operation, String region, Supplier<T> body) {
        return clients.calls().call(service, operation, region, body);
    }

    protected <T> T iam(String operation, Supplier<T> body) {
        return call("iam", operation, AwsClientSource.IAM_REGION, body);
    }

    protected static PlannedCall iamCall(String operation, JsonNode params) {
        return new PlannedCall("iam", operation, AwsClientSource.IAM_REGION, params);
    }

    /** The session's region: the context's, else the clients' default. */
    protected String sessionRegion(ActionContext ctx) {
        return ctx != null && ctx.region() != null ? ctx.region() : clients.defaultRegion();
    }

    /** The session's account: the context's, else asked of STS once. */
    protected String sessionAccount(ActionContext ctx) {
        return ctx != null && ctx.accountId() != null ? ctx.accountId() : clients.identity().account();
    }

    protected static java.time.Instant now(ActionContext ctx) {
        return ctx != null && ctx.clock() != null ? ctx.clock().instant() : java.time.Instant.now();
    }
}
