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
}
