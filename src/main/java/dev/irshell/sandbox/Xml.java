package dev.irshell.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** Writes a JSON tree as AWS-style XML: fields become elements, arrays become repeated list items. */
final class Xml {
    private Xml() {
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Appends the fields of {@code node} as child elements; list items are named {@code itemName}. */
    static void writeFields(StringBuilder out, JsonNode node, String itemName) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            writeElement(out, field.getKey(), field.getValue(), itemName);
        }
    }

    static void writeElement(StringBuilder out, String name, JsonNode value, String itemName) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return;
        }
        out.append('<').append(name).append('>');
        if (value.isObject()) {
            writeFields(out, value, itemName);
        } else if (value.isArray()) {
            for (JsonNode item : value) {
                writeElement(out, itemName, item, itemName);
            }
        } else {
            out.append(escape(value.asText()));
        }
        out.append("</").append(name).append('>');
    }
}
