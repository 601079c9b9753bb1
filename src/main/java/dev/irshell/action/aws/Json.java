package dev.irshell.action.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collection;

/** Small JSON helpers for result data and planned-call parameters. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Json() {}

    static ObjectNode object() {
        return F.objectNode();
    }

    static ArrayNode array() {
        return F.arrayNode();
    }

    static ArrayNode array(Collection<String> values) {
        ArrayNode a = F.arrayNode();
        values.forEach(a::add);
        return a;
    }

    /** Object from alternating keys and values; values may be String, Boolean, Number, Instant, JsonNode or null. */
    static ObjectNode obj(Object... kv) {
        ObjectNode n = F.objectNode();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            put(n, (String) kv[i], kv[i + 1]);
        }
        return n;
    }

    static ObjectNode put(ObjectNode n, String key, Object v) {
        if (v == null) {
            n.putNull(key);
        } else if (v instanceof JsonNode j) {
            n.set(key, j);
        } else if (v instanceof Boolean b) {
            n.put(key, b);
        } else if (v instanceof Integer i) {
            n.put(key, i);
        } else if (v instanceof Long l) {
            n.put(key, l);
        } else if (v instanceof Number num) {
            n.put(key, num.doubleValue());
        } else if (v instanceof Instant t) {
            n.put(key, Times.iso(t));
        } else if (v instanceof Collection<?> c) {
            ArrayNode a = n.putArray(key);
            c.forEach(x -> a.add(String.valueOf(x)));
        } else {
            n.put(key, v.toString());
        }
        return n;
    }

    /** Text of a field, or null when absent, null or not a value. */
    static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || v.isNull() || v.isMissingNode() || v.isContainerNode()) {
            return null;
        }
        return v.asText();
    }

    static JsonNode parseOrNull(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readTree(s);
        } catch (Exception e) {
            return null;
        }
    }
}
