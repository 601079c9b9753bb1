package dev.irshell.shell;

import dev.irshell.action.ActionContext;
import org.jline.terminal.Terminal;

/**
 * Shows long work (region sweeps) on one self-overwriting line of the terminal. A dumb terminal
 * (input piped, output to a file or a CI log) cannot overwrite a line: there the escape codes
 * would only litter the output, so nothing is drawn.
 */
final class ProgressLine implements ActionContext.Progress {
    private final Terminal terminal;
    private final boolean drawable;

    ProgressLine(Terminal terminal) {
        this.terminal = terminal;
        String type = terminal.getType();
        this.drawable = type != null && !type.startsWith(Terminal.TYPE_DUMB);
    }

    @Override
    public synchronized void update(String what, int done, int total) {
        if (!drawable) {
            return;
        }
        var w = terminal.writer();
        w.print("\r\u001b[2K" + what + " " + done + "/" + total);
        if (done >= total) {
            w.print("\r\u001b[2K");
        }
        w.flush();
    }
}
