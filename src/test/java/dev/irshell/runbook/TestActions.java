package dev.irshell.runbook;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** A small action catalogue for runbook tests, shaped like the real one. */
final class TestActions {
    static final Map<String, ActionSignature> SIGNATURES = Map.of(
            "ec2.findInstance",
            new ActionSignature("ec2.findInstance", Set.of("instanceId"), Set.of("regions")),
            "cloudtrail.lookupEvents",
            new ActionSignature("cloudtrail.lookupEvents", Set.of("attribute", "value"), Set.of("region", "start", "end")),
            "iam.deactivateAccessKey",
            new ActionSignature("iam.deactivateAccessKey", Set.of("accessKeyId"), Set.of("userName")));

    static final Function<String, Optional<ActionSignature>> LOOKUP = name -> Optional.ofNullable(SIGNATURES.get(name));

    private TestActions() {}

    static RunbookLoader loader() {
        return new RunbookLoader(LOOKUP, List.copyOf(SIGNATURES.keySet()));
    }
}
