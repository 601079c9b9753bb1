package dev.irshell.transcript;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One line of a transcript as read back.
 *
 * @param data the payload; a fresh object per read, callers may keep or change it
 * @param prev lowercase hex SHA-256 of the previous line, 64 zeros for the first
 * @param line the exact line as written, without its newline (what the next line's prev hashes)
 */
public record TranscriptEntry(long seq, Instant ts, String type, ObjectNode data, String prev, String line) {}
