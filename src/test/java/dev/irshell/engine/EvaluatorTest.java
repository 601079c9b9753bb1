package dev.irshell.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
    final Evaluator ev = new Evaluator();
    final JsonNode ctx = read("{\"inputs\":{\"key\":\"AKIA1\",\"none\":null},\"steps\":{\"a\":{\"outputs\":{\"n\":3,\"list\":[1,2]}}}}");

    static JsonNode read(String s) {
        try {
            return new ObjectMapper().readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void expand_singleTemplateKeepsTheJsonType() {
        assertThat(ev.expand(JsonNodeFactory.instance.textNode("${{ steps.a.outputs.list }}"), ctx).isArray()).isTrue();
        assertThat(ev.expand(JsonNodeFactory.instance.textNode("${{ steps.a.outputs.n }}"), ctx).intValue()).isEqualTo(3);
    }

    @Test
    void expand_orFallsBackToTheFirstValueThatIsSet() {
        assertThat(ev.expand(JsonNodeFactory.instance.textNode("${{ inputs.key || steps.a.outputs.missing }}"), ctx).asText())
                .isEqualTo("AKIA1");
        assertThat(ev.expand(JsonNodeFactory.instance.textNode("${{ inputs.none || inputs.key }}"), ctx).asText())
                .isEqualTo("AKIA1");
    }

    @Test
    void expand_textAroundTemplatesMakesAString_andAMissingValueMakesNull() {
        assertThat(ev.expand(JsonNodeFactory.instance.textNode("key ${{ inputs.key }} n=${{ steps.a.outputs.n }}"), ctx).asText())
                .isEqualTo("key AKIA1 n=3");
        assertThat(ev.expand(JsonNodeFactory.instance.textNode("key ${{ inputs.none }}"), ctx).isNull()).isTrue();
    }

    @Test
    void test_followsJmesPathTruthiness() {
        assertThat(ev.test("steps.a.outputs.list", ctx)).isTrue();
        assertThat(ev.test("inputs.none", ctx)).isFalse();
        assertThat(ev.test("!inputs.none", ctx)).isTrue();
        assertThat(ev.test("steps.a.outputs.n == `3`", ctx)).isTrue();
    }
}
