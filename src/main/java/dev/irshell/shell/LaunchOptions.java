package dev.irshell.shell;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * The global options and the command words of one irshell invocation.
 *
 * @param profile      AWS profile (--profile, else AWS_PROFILE, else the default chain)
 * @param region       default region (--region, else the profile's or AWS_REGION, else us-east-1)
 * @param endpoint     --endpoint-url: send every AWS call there (an emulator), or null
 * @param runbooksDir  --runbooks: extra runbooks beside the built-in ones, or null
 * @param sandbox      null for a live account; else the sandbox scenario (a built-in name or a
 *                     YAML file; empty for the default scenario)
 * @param expectAccount --expect-account: the only account id irshell may act on, or null
 * @param json         --output json: one-shot commands print one JSON document for scripts
 * @param command      the command and its own arguments; empty for the interactive shell
 * @param replay       --replay: a recorded session (transcript or its folder) whose answers stand in
 *                     for AWS, or null
 */
public record LaunchOptions(String profile, String region, boolean dryRun, boolean readOnly, Path evidenceDir,
                            Path runbooksDir, URI endpoint, boolean debug, boolean color, String sandbox,
                            String expectAccount, boolean json, List<String> command, Path replay) {

    /** Options without --replay. */
    public LaunchOptions(String profile, String region, boolean dryRun, boolean readOnly, Path evidenceDir,
                         Path runbooksDir, URI endpoint, boolean debug, boolean color, String sandbox,
                         String expectAccount, boolean json, List<String> command) {
        this(profile, region, dryRun, readOnly, evidenceDir, runbooksDir, endpoint, debug, color, sandbox, expectAccount,
                json, command, null);
    }

    /** Whether AWS answers come from a recording (--replay) instead of an account. */
    public boolean replaying() {
        return replay != null;
    }

    public boolean inSandbox() {
        return sandbox != null;
    }

    public boolean interactive() {
        return command.isEmpty();
    }
}
