package dev.irshell.transcript;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * The operator's Ed25519 signing key, which signs each session's final digest. Created on first
 * use in {@code <irshell home>/keys/}: the private key (PKCS#8) readable by its owner only, the
 * public key (X.509, PEM) beside it for whoever must check signatures. Only the JDK is used.
 *
 * <p>The fingerprint is {@code SHA256:} and the unpadded base64 of the SHA-256 of the public key's
 * X.509 encoding, the form {@code ssh-keygen -l} prints.
 */
public final class OperatorKey {
    public static final String ALGORITHM = "Ed25519";
    static final String PRIVATE_FILE = "operator-ed25519.pk8";
    static final String PUBLIC_FILE = "operator-ed25519.pub.pem";
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final Path file;

    private OperatorKey(PrivateKey privateKey, PublicKey publicKey, Path file) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.file = file;
    }

    /**
     * The key in {@code keysDir}, created there (with the folder, rwx------) when there is none.
     * A private key file others can read is made owner-only again before it is used.
     *
     * @throws IOException when the folder cannot be written or the key file is not an Ed25519 key
     */
    public static synchronized OperatorKey loadOrCreate(Path keysDir) throws IOException {
        Path priv = keysDir.resolve(PRIVATE_FILE);
        boolean posix = keysDir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (Files.isRegularFile(priv)) {
            if (posix && !Files.getPosixFilePermissions(priv).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(priv, OWNER_ONLY);
            }
            try {
                KeyFactory kf = KeyFactory.getInstance(ALGORITHM);
                PrivateKey pk = kf.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(priv)));
                PublicKey pub = kf.generatePublic(new X509EncodedKeySpec(pem(Files.readString(keysDir.resolve(PUBLIC_FILE)))));
                return new OperatorKey(pk, pub, priv);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new IOException("the signing key in " + keysDir + " is not a readable Ed25519 key pair ("
                        + e.getMessage() + "); move " + PRIVATE_FILE + " and " + PUBLIC_FILE + " away to create a new one", e);
            }
        }
        if (posix) {
            Files.createDirectories(keysDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(keysDir);
        }
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 15+ runtime provides Ed25519", e);
        }
        Path tmp = posix
                ? Files.createTempFile(keysDir, ".key-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(keysDir, ".key-", ".tmp");
        Files.write(tmp, pair.getPrivate().getEncoded(), StandardOpenOption.TRUNCATE_EXISTING);
        Files.writeString(keysDir.resolve(PUBLIC_FILE), toPem(pair.getPublic()));
        Files.move(tmp, priv);
        return new OperatorKey(pair.getPrivate(), pair.getPublic(), priv);
    }

    public String fingerprint() {
        return fingerprint(publicKey.getEncoded());
    }

    /** The public key's X.509 encoding in base64, as recorded in the transcript header. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    public Path file() {
        return file;
    }

    /** The signature, in base64, of the message that seals a session with this final digest. */
    public String signSeal(String finalDigest) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(privateKey);
            s.update(sealMessage(finalDigest));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with Ed25519 failed: " + e.getMessage(), e);
        }
    }

    /** Whether {@code signatureBase64} is a valid signature of the seal of {@code finalDigest} by that public key. */
    public static boolean verifySeal(String publicKeyBase64, String finalDigest, String signatureBase64) {
        try {
            PublicKey pub = KeyFactory.getInstance(ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKeyBase64)));
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(pub);
            s.update(sealMessage(finalDigest));
            return s.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** What is signed: a fixed label, so the signature cannot be replayed as anything else, and the digest. */
    static byte[] sealMessage(String finalDigest) {
        return ("irshell-seal-v1 " + finalDigest).getBytes(StandardCharsets.UTF_8);
    }

    /** The fingerprint of a public key given in base64 X.509, or null when it is not base64. */
    public static String fingerprintOf(String publicKeyBase64) {
        try {
            return fingerprint(Base64.getDecoder().decode(publicKeyBase64));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String fingerprint(byte[] x509) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(x509);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(d);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String toPem(PublicKey k) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(k.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static byte[] pem(String text) {
        String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
