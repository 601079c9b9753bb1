package dev.irshell.shell;

import dev.irshell.action.ActionContext;
import dev.irshell.engine.CallerIdentity;
import dev.irshell.engine.Confirmer;
import dev.irshell.engine.ResumeException;
import dev.irshell.engine.Sessions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** `resume FILE`, shared by the one-shot command and the shell: find the transcript, resume it, say what happened. */
final class Resume {
    private Resume() {}

    /** The transcript a FILE argument names: the file itself, or transcript.jsonl in a session folder. */
    static Path transcript(String arg) {
        Path file = Path.of(arg);
        if (Files.isDirectory(file)) {
            file = file.resolve("transcript.jsonl");
        }
        if (!Files.isRegularFile(file)) {
            throw new UsageException("no transcript at " + arg + " (give a transcript.jsonl or its session folder)");
        }
        return file;
    }

    /**
     * Resumes the session in {@code file} with the workspace's credentials, which must reach its account.
     *
     * @throws ResumeException          when it is sealed, broken, or for another runbook or account
     * @throws dev.irshell.action.ActionFailure when the credentials do not work
     */
    static Sessions.Resumed open(Workspace ws, Path file, Confirmer confirmer, ActionContext.Progress progress)
            throws IOException {
        CallerIdentity caller = ws.identity();
        return ws.sessions().resume(file, caller, ws.sessionOptions(), confirmer, ws.relay(), progress);
    }

    /** What the operator is told on resuming. */
    static String describe(Sessions.Resumed r, Renderer render, Workspace ws) {
        StringBuilder b = new StringBuilder();
        var s = r.session();
        Duration gap = Duration.between(r.cutOffAt(), ws.clock().instant());
        b.append(render.ansi().bold("Resumed " + s.runbook().id())).append(" — ").append(s.runbook().title()).append('\n');
        b.append("session ").append(s.sessionId()).append(", cut off at ").append(r.cutOffAt()).append(" (")
                .append(human(gap)).append(" ago); the interruption is recorded in the same chain\n");
        if (r.tornBytes() > 0) {
            b.append(render.ansi().yellow("the last line was cut off mid-write (" + r.tornBytes()
                    + " bytes): removed, and its length and SHA-256 recorded")).append('\n');
        }
        if (r.interruptedStep() != null) {
            b.append(render.ansi().yellow("step " + r.interruptedStep() + " was running when the session was cut off"
                    + (r.interruptedCalls().isEmpty() ? "; it had made no AWS call yet"
                    : "; it had made these AWS calls:\n  " + String.join("\n  ", r.interruptedCalls())
                            + "\ncheck whether its change went through before you run it again"))).append('\n');
        }
        long done = s.status().stream().filter(v -> v.state().settled()).count();
        b.append(done).append(" of ").append(s.stepIds().size()).append(" steps already settled; mode ")
                .append(s.options().modeLabel()).append('\n');
        if (ws.sandbox().isPresent()) {
            b.append(render.ansi().yellow("sandbox: the simulated account restarted from its scenario, so changes made "
                    + "before the interruption are not in it")).append('\n');
        }
        b.append("transcript ").append(s.transcriptFile()).append('\n');
        return b.toString();
    }

    private static String human(Duration d) {
        long s = Math.max(0, d.getSeconds());
        return s < 120 ? s + " s" : s < 7200 ? s / 60 + " min" : s / 3600 + " h " + (s % 3600) / 60 + " min";
    }
}
