package dev.irshell.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4, server side: parses the {@code Authorization} header and recomputes
 * the signature (canonical request, string to sign, HMAC chain) with the key's secret.
 */
final class SigV4 {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";

    private SigV4() {
    }

    /** The parsed {@code Authorization} header. */
    record Authorization(String accessKeyId, String date, String region, String service,
                         List<String> signedHeaders, String signature) {
        String scope() {
            return date + "/" + region + "/" + service + "/aws4_request";
        }
    }

    /** Thrown when the header is present but cannot be read; the message is AWS's. */
    static final class MalformedAuthorization extends RuntimeException {
        MalformedAuthorization(String message) {
            super(message, null, false, false);
        }
    }

    /** Parses the header, or returns null when the request carries no SigV4 authorization. */
    static Authorization parse(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.trim();
        if (!h.startsWith(ALGORITHM + " ")) {
            throw new MalformedAuthorization("Unsupported AWS 'algorithm': only " + ALGORITHM + " is supported");
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        for (String part : h.substring(ALGORITHM.length()).split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = p.substring(0, eq).trim();
            String value = p.substring(eq + 1).trim();
            switch (key) {
                case "Credential" -> credential = value;
                case "SignedHeaders" -> signedHeaders = value;
                case "Signature" -> signature = value;
                default -> { }
            }
        }
        if (credential == null || signedHeaders == null || signature == null) {
            throw new MalformedAuthorization("Authorization header requires 'Credential', 'Signature' and "
                    + "'SignedHeaders' parameters. Authorization=" + ALGORITHM);
        }
        String[] scope = credential.split("/");
        if (scope.length != 5) {
            throw new MalformedAuthorization("Credential should be scoped to a valid region, service and "
                    + "terminator: " + credential);
        }
        if (!scope[4].equals("aws4_request")) {
            throw new MalformedAuthorization("Credential should be scoped with a valid terminator: 'aws4_request', "
                    + "not '" + scope[4] + "'.");
        }
        return new Authorization(scope[0], scope[1], scope[2], scope[3],
                List.of(signedHeaders.toLowerCase(Locale.ROOT).split(";")), signature.toLowerCase(Locale.ROOT));
    }

    /**
     * Checks the signature of {@code request} against {@code secret}; returns null when it
     * matches, otherwise the reason (AWS's wording).
     */
    static String verify(HttpRequestData request, Authorization auth, String secret) {
        String amzDate = request.header("x-amz-date");
        if (amzDate == null || amzDate.length() < 8) {
            return "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.";
        }
        if (!amzDate.startsWith(auth.date())) {
            return "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                    + auth.date() + "' != '" + amzDate.substring(0, 8) + "', from '" + amzDate + "'.";
        }
        if (!auth.signedHeaders().contains("host")) {
            return "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.";
        }
        String payloadHash = sha256Hex(request.body());
        String declaredHash = request.header("x-amz-content-sha256");
        if (declaredHash != null && !declaredHash.equals("UNSIGNED-PAYLOAD")) {
            if (!declaredHash.equalsIgnoreCase(payloadHash)) {
                return "The provided 'x-amz-content-sha256' header does not match what was computed.";
            }
        }
        String canonical = canonicalRequest(request, auth.signedHeaders(),
                declaredHash != null ? declaredHash : payloadHash);
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + auth.scope() + "\n"
                + sha256Hex(canonical.getBytes(StandardCharsets.UTF_8));
        String expected = sign(secret, auth.date(), auth.region(), auth.service(), stringToSign);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                auth.signature().getBytes(StandardCharsets.US_ASCII))) {
            return "The request signature we calculated does not match the signature you provided. Check your AWS "
                    + "Secret Access Key and signing method. Consult the service documentation for details.";
        }
        return null;
    }

    static String canonicalRequest(HttpRequestData request, List<String> signedHeaders, String payloadHash) {
        StringBuilder c = new StringBuilder(512);
        c.append(request.method().toUpperCase(Locale.ROOT)).append('\n');
        c.append(canonicalUri(request.rawPath())).append('\n');
        c.append(canonicalQuery(request.rawQuery())).append('\n');
        for (String name : signedHeaders) {
            List<String> values = request.headers().getOrDefault(name, List.of());
            List<String> trimmed = new ArrayList<>();
            for (String v : values) {
                trimmed.add(v.trim().replaceAll("\\s+", " "));
            }
            c.append(name).append(':').append(String.join(",", trimmed)).append('\n');
        }
        c.append('\n');
        c.append(String.join(";", signedHeaders)).append('\n');
        c.append(payloadHash);
        return c.toString();
    }

    /** Non-S3 services encode the (already encoded) path once more, keeping the slashes. */
    static String canonicalUri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        StringBuilder out = new StringBuilder();
        for (char ch : rawPath.toCharArray()) {
            out.append(ch == '/' ? "/" : encode(String.valueOf(ch)));
        }
        return out.toString();
    }

    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            pairs.add(new String[] {encode(decode(k)), encode(decode(v))});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder out = new StringBuilder();
        for (String[] p : pairs) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(p[0]).append('=').append(p[1]);
        }
        return out.toString();
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** RFC 3986 encoding: everything but {@code A-Z a-z 0-9 - _ . ~} is percent-encoded. */
    static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    static String sign(String secret, String date, String region, String service, String stringToSign) {
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        return HexFormat.of().formatHex(hmac(key, stringToSign));
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
