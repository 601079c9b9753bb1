package dev.irshell.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One call being served: who calls, where, when, with which input; what an operation needs to
 * read its parameters, reach the state and name the resources it touched for CloudTrail.
 */
final class Call {
    final SandboxState state;
    final Instant now;
    final String region;
    final Principal caller;
    final ObjectNode input;
    final Ids ids;
    final ProtocolCodec codec;
    final String origin;
    final List<TrailEvent.Resource> resources = new ArrayList<>();

    Call(SandboxState state, Instant now, String region, Principal caller, ObjectNode input, Ids ids,
         ProtocolCodec codec, String origin) {
        this.state = state;
        this.now = now;
        this.region = region;
        this.caller = caller;
        this.input = input;
        this.ids = ids;
        this.codec = codec;
        this.origin = origin;
    }

    String accountId() {
        return state.accountId();
    }

    /** A string parameter, or null when absent or empty. */
    String str(String name) {
        JsonNode n = input.get(name);
        return n == null || n.isNull() || n.isContainerNode() || n.asText().isEmpty() ? null : n.asText();
    }

    String required(String name) {
        String v = str(name);
        if (v == null) {
            throw new AwsError(400, codec == Ec2Codec.INSTANCE ? "MissingParameter" : "ValidationError",
                    codec == Ec2Codec.INSTANCE ? "The request must contain the parameter " + name
                            : "1 validation error detected: Value null at '" + lowerFirst(name)
                                    + "' failed to satisfy constraint: Member must not be null");
        }
        return v;
    }

    Integer integer(String name) {
        String v = str(name);
        if (v == null) {
            return null;
        }
        try {
            return new java.math.BigDecimal(v).intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new AwsError(400, "ValidationError", "Value '" + v + "' at '" + lowerFirst(name)
                    + "' is not a valid integer");
        }
    }

    boolean bool(String name) {
        return "true".equalsIgnoreCase(str(name));
    }

    /** A list parameter ({@code X.member.N} / {@code X.N} / JSON array) as strings. */
    List<String> strings(String name) {
        JsonNode n = input.get(name);
        List<String> out = new ArrayList<>();
        if (n != null && n.isArray()) {
            n.forEach(v -> out.add(v.asText()));
        } else if (n != null && n.isValueNode()) {
            out.add(n.asText());
        }
        return out;
    }

    JsonNode node(String name) {
        return input.path(name);
    }

    ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** A timestamp in the protocol's format (ISO-8601 for XML, epoch seconds for JSON). */
    JsonNode time(Instant instant) {
        return codec.timestamp(instant);
    }

    void resource(String type, String name) {
        resources.add(new TrailEvent.Resource(type, name));
    }

    static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
