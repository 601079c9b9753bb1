package dev.irshell.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a whole evidence bundle and says which part failed: the hash chain of the transcript
 * ({@link TranscriptVerifier}), every artifact the transcript references (present, same SHA-256),
 * and the operator's signature of the final digest in {@code manifest.json}, made with the key
 * whose fingerprint the transcript declares (in its header, or in the last {@code session.resume}
 * entry when another operator or machine resumed it).
 */
public final class BundleVerifier {
    private BundleVerifier() {}

    public enum Status { OK, FAILED, NONE }

    /** One part's verdict: NONE when there is nothing to check (no artifacts; no seal yet). */
    public record Check(Status status, String summary, List<String> problems) {
        public Check {
            problems = List.copyOf(problems);
        }

        public boolean failed() {
            return status == Status.FAILED;
        }
    }

    /** The three verdicts; {@link #ok()} only when the chain is sealed and nothing failed. */
    public record Report(Path transcript, VerifyResult chain, Check artifacts, Check signature) {
        public boolean ok() {
            return chain.ok() && !artifacts.failed() && signature.status() == Status.OK;
        }

        /** The chain's line (as {@link VerifyResult#describe()}), then one line per other part and its problems. */
        public String describe() {
            StringBuilder b = new StringBuilder(chain.describe()).append('\n');
            part(b, "artifacts", artifacts);
            part(b, "signature", signature);
            return b.toString().stripTrailing();
        }

        private static void part(StringBuilder b, String name, Check c) {
            String label = switch (c.status()) {
                case OK -> "ok";
                case FAILED -> "FAILED";
                case NONE -> "none";
            };
            b.append(name).append(": ").append(label).append(" — ").append(c.summary()).append('\n');
            c.problems().forEach(p -> b.append("  ").append(p).append('\n'));
        }
    }

    /** Never throws for bad content. */
    public static Report verify(Path transcript) {
        return verify(transcript, TranscriptVerifier.verify(transcript));
    }

    /** As {@link #verify(Path)}, with the chain's verdict its caller has already reached. */
    public static Report verify(Path transcript, VerifyResult chain) {
        Path folder = transcript.toAbsolutePath().getParent();
        Scan scan = scan(transcript);
        return new Report(transcript, chain, artifacts(folder, scan), signature(folder, chain, scan));
    }

    /** What the verdicts need from the entries, read leniently so a damaged file still gets checked. */
    private record Scan(Map<String, Long> refs, Map<String, String> refSha, JsonNode signer) {}

    private static Scan scan(Path transcript) {
        Map<String, Long> refs = new LinkedHashMap<>();
        Map<String, String> shas = new LinkedHashMap<>();
        JsonNode signer = null;
        RawLines raw;
        try {
            raw = RawLines.split(Files.readAllBytes(transcript));
        } catch (IOException e) {
            return new Scan(refs, shas, null);
        }
        long line = 0;
        for (byte[] bytes : raw.complete()) {
            line++;
            TranscriptEntry e;
            try {
                e = EntryCodec.decode(bytes);
            } catch (EntryCodec.BadLine bad) {
                continue;
            }
            if (("header".equals(e.type()) || "session.resume".equals(e.type())) && e.data().has("signer")) {
                signer = e.data().get("signer");
            }
            collect(e.data(), line, refs, shas);
        }
        return new Scan(refs, shas, signer);
    }

    /** Every {path, sha256} object whose path is under artifacts/, anywhere in an entry's data. */
    private static void collect(JsonNode n, long line, Map<String, Long> refs, Map<String, String> shas) {
        if (n.isObject()) {
            Artifacts.Ref r = Artifacts.Ref.of(n);
            if (r != null && r.path().startsWith(Artifacts.DIR + "/")) {
                refs.putIfAbsent(r.path(), line);
                shas.putIfAbsent(r.path(), r.sha256());
                return;
            }
        }
        if (n.isContainerNode()) {
            n.forEach(c -> collect(c, line, refs, shas));
        }
    }

