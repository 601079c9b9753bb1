package dev.irshell.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.irshell.runbook.Template.Expression;
import dev.irshell.runbook.Template.Literal;
import org.junit.jupiter.api.Test;

class TemplateTest {
    @Test
    void parse_plainText_isOneLiteral() {
        Template t = Template.parse("us-east-1");

        assertThat(t.parts()).containsExactly(new Literal("us-east-1"));
        assertThat(t.isSingleExpression()).isFalse();
        assertThat(t.expressions()).isEmpty();
    }

    @Test
    void parse_wholeValueTemplate_isASingleExpression() {
        Template t = Template.parse("${{ steps.findInstance.outputs.region }}");

        assertThat(t.parts()).containsExactly(new Expression("steps.findInstance.outputs.region", 0));
        assertThat(t.isSingleExpression()).isTrue();
    }

    @Test
    void parse_mixedText_splitsLiteralsAndExpressions() {
        Template t = Template.parse("instance ${{inputs.instanceId}} in ${{ inputs.region }}!");

        assertThat(t.parts()).containsExactly(
                new Literal("instance "), new Expression("inputs.instanceId", 9),
                new Literal(" in "), new Expression("inputs.region", 35), new Literal("!"));
        assertThat(t.isSingleExpression()).isFalse();
        assertThat(t.text()).isEqualTo("instance ${{inputs.instanceId}} in ${{ inputs.region }}!");
    }

    @Test
    void parse_bracesAndLiteralsInsideTheExpression_doNotCloseIt() {
        Template t = Template.parse("${{ {a: inputs.x, b: {c: 'x}}y'}} }}");

        assertThat(t.parts()).containsExactly(new Expression("{a: inputs.x, b: {c: 'x}}y'}}", 0));
    }

    @Test
    void parse_closingBracesWithoutOpening_areLiteral() {
        assertThat(Template.parse("a }} b").parts()).containsExactly(new Literal("a }} b"));
    }

    @Test
    void parse_unterminated_failsAtTheOpening() {
        TemplateSyntaxException e = catchThrowableOfType(TemplateSyntaxException.class,
                () -> Template.parse("id ${{ inputs.x } and more"));

        assertThat(e.offset()).isEqualTo(3);
        assertThat(e.getMessage()).isEqualTo("unterminated '${{'; close it with '}}'");
    }

    @Test
    void parse_emptyExpression_failsAtItsOpening() {
        TemplateSyntaxException e = catchThrowableOfType(TemplateSyntaxException.class,
                () -> Template.parse("ok ${{ a }} then ${{   }}"));

        assertThat(e.offset()).isEqualTo(17);
        assertThat(e.getMessage()).isEqualTo("empty expression in '${{ }}'; put a JMESPath expression between the braces");
    }

    @Test
    void hasTemplate_detectsTheOpening() {
        assertThat(Template.hasTemplate("x ${{ y }}")).isTrue();
        assertThat(Template.hasTemplate("${ y }")).isFalse();
        assertThat(Template.hasTemplate(null)).isFalse();
    }
}
