package dev.irshell.transcript;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a transcript's entries for replay and export. Checks that each line is a well-formed entry;
 * it does not check the hash chain (that is {@link TranscriptVerifier}'s job).
 */
public final class TranscriptReader {
    private TranscriptReader() {}

    /**
     * One line of a transcript that may be damaged: its 1-based number and either the entry it holds
     * or why it holds none.
     *
     * @param entry   null when the line is not a valid entry
     * @param problem null when it is; otherwise what is wrong, without the line number
     * @param text    the line as written (UTF-8, without its newline), so a damaged line can be shown
     */
    public record Line(int number, TranscriptEntry entry, String problem, String text) {}

    /**
     * Every line, readable or not, so that a damaged record can still be read (an export of a
     * tampered transcript shows what is left and marks what is not). Never throws for bad content;
     * an incomplete last line is a Line with a problem unless it happens to be a complete entry.
     */
    public static List<Line> readLines(Path file) throws IOException {
        RawLines raw = RawLines.split(Files.readAllBytes(file));
        List<Line> lines = new ArrayList<>(raw.complete().size() + 1);
        int number = 0;
        for (byte[] line : raw.complete()) {
            lines.add(decode(++number, line, ""));
        }
        if (raw.torn() != null) {
            lines.add(decode(++number, raw.torn(), "last line is incomplete (cut off mid-write): "));
        }
        return lines;
    }

    private static Line decode(int number, byte[] bytes, String prefix) {
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        try {
            return new Line(number, EntryCodec.decode(bytes), null, text);
        } catch (EntryCodec.BadLine e) {
            return new Line(number, null, prefix + e.getMessage(), text);
        }
    }

    /**
     * Reads every line; a line that is not a valid entry throws {@link TranscriptFormatException}
     * naming the line number and what is wrong. A last line without its newline is accepted when it
     * is a complete entry, and reported as cut off mid-write when it is not.
     */
    public static List<TranscriptEntry> read(Path file) throws IOException {
        RawLines raw = RawLines.split(Files.readAllBytes(file));
        List<TranscriptEntry> entries = new ArrayList<>(raw.complete().size() + 1);
        int lineNumber = 0;
        for (byte[] line : raw.complete()) {
            lineNumber++;
            try {
                entries.add(EntryCodec.decode(line));
            } catch (EntryCodec.BadLine e) {
                throw new TranscriptFormatException(lineNumber, e.getMessage());
            }
        }
        if (raw.torn() != null) {
            try {
                entries.add(EntryCodec.decode(raw.torn()));
            } catch (EntryCodec.BadLine e) {
                throw new TranscriptFormatException(lineNumber + 1,
                        "last line is incomplete (cut off mid-write): " + e.getMessage());
            }
        }
        return entries;
    }
}
