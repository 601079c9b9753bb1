package dev.irshell.replay;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.NonBlockingReader;

/**
 * The replay's keys on the real terminal, through JLine as the shell uses it: raw mode, so each
 * key arrives as it is pressed, and the terminal's settings put back on close.
 */
final class TerminalKeys implements Player.Keys, AutoCloseable {
    private final Terminal terminal;
    private final Attributes saved;
    private final NonBlockingReader reader;

    private TerminalKeys(Terminal terminal) {
        this.terminal = terminal;
        this.saved = terminal.enterRawMode();
        this.reader = terminal.reader();
    }

    static TerminalKeys open() {
        try {
            return new TerminalKeys(TerminalBuilder.builder().system(true).build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the terminal for the replay's keys: " + e.getMessage(), e);
        }
    }

    /** Where the replay writes while the terminal is raw (it turns \n into \r\n as a cooked one would). */
    PrintWriter writer() {
        return new PrintWriter(new java.io.Writer() {
            @Override
            public void write(char[] buf, int off, int len) {
                StringBuilder b = new StringBuilder(len + 16);
                for (int i = off; i < off + len; i++) {
                    if (buf[i] == '\n') {
                        b.append('\r');
                    }
                    b.append(buf[i]);
                }
                terminal.writer().write(b.toString());
            }

            @Override
            public void flush() {
                terminal.writer().flush();
            }

            @Override
            public void close() {
                flush();
            }
        }, true);
    }

    @Override
    public int read(long timeoutMillis) {
        try {
            int c = reader.read(Math.max(0, timeoutMillis));
            return c == NonBlockingReader.READ_EXPIRED ? TIMEOUT : c < 0 ? EOF : c;
        } catch (IOException e) {
            return EOF;
        }
    }

    @Override
    public void close() {
        terminal.setAttributes(saved);
        try {
            terminal.close();
        } catch (IOException e) {
            // the terminal's settings are back; nothing else to release
        }
    }
}
