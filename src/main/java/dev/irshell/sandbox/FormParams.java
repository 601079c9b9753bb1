package dev.irshell.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Form-encoded query parameters, and their flattened names ({@code A.member.1.B}, {@code A.1}) as a tree. */
final class FormParams {
    private FormParams() {
    }

    static Map<String, String> decode(String form) {
        Map<String, String> params = new LinkedHashMap<>();
        if (form == null || form.isEmpty()) {
            return params;
        }
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    /**
     * Builds the tree of flattened names: numeric segments index (1-based) into arrays; with
     * {@code skipMember} the query protocol's {@code member} segment before an index is dropped.
     */
    static ObjectNode toTree(Map<String, String> flat, boolean skipMember) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, String> e : flat.entrySet()) {
            List<String> segments = new ArrayList<>(List.of(e.getKey().split("\\.")));
            if (skipMember) {
                for (int i = segments.size() - 2; i >= 0; i--) {
                    if (segments.get(i).equals("member") || segments.get(i).equals("entry")) {
                        if (isIndex(segments.get(i + 1))) {
                            segments.remove(i);
                        }
                    }
                }
            }
            put(root, segments, e.getValue());
        }
        return (ObjectNode) compact(root);
    }

    private static void put(JsonNode container, List<String> segments, String value) {
        JsonNode current = container;
        for (int i = 0; i < segments.size(); i++) {
            String seg = segments.get(i);
            boolean last = i == segments.size() - 1;
            boolean nextIsIndex = !last && isIndex(segments.get(i + 1));
            if (current instanceof ObjectNode obj) {
                if (last) {
                    obj.put(seg, value);
                    return;
                }
                JsonNode child = obj.get(seg);
                if (child == null || child.isValueNode()) {
                    child = nextIsIndex ? obj.putArray(seg) : obj.putObject(seg);
                }
                current = child;
            } else if (current instanceof ArrayNode arr) {
                if (!isIndex(seg)) {
                    return;
                }
                int index = Integer.parseInt(seg) - 1;
                while (arr.size() <= index) {
                    arr.addNull();
                }
                if (last) {
                    arr.set(index, JsonNodeFactory.instance.textNode(value));
                    return;
                }
                JsonNode child = arr.get(index);
                if (child == null || !child.isContainerNode()) {
                    child = nextIsIndex ? JsonNodeFactory.instance.arrayNode() : JsonNodeFactory.instance.objectNode();
                    arr.set(index, child);
                }
                current = child;
            } else {
                return;
            }
        }
    }

    private static JsonNode compact(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                f.setValue(compact(f.getValue()));
            }
        } else if (node instanceof ArrayNode arr) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode item : arr) {
                if (!item.isNull()) {
                    out.add(compact(item));
                }
            }
            return out;
        }
        return node;
    }

    private static boolean isIndex(String s) {
        if (s.isEmpty() || s.length() > 6) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return Integer.parseInt(s) > 0;
    }
}
