package dev.irshell.sandbox;

import java.time.Instant;
import java.util.Map;

/** A Lambda function ({@code $LATEST}) in one region. */
public record LambdaFunction(
        String name,
        String region,
        String arn,
        String runtime,
        String role,
        String handler,
        int memorySize,
        int timeout,
        long codeSize,
        String codeSha256,
        String description,
        Instant lastModified,
        Map<String, String> environment,
        Map<String, String> tags,
        String origin) {

    public LambdaFunction {
        environment = Map.copyOf(environment);
        tags = Map.copyOf(tags);
    }

    static String arn(String region, String accountId, String name) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + name;
    }
}
