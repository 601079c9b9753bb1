package dev.irshell.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burt.jmespath.Expression;
import io.burt.jmespath.JmesPath;
import io.burt.jmespath.jackson.JacksonRuntime;
import dev.irshell.runbook.Template;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates the runbook's expressions (JMESPath) against a context document:
 * {@code inputs}, {@code steps.<id>.{outputs,decision,state,note}} and {@code session}.
 * Expressions were compiled once at load time by the validator; here they are cached.
 */
final class Evaluator {
    private static final JmesPath<JsonNode> JMES = new JacksonRuntime();
    private final Map<String, Expression<JsonNode>> cache = new ConcurrentHashMap<>();

    JsonNode search(String expression, JsonNode context) {
        return cache.computeIfAbsent(expression, JMES::compile).search(context);
    }

    /** JMESPath truthiness: false, null, "", [] and {} are false. */
    boolean test(String expression, JsonNode context) {
        JsonNode v = search(expression, context);
        if (v == null || v.isNull() || v.isMissingNode()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual()) {
            return !v.textValue().isEmpty();
        }
        if (v.isContainerNode()) {
            return v.size() > 0;
        }
        return true;
    }

    /**
     * Expands the templates in a {@code with} value. A value that is one whole template keeps the
     * expression's JSON type; text around templates makes a string. Lists and maps are expanded
     * element by element.
     */
    JsonNode expand(JsonNode value, JsonNode context) {
        if (value.isTextual()) {
            Template t = Template.parse(value.textValue());
            if (t.isSingleExpression()) {
                JsonNode v = search(t.parts().get(0).text(), context);
                return v == null ? JsonNodeFactory.instance.nullNode() : v;
            }
            StringBuilder b = new StringBuilder();
            boolean anyNull = false;
            for (Template.Part p : t.parts()) {
                if (p.expression()) {
                    JsonNode v = search(p.text(), context);
                    if (v == null || v.isNull()) {
                        anyNull = true;
                    } else {
                        b.append(v.isTextual() ? v.textValue() : v.toString());
                    }
                } else {
                    b.append(p.text());
                }
            }
            return anyNull ? JsonNodeFactory.instance.nullNode() : JsonNodeFactory.instance.textNode(b.toString());
        }
        if (value.isArray()) {
            var arr = JsonNodeFactory.instance.arrayNode();
            value.forEach(v -> arr.add(expand(v, context)));
            return arr;
        }
        if (value.isObject()) {
            ObjectNode obj = JsonNodeFactory.instance.objectNode();
            value.fields().forEachRemaining(e -> obj.set(e.getKey(), expand(e.getValue(), context)));
            return obj;
        }
        return value;
    }
}
