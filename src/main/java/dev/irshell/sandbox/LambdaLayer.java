package dev.irshell.sandbox;

import java.time.Instant;
import java.util.List;

/** The latest version of a Lambda layer in one region. */
public record LambdaLayer(String name, String region, String arn, long version, String description,
                          Instant created, List<String> compatibleRuntimes, String origin) {

    public LambdaLayer {
        compatibleRuntimes = List.copyOf(compatibleRuntimes);
    }

    public String versionArn() {
        return arn + ":" + version;
    }
}
