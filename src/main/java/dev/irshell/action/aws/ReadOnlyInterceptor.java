package dev.irshell.action.aws;

import dev.irshell.action.ActionFailure;
import java.util.Set;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * In a read-only session, refuses before anything is signed or sent every operation that could
 * change the account: only Get*, List*, Describe*, Lookup* and a few named read-only operations
 * pass. The refusal is an {@link ActionFailure} of kind READ_ONLY.
 */
public final class ReadOnlyInterceptor implements ExecutionInterceptor {
    /** Operations that do not start with a read prefix but change nothing the responder cares about. */
    static final Set<String> ALSO_ALLOWED = Set.of(
            "GenerateCredentialReport", "GenerateServiceLastAccessedDetails", "SimulatePrincipalPolicy",
            "GetCallerIdentity");

    private final String service;
    private final String region;

    public ReadOnlyInterceptor(String service, String region) {
        this.service = service;
        this.region = region;
    }

    public static boolean isReadOnly(String operation) {
        return operation != null
                && (operation.startsWith("Get") || operation.startsWith("List") || operation.startsWith("Describe")
                        || operation.startsWith("Lookup") || ALSO_ALLOWED.contains(operation));
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attrs) {
        String operation = attrs.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (!isReadOnly(operation)) {
            throw ActionFailure.readOnly(service, operation, region);
        }
    }
}
