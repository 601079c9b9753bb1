package dev.irshell.action.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Any SDK request or response as JSON, by walking {@link SdkPojo#sdkFields()} (member names as
 * in the service model, e.g. {@code UserName}). Secret members (secret access keys, passwords,
 * session and access tokens, private key material) are masked as {@value #REDACTED} here, so
 * nothing downstream ever holds them.
 */
public final class SdkJson {
    public static final String REDACTED = "[REDACTED]";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Facts about a password, not the password: kept so the evidence shows what was set. */
    private static final Set<String> PASSWORD_FACTS = Set.of("passwordresetrequired", "passwordlastused",
            "passwordenabled", "passwordlastchanged", "passwordnextrotation", "passwordreusepolicy");
    private static final Set<String> NOT_SECRET_TOKENS = Set.of(
            "nexttoken", "nextpagetoken", "paginationtoken", "continuationtoken", "clienttoken", "starttoken");
    /** Larger blobs (e.g. a credential report) are summarised rather than copied. */
    private static final int MAX_BLOB = 64 * 1024;

    private SdkJson() {}

    public static ObjectNode toJson(SdkPojo pojo) {
        ObjectNode n = F.objectNode();
        if (pojo == null) {
            return n;
        }
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (value == null || isAutoConstructEmpty(value)) {
                continue;
            }
            String name = field.memberName();
            n.set(name, isSecret(name) ? F.textNode(REDACTED) : value(value));
        }
        return n;
    }

    /** True for member names that hold secrets: compared case-insensitively. */
    public static boolean isSecret(String memberName) {
        String m = memberName.toLowerCase(Locale.ROOT);
        if (PASSWORD_FACTS.contains(m)) {
            return false;
        }
        if (m.contains("password") || m.contains("secret") || m.contains("privatekey")
                || m.equals("keymaterial") || m.equals("tokencode")) {
            return true;
        }
        return m.endsWith("token") && !NOT_SECRET_TOKENS.contains(m);
    }

    private static boolean isAutoConstructEmpty(Object v) {
        return v instanceof software.amazon.awssdk.core.util.SdkAutoConstructList<?>
                || v instanceof software.amazon.awssdk.core.util.SdkAutoConstructMap<?, ?>;
    }

    private static JsonNode value(Object v) {
        if (v == null) {
            return F.nullNode();
        }
        if (v instanceof SdkPojo p) {
            return toJson(p);
        }
        if (v instanceof String s) {
            return F.textNode(s);
        }
        if (v instanceof Boolean b) {
            return F.booleanNode(b);
        }
        if (v instanceof Integer i) {
            return F.numberNode(i);
        }
        if (v instanceof Long l) {
            return F.numberNode(l);
        }
        if (v instanceof Short s) {
            return F.numberNode(s);
        }
        if (v instanceof Byte b) {
            return F.numberNode(b);
        }
        if (v instanceof Double d) {
            return F.numberNode(d);
        }
        if (v instanceof Float f) {
            return F.numberNode(f);
        }
        if (v instanceof BigDecimal d) {
            return F.numberNode(d);
        }
        if (v instanceof Instant t) {
            return F.textNode(Times.iso(t));
        }
        if (v instanceof SdkBytes bytes) {
            byte[] raw = bytes.asByteArrayUnsafe();
            return raw.length > MAX_BLOB
                    ? F.textNode("[" + raw.length + " bytes]")
                    : F.textNode(Base64.getEncoder().encodeToString(raw));
        }
        if (v instanceof Collection<?> c) {
            ArrayNode a = F.arrayNode();
            c.forEach(x -> a.add(value(x)));
            return a;
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = F.objectNode();
            m.forEach((k, x) -> {
                String key = String.valueOf(k);
                o.set(key, isSecret(key) ? F.textNode(REDACTED) : value(x));
            });
            return o;
        }
        return F.textNode(v.toString());
    }
}
