package dev.irshell;

import dev.irshell.sandbox.Scenario;
import dev.irshell.shell.Ansi;
import dev.irshell.shell.ArgParser;
import dev.irshell.shell.ExitCode;
import dev.irshell.shell.Help;
import dev.irshell.shell.LaunchOptions;
import dev.irshell.shell.OneShot;
import dev.irshell.shell.Renderer;
import dev.irshell.shell.UsageException;
import dev.irshell.shell.Version;
import dev.irshell.shell.Workspace;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Entry point. One-shot commands run here without starting Spring (fast, and with exit codes
 * we control); no command starts the interactive Spring Shell. Faults are caught in one place:
 * a usage error exits 2 with its message, anything unexpected exits 1 with a one-line message;
 * --debug adds the stack trace to either.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int code = run(args, System.getenv(), System.out, System.err);
        if (code >= 0) {
            System.exit(code);
        }
    }

    /** Runs one invocation; returns the exit code, or -1 when the interactive shell took over. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        boolean debug = List.of(args).contains("--debug");
        try {
            LaunchOptions o = ArgParser.parse(args, env, Scenario.builtinNames());
            List<String> cmd = o.command();
            if (!cmd.isEmpty() && (cmd.get(0).equals("--help") || cmd.get(0).equals("-h"))) {
                out.print(Help.text());
                return ExitCode.OK.code();
            }
            if (!cmd.isEmpty() && cmd.get(0).equals("--version")) {
                out.println("irshell " + Version.get());
                return ExitCode.OK.code();
            }
            boolean resumeInShell = cmd.size() == 2 && cmd.get(0).equals("resume") && !cmd.get(1).startsWith("-");
            if (o.interactive() || resumeInShell) {
                java.nio.file.Path resume = resumeInShell ? dev.irshell.shell.SessionCommands.transcriptArg(cmd.get(1)) : null;
                if (o.expectAccount() == null) {
                    // made on another thread while the shell starts; a bad scenario file still ends here with exit 2
                    // a resumed session needs its workspace before the prompt: it is resumed first
                    String builtin = resume == null ? Workspace.builtinScenario(o).orElse(null) : null;
                    try {
                        IrshellApplication.launch(o, new IrshellApplication.WorkspaceMaker(() -> {
                            Workspace w = Workspace.create(o, Clock.systemUTC(), env);
                            w.resumeOnStart(resume);
                            return w;
                        }, builtin));
                    } catch (RuntimeException e) {
                        for (Throwable c = e; c != null; c = c.getCause()) {
                            if (c instanceof UsageException u) {
                                throw u;
                            }
                        }
                        throw e;
                    }
                    return -1;
                }
                Workspace ws = Workspace.create(o, Clock.systemUTC(), env);
                ws.resumeOnStart(resume);
                ws.relay().watchRetries(n -> err.println("irshell: " + n.describe()));
                if (o.expectAccount() != null) {
                    try {
                        ws.identity();
                    } catch (dev.irshell.action.ActionFailure f) {
                        err.println("irshell: " + f.describe());
                        if (debug) {
                            f.printStackTrace(err);
                        }
                        ws.close();
                        return ExitCode.FAILURE.code();
                    }
                }
                IrshellApplication.launch(o, ws);
                return -1;
            }
            Renderer render = new Renderer(new Ansi(o.color() && System.console() != null));
            Workspace[] ws = new Workspace[1];
            try {
                return new OneShot(() -> {
                    if (ws[0] == null) {
                        ws[0] = Workspace.create(o, Clock.systemUTC(), env);
                        ws[0].relay().watchRetries(n -> err.println("irshell: " + n.describe()));
                    }
                    return ws[0];
                }, render, out, err, o.json()).execute(cmd).code();
            } finally {
                if (ws[0] != null) {
                    ws[0].close();
                }
            }
        } catch (UsageException | dev.irshell.shell.WrongAccountException e) {
            err.println("irshell: " + e.getMessage());
            if (debug) {
                e.printStackTrace(err);
            }
            return ExitCode.USAGE.code();
        } catch (RuntimeException | Error e) {
            err.println("irshell: internal error: " + e + (debug ? "" : " (run again with --debug for the stack trace)"));
            if (debug) {
                e.printStackTrace(err);
            }
            return ExitCode.FAILURE.code();
        }
    }
}
