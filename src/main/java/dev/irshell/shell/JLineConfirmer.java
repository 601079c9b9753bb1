package dev.irshell.shell;

import dev.irshell.engine.Approval;
import dev.irshell.engine.ConfirmRequest;
import dev.irshell.engine.Confirmer;
import dev.irshell.engine.ManualAnswer;
import dev.irshell.runbook.Step;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;

/**
 * Asks the operator on the terminal. Ctrl-C or end of input at a prompt is "no answer": nothing
 * runs, and the step waits.
 */
public final class JLineConfirmer implements Confirmer {
    private final LineReader reader;
    private final Renderer render;

    public JLineConfirmer(LineReader reader, Renderer render) {
        this.reader = reader;
        this.render = render;
    }

    private PrintWriter out() {
        return reader.getTerminal().writer();
    }

    private Optional<String> ask(String prompt) {
        try {
            return Optional.ofNullable(reader.readLine(prompt));
        } catch (UserInterruptException | EndOfFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public Approval confirm(ConfirmRequest request) {
        String shown = render.confirmation(request.kind() == ConfirmRequest.Kind.DESTROY, request.text());
        int last = shown.lastIndexOf('\n');
        out().print(shown.substring(0, last + 1));
        out().flush();
        return ask(shown.substring(last + 1)).map(Approval::typed).orElse(Approval.NONE);
    }

    @Override
    public ManualAnswer manual(String stepId, Step step) {
        out().println(render.ansi().bold("Manual step: ") + step.name());
        while (true) {
            Optional<String> a = ask("done / not done / done: NOTE > ");
            if (a.isEmpty()) {
                return ManualAnswer.NONE;
            }
            String s = a.get().trim();
            String lower = s.toLowerCase(Locale.ROOT);
            if (lower.equals("done") || lower.equals("d") || lower.equals("y") || lower.equals("yes")) {
                return ManualAnswer.done(null);
            }
            if (lower.startsWith("done:")) {
                return ManualAnswer.done(s.substring(5).trim());
            }
            if (lower.equals("not done") || lower.equals("n") || lower.equals("no")) {
                return ManualAnswer.notDone(null);
            }
            if (lower.startsWith("not done:")) {
                return ManualAnswer.notDone(s.substring(9).trim());
            }
            out().println("answer 'done', 'not done', or 'done: a note' (e.g. done: app redeployed at 14:05); Ctrl-C to leave it");
        }
    }

    @Override
    public Optional<String> decide(String stepId, Step step) {
        out().print(render.choices(step));
        out().flush();
        while (true) {
            Optional<String> a = ask("choice > ");
            if (a.isEmpty()) {
                return Optional.empty();
            }
            String s = a.get().trim();
            if (step.choices().stream().anyMatch(c -> c.id().equals(s))) {
                return Optional.of(s);
            }
            out().println("'" + s + "' is not a choice: type one of " + step.choices().stream().map(c -> c.id())
                    .reduce((x, y) -> x + ", " + y).orElse("") + " (Ctrl-C to leave it)");
        }
    }
}
