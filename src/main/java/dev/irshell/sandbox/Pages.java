package dev.irshell.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Opaque page tokens (IAM {@code Marker}, EC2 and CloudTrail {@code NextToken}). */
final class Pages {
    private Pages() {
    }

    /** One page of a list and the token of the next page (null when this is the last). */
    record Page<T>(List<T> items, String next) {
        boolean truncated() {
            return next != null;
        }
    }

    static String token(String kind, long... numbers) {
        StringBuilder raw = new StringBuilder(kind);
        for (long n : numbers) {
            raw.append(':').append(n);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a token of {@code kind}; null when the token is not one. */
    static long[] decode(String kind, String token, int count) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = raw.split(":");
            if (parts.length != count + 1 || !parts[0].equals(kind)) {
                return null;
            }
            long[] out = new long[count];
            for (int i = 0; i < count; i++) {
                out[i] = Long.parseLong(parts[i + 1]);
            }
            return out;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Slices {@code all} from the offset in {@code token} (null = start). */
    static <T> Page<T> slice(List<T> all, String kind, String token, int size, java.util.function.Supplier<AwsError> badToken) {
        int start = 0;
        if (token != null) {
            long[] decoded = decode(kind, token, 1);
            if (decoded == null || decoded[0] < 0 || decoded[0] > all.size()) {
                throw badToken.get();
            }
            start = (int) decoded[0];
        }
        int end = Math.min(all.size(), start + size);
        return new Page<>(all.subList(start, end), end < all.size() ? token(kind, end) : null);
    }
}
