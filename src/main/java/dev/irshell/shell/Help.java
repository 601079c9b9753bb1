package dev.irshell.shell;

import dev.irshell.action.ActionFailure;
import java.util.List;

/** The command line's help and the messages about it, in one place. */
public final class Help {
    static final List<String> COMMANDS = List.of("run", "validate", "transcript", "runbooks", "sandbox", "help", "version");

    private Help() {}

    public static String text() {
        return """
                irshell — guided incident response for AWS accounts

                Usage:
                  irshell [GLOBAL OPTIONS]                        the interactive shell
                  irshell run RUNBOOK [--input NAME=VALUE]... [--approve STEP,...] [--answers FILE]
                                                                  run a runbook without prompts
                  irshell validate FILE...                        check runbook files
                  irshell transcript verify FILE                  check a session transcript's hash chain and seal
                  irshell runbooks                                list the runbooks
                  irshell sandbox scenarios | serve [OPTIONS]     the simulated account's scenarios, or the account alone
                  irshell version

                Global options (anywhere on the line):
                  --profile NAME       AWS profile (default: AWS_PROFILE, else the default credential chain)
                  --region REGION      default region (default: the profile's, AWS_REGION, else us-east-1)
                  --dry-run            show every change's calls and record "would execute"; change nothing
                  --read-only          refuse every AWS operation that is not a read, whatever a runbook says
                  --evidence-dir DIR   where session folders go (default ./evidence)
                  --runbooks DIR       load more runbooks from DIR
                  --endpoint-url URL   send every AWS call to URL (an AWS emulator)
                  --expect-account ID  refuse to act unless the credentials reach account ID
                  --sandbox [SCENARIO] a built-in simulated account instead of AWS (irshell sandbox scenarios)
                  --output text|json   one-shot commands print one JSON document for scripts (default text)
                  --no-color           no colours (also when NO_COLOR is set)
                  --debug              show the stack trace behind an error message

                Exit codes: 0 done; 1 an AWS or runtime failure stopped the run; 2 bad usage or invalid runbook;
                            3 transcript integrity failure; 4 stopped waiting for the operator.
                """;
    }

    static String unknownCommand(String verb) {
        String near = COMMANDS.stream().filter(c -> c.startsWith(verb.substring(0, Math.min(2, verb.length()))))
                .findFirst().map(c -> " Did you mean '" + c + "'?").orElse("");
        if (verb.startsWith("-")) {
            return "unknown option " + verb + "." + " See irshell help.";
        }
        return "unknown command '" + verb + "'." + near + " The commands are: " + String.join(", ", COMMANDS)
                + " (irshell help).";
    }

    private static final String WHAT_TO_DO = ". What to do: ";

    /** When the credentials do not reach an account: what to do, not a stack trace. */
    static String cannotReachAccount(ActionFailure f, Workspace ws) {
        String profile = ws.options().profile() != null ? ws.options().profile() : System.getenv("AWS_PROFILE");
        String m = f.getMessage();
        int advice = m == null ? -1 : m.indexOf(WHAT_TO_DO);
        if (advice > 0) {
            // the failure already says what to do: put it on its own line
            return "cannot identify the account: " + f.describe().replace(m, m.substring(0, advice) + ".")
                    + "\nWhat to do: " + m.substring(advice + WHAT_TO_DO.length());
        }
        StringBuilder b = new StringBuilder("cannot identify the account: ").append(f.describe());
        if (f.kind() == ActionFailure.Kind.CREDENTIALS || f.kind() == ActionFailure.Kind.UNREACHABLE) {
            b.append("\nWhat to do: ");
            if (profile != null) {
                b.append("for an SSO profile run `aws sso login --profile ").append(profile)
                        .append("`; otherwise check the keys of profile '").append(profile).append("' in ~/.aws/credentials.");
            } else {
                b.append("choose credentials with --profile NAME (or AWS_PROFILE), run `aws sso login` for SSO, or export ")
                        .append("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.");
            }
        }
        return b.toString();
    }
}
