package dev.irshell.action.aws;

import java.util.Set;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Paces every HTTP attempt (retries included) of the given operations through a
 * {@link RegionRateLimiter} keyed by the client's region, e.g. CloudTrail LookupEvents at 2/s.
 */
public final class RateLimitInterceptor implements ExecutionInterceptor {
    private final RegionRateLimiter limiter;
    private final String region;
    private final Set<String> operations;

    public RateLimitInterceptor(RegionRateLimiter limiter, String region, Set<String> operations) {
        this.limiter = limiter;
        this.region = region;
        this.operations = Set.copyOf(operations);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attrs) {
        if (operations.contains(attrs.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
            limiter.acquire(region);
        }
    }
}
