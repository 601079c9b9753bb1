package dev.irshell.transcript;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Set;

/**
 * Appends entries to a new transcript file, each line chained to the one before by its SHA-256 and
 * forced to disk before {@link #append} returns, so a crash loses at most the line being written.
 *
 * <p>Timestamps come from the given clock, truncated to milliseconds; should the clock step
 * backwards, the previous timestamp is reused so the file stays in time order.
 *
 * <p>After an I/O failure the file may end in a partial line; the writer then refuses further
 * appends rather than write after it.
 */
public final class TranscriptWriter implements AutoCloseable {
    static final String SEAL = "seal";

    private final Path file;
    private final Redactor redactor;
    private final Clock clock;
    private final FileChannel channel;

    private long count;
    private String lastHash = Hashes.GENESIS;
    private Instant lastTs = Instant.MIN;
    private boolean sealed;
    private boolean closed;
    private IOException failure;
    private byte[] tornTail;

    private TranscriptWriter(Path file, Redactor redactor, Clock clock, FileChannel channel) {
        this.file = file;
        this.redactor = redactor;
        this.clock = clock;
        this.channel = channel;
    }

    /**
     * Creates the file (and missing parent dirs). Dirs get rwx------ and the file rw------- where
     * POSIX permissions exist. Fails if the file already exists.
     */
    public static TranscriptWriter create(Path file, Redactor redactor, Clock clock) throws IOException {
        Objects.requireNonNull(redactor, "redactor");
        Objects.requireNonNull(clock, "clock");
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            if (posix) {
                Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(parent);
            }
        }
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        FileChannel channel = FileChannel.open(file,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
                attributes);
        return new TranscriptWriter(file, redactor, clock, channel);
    }

    /**
     * Reopens a transcript that was cut off (never sealed) to go on appending to the same chain.
     * An incomplete last line left by a write the crash interrupted is cut away first (nothing after
     * the last complete line can be part of the chain); its bytes stay available from
     * {@link #tornTail()} so the caller can record its length and digest.
     *
     * @throws IOException when the file cannot be read or written, or its last complete line is
     *                     not an entry; IllegalStateException when it is sealed
     */
    public static TranscriptWriter reopen(Path file, Redactor redactor, Clock clock) throws IOException {
        RawLines raw = RawLines.split(Files.readAllBytes(file));
        if (raw.complete().isEmpty()) {
            throw new IOException(file + " has no complete entry to go on from");
        }
        byte[] last = raw.complete().get(raw.complete().size() - 1);
        TranscriptEntry lastEntry;
        try {
            lastEntry = EntryCodec.decode(last);
        } catch (EntryCodec.BadLine e) {
            throw new IOException(file + ": line " + raw.complete().size() + " is not an entry: " + e.getMessage());
        }
        if (SEAL.equals(lastEntry.type())) {
            throw new IllegalStateException("transcript " + file + " is sealed; nothing more can be written");
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
        long keep = 0;
        for (byte[] line : raw.complete()) {
            keep += line.length + 1;
        }
        if (raw.torn() != null) {
            channel.truncate(keep);
            channel.force(true);
        }
        channel.position(keep);
        TranscriptWriter w = new TranscriptWriter(file, redactor, clock, channel);
        w.count = raw.complete().size();
        w.lastHash = Hashes.sha256Hex(last);
        w.lastTs = lastEntry.ts();
        w.tornTail = raw.torn();
        return w;
    }

    /** The incomplete line {@link #reopen} cut away, or null. */
    public byte[] tornTail() {
        return tornTail == null ? null : tornTail.clone();
    }

    /**
     * Opens an existing, unsealed chain to append to it (an annotations file that grows one entry
     * per annotation). The file is locked while open, so two writers never interleave; its chain
     * must verify and end with a complete line, or nothing is appended.
     *
     * @throws IOException when the file cannot be opened or locked, is sealed, or does not verify
     */
    public static TranscriptWriter openForAppend(Path file, Redactor redactor, Clock clock) throws IOException {
        Objects.requireNonNull(redactor, "redactor");
        Objects.requireNonNull(clock, "clock");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            channel.lock();
            ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(channel.size()));
            while (all.hasRemaining() && channel.read(all, all.position()) > 0) {
                // reads the whole file under the lock
            }
            RawLines raw = RawLines.split(all.array());
            if (raw.isEmpty()) {
                throw new IOException(file + " is empty: not even its header was written");
            }
            if (raw.torn() != null) {
                throw new IOException(file + ": line " + (raw.complete().size() + 1)
                        + " is incomplete (cut off mid-write); nothing can be appended after it");
            }
            Chain chain = new Chain(raw);
            ChainDiagnosis.Finding problem = ChainDiagnosis.firstProblem(chain);
            if (problem != null) {
                throw new IOException(file + " does not verify (" + problem.text() + "); nothing is appended to a broken chain");
            }
            int last = chain.size() - 1;
            if (chain.isSeal(last)) {
                throw new IOException(file + " is sealed; nothing more can be written");
            }
            channel.position(channel.size());
            TranscriptWriter w = new TranscriptWriter(file, redactor, clock, channel);
            w.count = chain.seq(last) + 1;
            w.lastHash = chain.hash(last);
            w.lastTs = chain.entry(last).ts();
            return w;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Redacts data, appends one line, writes it and forces it to disk before returning. Returns the
     * seq. A null data is written as an empty object. Thread-safe. After {@link #seal()} or
     * {@link #close()} throws IllegalStateException. I/O errors become UncheckedIOException.
     *
     * @throws IllegalArgumentException for a blank type or the type "seal", which only seal() writes
     */
    public synchronized long append(String type, ObjectNode data) {
        Objects.requireNonNull(type, "type");
        if (type.isBlank()) {
            throw new IllegalArgumentException("entry type must not be blank");
        }
        if (SEAL.equals(type)) {
            throw new IllegalArgumentException("the seal entry is written only by seal()");
        }
        ensureOpen();
        ObjectNode redacted = data == null ? EntryCodec.newObject() : (ObjectNode) redactor.redact(data);
        return write(type, redacted);
    }

    /**
     * Appends the seal entry ({@code {"entries": N, "lastHash": "..."}}) and closes the file; returns
     * the hash of the seal line, the session's final digest.
     */
    public synchronized String seal() {
        ensureOpen();
        ObjectNode data = EntryCodec.newObject();
        data.put("entries", count);
        data.put("lastHash", lastHash);
        write(SEAL, data);
        sealed = true;
        closeChannel();
        return lastHash;
    }

    public synchronized boolean sealed() {
        return sealed;
    }

    public Path file() {
        return file;
    }

    /** Entries written so far, the seal included. */
    public synchronized long count() {
        return count;
    }

    /** SHA-256 of the last line written; 64 zeros before the first. */
    public synchronized String lastHash() {
        return lastHash;
    }

    public Redactor redactor() {
        return redactor;
    }

    /** Closes without sealing (a cut-off session); idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        closeChannel();
    }

    private long write(String type, ObjectNode data) {
        long seq = count;
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant ts = now.isBefore(lastTs) ? lastTs : now;
        byte[] line = EntryCodec.encode(seq, ts, type, data, lastHash);
        ByteBuffer buffer = ByteBuffer.allocate(line.length + 1).put(line).put((byte) '\n').flip();
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            failure = e;
            throw new UncheckedIOException("could not write to transcript " + file + ": " + e.getMessage(), e);
        }
        count = seq + 1;
        lastHash = Hashes.sha256Hex(line);
        lastTs = ts;
        return seq;
    }

    private void ensureOpen() {
        if (sealed) {
            throw new IllegalStateException("transcript " + file + " is sealed; nothing more can be written");
        }
        if (closed) {
            throw new IllegalStateException("transcript " + file + " is closed");
        }
        if (failure != null) {
            throw new IllegalStateException("transcript " + file + " failed to write earlier ("
                    + failure.getMessage() + "); start a new transcript", failure);
        }
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not close transcript " + file + ": " + e.getMessage(), e);
        }
    }
}