    private static Check artifacts(Path folder, Scan scan) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Long> e : scan.refs().entrySet()) {
            Artifacts.Ref ref = new Artifacts.Ref(e.getKey(), scan.refSha().get(e.getKey()), -1);
            String where = " (referenced at line " + e.getValue() + ")";
            Path file;
            try {
                file = Artifacts.resolve(folder, ref);
            } catch (IOException x) {
                problems.add(x.getMessage() + where);
                continue;
            }
            if (!Files.isRegularFile(file)) {
                problems.add(ref.path() + ": missing" + where);
                continue;
            }
            try {
                String sha = Hashes.sha256Hex(file);
                if (!sha.equals(ref.sha256())) {
                    problems.add(ref.path() + ": altered — its SHA-256 is now " + sha + where);
                }
            } catch (IOException x) {
                problems.add(ref.path() + ": unreadable (" + x.getMessage() + ")" + where);
            }
        }
        int extra = 0;
        Path dir = folder.resolve(Artifacts.DIR);
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path f : files) {
                    String name = f.getFileName().toString();
                    if (!scan.refs().containsKey(Artifacts.DIR + "/" + name) && !name.startsWith(".")) {
                        extra++;
                    }
                }
            } catch (IOException x) {
                problems.add("cannot list " + dir + ": " + x.getMessage());
            }
        }
        int n = scan.refs().size();
        String note = extra == 0 ? "" : "; " + extra + " file(s) in artifacts/ are not referenced by the transcript and are not evidence";
        if (!problems.isEmpty()) {
            return new Check(Status.FAILED, problems.size() + " of " + n + " referenced artifact(s) missing or altered" + note, problems);
        }
        if (n == 0) {
            return new Check(Status.NONE, "the transcript references no artifact" + note, List.of());
        }
        return new Check(Status.OK, n + " artifact(s) present with the SHA-256 the transcript records" + note, List.of());
    }

    private static Check signature(Path folder, VerifyResult chain, Scan scan) {
        if (chain.status() == VerifyResult.Status.UNSEALED) {
            return new Check(Status.NONE, "the session was cut off before its seal, so nothing is signed yet; "
                    + "`irshell resume` continues it and signs it when it ends", List.of());
        }
        if (scan.signer() == null) {
            return new Check(Status.FAILED, "the transcript declares no signing key (no signer in its header)", List.of());
        }
        JsonNode manifest;
        try {
            manifest = Manifest.read(folder);
        } catch (IOException e) {
            return new Check(Status.FAILED, Manifest.FILE + " is not readable JSON: " + e.getMessage(), List.of());
        }
        if (manifest == null) {
            return new Check(Status.FAILED, "no " + Manifest.FILE + " beside the transcript: the signature is missing", List.of());
        }
        String declared = scan.signer().path("fingerprint").asText();
        String publicKey = scan.signer().path("publicKey").asText();
        JsonNode sig = manifest.path("signature");
        List<String> problems = new ArrayList<>();
        if (!declared.equals(OperatorKey.fingerprintOf(publicKey))) {
            problems.add("the transcript's declared key does not match its declared fingerprint " + declared);
        }
        if (!declared.equals(sig.path("fingerprint").asText())) {
            problems.add("signed with key " + sig.path("fingerprint").asText() + ", but the transcript declares " + declared);
        }
        if (chain.ok() && !chain.finalHash().equals(manifest.path("finalDigest").asText())) {
            problems.add("the manifest's final digest " + manifest.path("finalDigest").asText()
                    + " is not the transcript's " + chain.finalHash());
        }
        String digest = chain.ok() ? chain.finalHash() : manifest.path("finalDigest").asText();
        if (!OperatorKey.verifySeal(publicKey, digest, sig.path("value").asText())) {
            problems.add("the signature does not verify with the declared key " + declared + " over final digest " + digest);
        }
        if (!problems.isEmpty()) {
            return new Check(Status.FAILED, "wrong signature", problems);
        }
        return new Check(Status.OK, "Ed25519 signature of the final digest by key " + declared, List.of());
    }
}
