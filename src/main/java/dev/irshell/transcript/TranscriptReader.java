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

    /**
     * One line of a transcript as a replay shows it: the entry, or (for a line that is not a valid
     * entry) what is wrong with it and its text, so that a damaged record is shown rather than refused.
     *
     * @param number  1-based line number
     * @param entry   the entry, or null when the line is not a valid one
     * @param problem why the line is not an entry, or null
     * @param text    the line as written (UTF-8, without its newline)
     */
    public record Line(int number, TranscriptEntry entry, String problem, String text) {}

    /**
     * Reads every line, never refusing one: an invalid line (or an incomplete last line) comes back
     * with its problem instead of an entry. Like {@link #read}, it does not check the hash chain.
     */
    public static List<Line> readLenient(Path file) throws IOException {
        RawLines raw = RawLines.split(Files.readAllBytes(file));
        List<Line> lines = new ArrayList<>(raw.complete().size() + 1);
        int n = 0;
        for (byte[] line : raw.complete()) {
            lines.add(lenient(++n, line, ""));
        }
        if (raw.torn() != null) {
            lines.add(lenient(++n, raw.torn(), "last line is incomplete (cut off mid-write): "));
        }
        return lines;
    }

    private static Line lenient(int number, byte[] line, String prefix) {
        String text = new String(line, java.nio.charset.StandardCharsets.UTF_8);
        try {
            TranscriptEntry e = EntryCodec.decode(line);
            return prefix.isEmpty() ? new Line(number, e, null, text) : new Line(number, e, prefix.strip(), text);
        } catch (EntryCodec.BadLine e) {
            return new Line(number, null, prefix + e.getMessage(), text);
        }
    }
}
