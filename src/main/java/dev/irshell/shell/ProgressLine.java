package dev.irshell.shell;

import dev.irshell.action.ActionContext;
import org.jline.terminal.Terminal;

/** Shows long work (region sweeps) on one self-overwriting line of the terminal. */
final class ProgressLine implements ActionContext.Progress {
    private final Terminal terminal;

    ProgressLine(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public synchronized void update(String what, int done, int total) {
        var w = terminal.writer();
        w.print("\r\u001b[2K" + what + " " + done + "/" + total);
        if (done >= total) {
            w.print("\r\u001b[2K");
        }
        w.flush();
    }
}
