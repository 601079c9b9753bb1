package dev.irshell.engine;

import java.nio.file.Path;

/**
 * How a session was started.
 *
 * @param profile      AWS profile name, or null for the default chain
 * @param region       the session's default region
 * @param dryRun       show plans and record "would execute" instead of changing anything
 * @param readOnly     refuse every operation that is not a read, whatever the runbook says
 * @param evidenceDir  where the session folder is created
 * @param environment  "live" or "sandbox:<scenario>", shown in the prompt and the header
 */
public record SessionOptions(String profile, String region, boolean dryRun, boolean readOnly, Path evidenceDir,
                             String environment) {
    public String modeLabel() {
        StringBuilder b = new StringBuilder(environment);
        if (dryRun) {
            b.append(", dry run");
        }
        if (readOnly) {
            b.append(", read-only");
        }
        return b.toString();
    }
}
