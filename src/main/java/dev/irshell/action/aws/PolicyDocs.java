package dev.irshell.action.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * IAM policy documents as JSON. IAM returns them URL-encoded (RFC 3986, {@code %7B%22Version...});
 * the Java SDK v2 does not decode them. A document that already parses as JSON is taken as is
 * (some emulators answer decoded), otherwise it is percent-decoded first. {@code +} is kept as a
 * plus sign: IAM encodes spaces as {@code %20}, so form-decoding would corrupt documents.
 */
final class PolicyDocs {
    private PolicyDocs() {}

    /** The document as JSON; text it if is not JSON even after decoding; null stays null. */
    static JsonNode decode(String raw) {
        if (raw == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        JsonNode direct = Json.parseOrNull(raw);
        if (direct != null && direct.isContainerNode()) {
            return direct;
        }
        String decoded;
        try {
            decoded = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return JsonNodeFactory.instance.textNode(raw);
        }
        JsonNode parsed = Json.parseOrNull(decoded);
        return parsed != null ? parsed : JsonNodeFactory.instance.textNode(decoded);
    }
}
