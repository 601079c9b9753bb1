package dev.irshell.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a person at the keyboard types into the scripted terminal of a shell test: the lines at
 * once (type-ahead, as the shell must cope with), except that {@code exit} is typed only after the
 * screen has been still for a while, as a person reads the last answer before leaving; after it,
 * a keyboard nobody touches (never end-of-file), so the shell ends through its own command.
 *
 * <p>Typed all at once, {@code exit} reached the shell while the previous command's output was
 * still being drawn on a loaded machine, and the test read a screen cut short.
 */
public final class ScriptedKeyboard extends InputStream {
    private static final long QUIET_MILLIS = 400;
    private static final long MAX_WAIT_MILLIS = 60_000;

    private final byte[] before;
    private final byte[] exit = "exit\n".getBytes(StandardCharsets.UTF_8);
    private final ByteArrayOutputStream screen;
    private int pos;
    private int exitPos = -1;

    /** @param lines the commands and answers, without the final {@code exit} */
    public ScriptedKeyboard(List<String> lines, ByteArrayOutputStream screen) {
        this.before = lines.isEmpty() ? new byte[0] : (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        this.screen = screen;
    }

    @Override
    public int read() {
        if (pos < before.length) {
            return before[pos++] & 0xff;
        }
        if (exitPos < 0) {
            waitForStillScreen();
            exitPos = 0;
        }
        if (exitPos < exit.length) {
            return exit[exitPos++] & 0xff;
        }
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        // one byte at a time: the pause before exit must fall between reads
        b[off] = (byte) read();
        return 1;
    }

    private void waitForStillScreen() {
        long deadline = System.currentTimeMillis() + MAX_WAIT_MILLIS;
        int size = screen.size();
        long stillSince = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            int now = screen.size();
            if (now != size) {
                size = now;
                stillSince = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - stillSince >= QUIET_MILLIS) {
                return;
            }
        }
    }
}
