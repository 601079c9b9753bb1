package dev.irshell.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.Comparator;

/**
 * {@code manifest.json}, written beside the transcript when a session is sealed: what the bundle
 * holds (the transcript's size and SHA-256, every artifact with its SHA-256) and the operator's
 * Ed25519 signature of the final digest. The signature cannot live inside the chain it signs;
 * the public key it must match is recorded in the transcript's header, which the chain covers.
 */
public final class Manifest {
    public static final String FILE = "manifest.json";
    public static final String FORMAT = "irshell-evidence-bundle/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Manifest() {}

    /** Writes the manifest of a sealed session (temporary file, forced, moved into place; owner-only). */
    public static Path write(Path folder, String sessionId, Path transcript, long entries, String finalDigest,
                             Collection<Artifacts.Ref> artifacts, OperatorKey key) throws IOException {
        ObjectNode m = JSON.createObjectNode();
        m.put("format", FORMAT);
        m.put("sessionId", sessionId);
        m.putObject("transcript").put("path", folder.toAbsolutePath().relativize(transcript.toAbsolutePath()).toString())
                .put("sha256", Hashes.sha256Hex(transcript)).put("bytes", Files.size(transcript)).put("entries", entries);
        m.put("finalDigest", finalDigest);
        ArrayNode a = m.putArray("artifacts");
        artifacts.stream().sorted(Comparator.comparing(Artifacts.Ref::path)).distinct().forEach(r -> a.add(r.toJson()));
        m.putObject("signature").put("algorithm", OperatorKey.ALGORITHM).put("fingerprint", key.fingerprint())
                .put("publicKey", key.publicKeyBase64())
                .put("message", new String(OperatorKey.sealMessage(finalDigest), java.nio.charset.StandardCharsets.UTF_8))
                .put("value", key.signSeal(finalDigest));
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m);
        boolean posix = folder.getFileSystem().supportedFileAttributeViews().contains("posix");
        Path tmp = posix
                ? Files.createTempFile(folder, ".manifest-", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(folder, ".manifest-", ".tmp");
        Files.write(tmp, bytes, StandardOpenOption.TRUNCATE_EXISTING);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Path target = folder.resolve(FILE);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /** The manifest of the session in {@code folder}, or null when there is none. */
    public static JsonNode read(Path folder) throws IOException {
        Path f = folder.resolve(FILE);
        return Files.isRegularFile(f) ? JSON.readTree(f.toFile()) : null;
    }
}
