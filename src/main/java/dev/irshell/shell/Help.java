package dev.irshell.shell;

import dev.irshell.action.ActionFailure;
import dev.irshell.report.ReportFormat;
import java.util.List;

/** The command line's help and the messages about it, in one place. */
public final class Help {
    static final List<String> COMMANDS = List.of("run", "resume", "preflight", "validate", "transcript", "replay",
            "runbooks", "sandbox", "help", "version");

    private Help() {}

    public static String text() {
        return """
                irshell — guided incident response for AWS accounts

                Usage:
                  irshell [GLOBAL OPTIONS]                        the interactive shell
                  irshell run RUNBOOK [--input NAME=VALUE]... [--approve STEP,...] [--answers FILE]
                                                                  run a runbook without prompts
                  irshell preflight RUNBOOK                       whether the credentials can run it (and the runbooks
                                                                  it calls): each step's IAM actions, allowed or denied
                  irshell validate FILE...                        check runbook files
                  irshell resume FILE [--run [--approve STEP,...] [--answers FILE]]
                                                                  go on with a cut-off session (the shell, or --run)
                  irshell transcript verify FILE                  check a session's chain, artifacts and signature
                                                                  (and its annotations, when it has some)
                  irshell transcript export FILE --format F [--out FILE]
                                                                  a report from a transcript (FILE or its session folder):
                %s
                  irshell transcript annotate FILE [--step STEP] --text TEXT
                                                                  a reviewer's note, chained in
                                                                  <transcript>.annotations.jsonl; the transcript is
                                                                  never changed
                  irshell replay FILE [--speed N] [--step STEP] [--list] [--no-wait]
                                                                  play a saved session as the operator saw it;
                                                                  no AWS credentials, no AWS call
                  irshell run RUNBOOK --replay FILE [--approve STEP,... | --approve-all] [--answers FILE]
                                                                  run a runbook with AWS answers from a recording,
                                                                  then compare each step with what the recording did
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
                  --replay FILE        AWS answers come from a recorded session (FILE: transcript.jsonl or its
                                       folder), with its identity and region; for run and the shell
                  --no-color           no colours (also when NO_COLOR is set)
                  --debug              show the stack trace behind an error message

                Replay (FILE: a transcript.jsonl or its session folder):
                  --speed N            N times real time (default 1; 0.5 is half speed). Gaps longer than 3 s are
                                       first cut to 3 s, like asciinema's idle time limit, then divided by N
                  --step STEP          start at that step (--list shows them)
                  --list               the steps: id, name, state, when each started
                  --no-wait            print every screen at once
                  keys, when standard input is a terminal: space pause/resume, n or → next step, p or ← previous
                  step, g STEP jump, l list, a TEXT annotate the current step, q quit
                  A transcript (or annotations) that does not verify is said so and replayed all the same, then
                  the replay exits 3.

                Exit codes: 0 done; 1 an AWS or runtime failure stopped the run; 2 bad usage or invalid runbook;
                            3 transcript integrity failure; 4 stopped waiting for the operator.
                            preflight: 0 every permission is allowed; 1 one is missing or could not be confirmed;
                            2 no such runbook.
                """.formatted(exportFormats());
    }

    /** One line per export format, from {@link ReportFormat}, so a new format shows up here by itself. */
    private static String exportFormats() {
        StringBuilder b = new StringBuilder();
        for (ReportFormat f : ReportFormat.values()) {
            String name = "--format " + f.cliName();
            b.append(b.isEmpty() ? "" : "\n").append("                    ").append(name)
                    .append(" ".repeat(Math.max(1, 20 - name.length()))).append(f.description());
        }
        b.append("\n                    --format cast       the replay as an asciicast v2 recording (asciinema play)");
        return b.toString();
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
