package dev.irshell.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Resolved parameters of one action run (templates already expanded), with typed getters. */
public final class Params {
    private final ObjectNode node;

    public Params(ObjectNode node) {
        this.node = node;
    }

    public static Params of(String... kv) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            n.put(kv[i], kv[i + 1]);
        }
        return new Params(n);
    }

    public ObjectNode node() {
        return node;
    }

    public Optional<String> optString(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull() || v.isMissingNode()) {
            return Optional.empty();
        }
        String s = v.isTextual() ? v.asText() : v.toString();
        return s.isBlank() ? Optional.empty() : Optional.of(s);
    }

    public String string(String name) {
        return optString(name).orElseThrow(() -> ActionFailure.invalidParam(name, "a value", "nothing"));
    }

    public Optional<Instant> optInstant(String name) {
        return optString(name).map(s -> {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                throw ActionFailure.invalidParam(name, ParamKind.DATETIME.expected(), s);
            }
        });
    }

    public Optional<Integer> optInt(String name) {
        return optString(name).map(s -> {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                throw ActionFailure.invalidParam(name, ParamKind.INTEGER.expected(), s);
            }
        });
    }

    public JsonNode get(String name) {
        return node.path(name);
    }

    @Override
    public String toString() {
        return node.toString();
    }
}
