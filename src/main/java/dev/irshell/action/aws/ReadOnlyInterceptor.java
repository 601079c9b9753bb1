package dev.irshell.action.aws;

import dev.irshell.action.ActionFailure;
import dev.irshell.action.ReadOperations;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * In a read-only session, refuses before anything is signed or sent every operation that could
 * change the account: only what {@link ReadOperations#isRead} calls a read passes. The refusal is an {@link ActionFailure} of kind READ_ONLY.
 */
public final class ReadOnlyInterceptor implements ExecutionInterceptor {
    private final String service;
    private final String region;

    public ReadOnlyInterceptor(String service, String region) {
        this.service = service;
        this.region = region;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attrs) {
        String operation = attrs.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (!ReadOperations.isRead(operation)) {
            throw ActionFailure.readOnly(service, operation, region);
        }
    }
}
