package dev.irshell.action.aws;

import dev.irshell.action.ActionFailure;
import dev.irshell.action.ParamKind;
import dev.irshell.action.Params;
import java.util.regex.Pattern;

/** Forms of the containment actions' parameters that {@link ParamKind} has no kind for. */
final class ContainmentParams {
    private ContainmentParams() {}

    /** IAM role names: 1-64 of letters, digits and {@code +=,.@_-}. */
    static final Pattern ROLE = Pattern.compile("^[\\w+=,.@-]{1,64}$");
    /** A customer or AWS managed policy ARN (any partition). */
    static final Pattern POLICY_ARN = Pattern.compile("^arn:aws[a-z-]*:iam::(\\d{12}|aws):policy/.+$");
    static final Pattern AWS_MANAGED = Pattern.compile("^arn:aws[a-z-]*:iam::aws:policy/.+$");
    /** A function name or its unqualified ARN (a qualifier would delete one version only). */
    static final Pattern FUNCTION = Pattern.compile(
            "^(arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\\d{12}:function:)?[a-zA-Z0-9_-]{1,64}$");

    static final String ROLE_EXPECTED = "an IAM role name (1-64 of letters, digits and +=,.@_-)";
    static final String POLICY_EXPECTED = "a managed policy ARN such as arn:aws:iam::111122223333:policy/Name";
    static final String FUNCTION_EXPECTED = "a Lambda function name or unqualified function ARN";

    static String roleName(Params p, String name) {
        return matching(p.string(name).trim(), name, ROLE, ROLE_EXPECTED);
    }

    static String policyArn(Params p, String name) {
        return matching(p.string(name).trim(), name, POLICY_ARN, POLICY_EXPECTED);
    }

    static String functionName(Params p, String name) {
        return matching(p.string(name).trim(), name, FUNCTION, FUNCTION_EXPECTED);
    }

    static String region(Params p, String name) {
        return ParamChecks.optRegion(p, name)
                .orElseThrow(() -> ActionFailure.invalidParam(name, ParamKind.REGION.expected(), "nothing"));
    }

    private static String matching(String value, String name, Pattern pattern, String expected) {
        if (!pattern.matcher(value).matches()) {
            throw ActionFailure.invalidParam(name, expected, value);
        }
        return value;
    }
}
