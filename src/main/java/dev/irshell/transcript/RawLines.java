package dev.irshell.transcript;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A transcript file's bytes split on '\n': the complete lines (without their newline) and, when the
 * file does not end with a newline, the incomplete last line a torn write left behind.
 *
 * @param torn the bytes after the last newline, or null when the file ends with one (or is empty)
 */
record RawLines(List<byte[]> complete, byte[] torn) {

    static RawLines split(byte[] bytes) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lines.add(Arrays.copyOfRange(bytes, start, i));
                start = i + 1;
            }
        }
        byte[] torn = start < bytes.length ? Arrays.copyOfRange(bytes, start, bytes.length) : null;
        return new RawLines(List.copyOf(lines), torn);
    }

    boolean isEmpty() {
        return complete.isEmpty() && torn == null;
    }
}
