package dev.irshell.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.runbook.Expressions;
import dev.irshell.runbook.Template;

/**
 * Evaluates the runbook's expressions (JMESPath) against a context document:
 * {@code inputs}, {@code steps.<id>.{outputs,decision,state,note}} and {@code session}.
 * Expressions were checked at load time by the validator.
 */
final class Evaluator {
    JsonNode search(String expression, JsonNode context) {
        return Expressions.compiled(expression).search(context);
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
                JsonNode v = search(t.expressions().get(0).source(), context);
                return v == null ? JsonNodeFactory.instance.nullNode() : v;
            }
            StringBuilder b = new StringBuilder();
            boolean anyNull = false;
            for (Template.Part p : t.parts()) {
                if (p instanceof Template.Expression e) {
                    JsonNode v = search(e.source(), context);
                    if (v == null || v.isNull()) {
                        anyNull = true;
                    } else {
                        b.append(v.isTextual() ? v.textValue() : v.toString());
                    }
                } else if (p instanceof Template.Literal l) {
                    b.append(l.text());
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
