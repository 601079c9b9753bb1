package dev.irshell.transcript;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The raw evidence of a session (AWS responses: CloudTrail events, the credential report,
 * inventories, configurations read before a deletion) kept as files beside the transcript in
 * {@code artifacts/}, named by the SHA-256 of their bytes and referenced from transcript entries
 * by that digest, so the chain covers them.
 *
 * <p>Content is redacted with the transcript's own redactor before it is hashed or written. Each
 * file is written to a temporary name, forced to disk and moved into place before its reference
 * can be appended to the transcript: a crash leaves at worst an unreferenced file, never a
 * reference to a missing one. Identical content is stored once.
 */
public final class Artifacts {
    /** The folder inside a session folder. */
    public static final String DIR = "artifacts";
    private static final Pattern NAME = Pattern.compile("[0-9a-f]{64}\\.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Redactor redactor;

    /** A stored artifact: its path relative to the session folder, its SHA-256 and size. */
    public record Ref(String path, String sha256, long bytes) {
        public ObjectNode toJson() {
            return JsonNodeFactory.instance.objectNode().put("path", path).put("sha256", sha256).put("bytes", bytes);
        }

        /** The reference held by an entry field, or null when the node is not one. */
        public static Ref of(JsonNode n) {
            if (n == null || !n.hasNonNull("path") || !n.hasNonNull("sha256")) {
                return null;
            }
            return new Ref(n.get("path").asText(), n.get("sha256").asText(), n.path("bytes").asLong(-1));
        }
    }

    /** @param sessionFolder the folder holding transcript.jsonl; artifacts/ is created on first use */
    public Artifacts(Path sessionFolder, Redactor redactor) {
        this.dir = sessionFolder.resolve(DIR);
        this.redactor = redactor;
    }

    /** Redacts, stores (once) and returns the reference. I/O errors become UncheckedIOException. */
    public synchronized Ref put(JsonNode content) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(redactor.redact(content));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
        String sha = Hashes.sha256Hex(bytes);
        String name = sha + ".json";
        Path target = dir.resolve(name);
        try {
            if (!Files.exists(target)) {
                write(target, bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write evidence artifact " + target + ": " + e.getMessage(), e);
        }
        return new Ref(DIR + "/" + name, sha, bytes.length);
    }

    private void write(Path target, byte[] bytes) throws IOException {
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
        FileAttribute<?>[] attrs = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        Path tmp = Files.createTempFile(dir, ".incoming-", ".tmp", attrs);
        try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.WRITE))) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(tmp);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Reads a referenced artifact of the session in {@code sessionFolder}, checking its digest.
     *
     * @throws IOException when it is missing, unreadable, altered or not JSON
     */
    public static JsonNode read(Path sessionFolder, Ref ref) throws IOException {
        Path file = resolve(sessionFolder, ref);
        byte[] bytes = Files.readAllBytes(file);
        String sha = Hashes.sha256Hex(bytes);
        if (!sha.equals(ref.sha256())) {
            throw new IOException("artifact " + ref.path() + " was altered: its SHA-256 is " + sha + ", the transcript says "
                    + ref.sha256());
        }
        return JSON.readTree(bytes);
    }

    /** The file a reference names, refusing anything that is not {@code artifacts/<sha256>.json}. */
    public static Path resolve(Path sessionFolder, Ref ref) throws IOException {
        String p = ref.path();
        if (!p.startsWith(DIR + "/") || !NAME.matcher(p.substring(DIR.length() + 1)).matches()) {
            throw new IOException("artifact reference '" + p + "' is not of the form artifacts/<sha256>.json");
        }
        return sessionFolder.resolve(p);
    }

    /** Whether {@code fileName} is the name of a stored artifact (not a temporary file). */
    public static boolean isArtifactName(String fileName) {
        return NAME.matcher(fileName).matches();
    }
}
