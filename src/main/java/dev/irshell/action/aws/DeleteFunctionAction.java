package dev.irshell.action.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.action.ActionContext;
import dev.irshell.action.ActionFailure;
import dev.irshell.action.ActionResult;
import dev.irshell.action.ActionSpec;
import dev.irshell.action.Effect;
import dev.irshell.action.Finding;
import dev.irshell.action.ParamKind;
import dev.irshell.action.ParamSpec;
import dev.irshell.action.Params;
import dev.irshell.action.Plan;
import dev.irshell.action.PlannedCall;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.lambda.model.FunctionCodeLocation;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;

/**
 * {@code lambda.deleteFunction}: deletes a Lambda function (every version and alias) for good,
 * after capturing its configuration, code location and SHA-256, tags and resource-based policy
 * (GetFunction, GetPolicy; the code itself is never downloaded). Environment variable values are
 * captured as {@value SdkJson#REDACTED} (names kept): they often hold credentials, and result
 * data never holds secrets. The code location is kept without its pre-signed query string (a
 * ten-minute download credential).
 */
public final class DeleteFunctionAction extends AwsAction {
    public static final String NAME = "lambda.deleteFunction";
    static final String NOT_FOUND = "ResourceNotFoundException";

    public DeleteFunctionAction(AwsClientSource clients) {
        super(clients, new ActionSpec(NAME, "Delete a Lambda function for good, after capturing its configuration",
                Effect.DESTROY,
                List.of(ParamSpec.required("functionName", ParamKind.TEXT, "the function's name or ARN"),
                        ParamSpec.required("region", ParamKind.REGION, "the function's region")),
                List.of("lambda:GetFunction", "lambda:GetPolicy", "lambda:DeleteFunction"), null, "functionName", false));
    }

    @Override
    public Plan plan(Params params, ActionContext ctx) {
        String fn = ContainmentParams.functionName(params, "functionName");
        String region = ContainmentParams.region(params, "region");
        return new Plan("capture Lambda function " + fn + " in " + region + " (configuration, code location and"
                + " SHA-256, tags, resource policy; the code is not downloaded), then delete it with every version and"
                + " alias for good",
                List.of(new PlannedCall("lambda", "GetFunction", region, Json.obj("FunctionName", fn)),
                        new PlannedCall("lambda", "GetPolicy", region, Json.obj("FunctionName", fn)),
                        new PlannedCall("lambda", "DeleteFunction", region, Json.obj("FunctionName", fn))),
                fn);
    }

    @Override
    public ActionResult execute(Params params, ActionContext ctx) {
        String fn = ContainmentParams.functionName(params, "functionName");
        String region = ContainmentParams.region(params, "region");
        var lambda = clients.lambda(region);
        GetFunctionResponse got;
        try {
            got = call("lambda", "GetFunction", region, () -> lambda.getFunction(b -> b.functionName(fn)));
        } catch (ActionFailure f) {
            throw notFound(f, fn, region);
        }
        JsonNode policy = null;
        String policyRevision = null;
        try {
            var p = call("lambda", "GetPolicy", region, () -> lambda.getPolicy(b -> b.functionName(fn)));
            policy = PolicyDocs.decode(p.policy());
            policyRevision = p.revisionId();
        } catch (ActionFailure f) {
            if (!AwsCalls.hasCode(f, NOT_FOUND)) {
                throw Failures.withMessage(f, f.getMessage() + ". " + NAME + " stopped while capturing " + fn
                        + ": nothing was deleted. Fix the cause and run it again.");
            }
        }
        FunctionConfiguration conf = got.configuration();
        ObjectNode captured = Json.obj(
                "configuration", configuration(conf),
                "codeSha256", conf == null ? null : conf.codeSha256(),
                "code", code(got.code()),
                "tags", tags(got.tags()),
                "policy", policy,
                "policyRevisionId", policyRevision);
        try {
            call("lambda", "DeleteFunction", region, () -> lambda.deleteFunction(b -> b.functionName(fn)));
        } catch (ActionFailure f) {
            throw notFound(f, fn, region);
        }
        String arn = conf == null ? null : conf.functionArn();
        List<Finding> findings = new ArrayList<>();
        findings.add(Finding.info("Lambda function " + fn + " is deleted with all its versions and aliases; its"
                + " configuration, code SHA-256 and policy are in this result's data (captured)"));
        findings.add(Finding.warn("event source mappings and layers of " + fn + " are not deleted with it: list them"
                + " with `aws lambda list-event-source-mappings --region " + region + " --function-name " + fn + "`"));
        return new ActionResult(
                Json.obj("functionName", fn, "functionArn", arn, "region", region, "captured", captured, "deleted", true),
                "deleted Lambda function " + fn + " in " + region,
                List.of(), findings, List.of());
    }

    private static ActionFailure notFound(ActionFailure f, String fn, String region) {
        if (AwsCalls.hasCode(f, NOT_FOUND)) {
            return Failures.withMessage(f, f.getMessage() + ": there is no Lambda function " + fn + " in " + region
                    + "; check the name and the region (aws lambda list-functions --region " + region + ")");
        }
        return f;
    }

    /** The configuration as AWS gives it, environment variable values masked. */
    static ObjectNode configuration(FunctionConfiguration conf) {
        if (conf == null) {
            return null;
        }
        ObjectNode n = SdkJson.toJson(conf);
        JsonNode vars = n.path("Environment").path("Variables");
        if (vars.isObject()) {
            Iterator<String> names = vars.fieldNames();
            List<String> all = new ArrayList<>();
            names.forEachRemaining(all::add);
            all.forEach(k -> ((ObjectNode) vars).put(k, SdkJson.REDACTED));
        }
        return n;
    }

    static ObjectNode code(FunctionCodeLocation code) {
        if (code == null) {
            return null;
        }
        return Json.obj("repositoryType", code.repositoryType(), "location", withoutQuery(code.location()),
                "imageUri", code.imageUri(), "resolvedImageUri", code.resolvedImageUri());
    }

    static String withoutQuery(String url) {
        if (url == null) {
            return null;
        }
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    private static ObjectNode tags(Map<String, String> tags) {
        ObjectNode n = Json.object();
        if (tags != null) {
            new java.util.TreeMap<>(tags).forEach(n::put);
        }
        return n;
    }
}
