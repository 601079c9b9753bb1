package dev.irshell.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpressionsTest {
    @Test
    void compile_validExpressions_pass() {
        assertThatCode(() -> Expressions.compile("steps.find.state == 'done' && inputs.x != null")).doesNotThrowAnyException();
        assertThatCode(() -> Expressions.compile("Reservations[].Instances[?State.Name=='running'] | [0]"))
                .doesNotThrowAnyException();
    }

    @Test
    void compile_syntaxError_saysWhatAndWhere() {
        ExpressionSyntaxException e = catchThrowableOfType(ExpressionSyntaxException.class,
                () -> Expressions.compile("inputs.x =="));

        assertThat(e.getMessage()).isEqualTo("unexpected end of expression at position 11");
        assertThat(e.position()).isEqualTo(11);
    }

    @Test
    void compile_otherErrors_keepTheParserWords() {
        assertThat(catchThrowableOfType(ExpressionSyntaxException.class, () -> Expressions.compile("nope(a)")).getMessage())
                .isEqualTo("unknown function \"nope\" at position 0");
        assertThat(catchThrowableOfType(ExpressionSyntaxException.class, () -> Expressions.compile("a ||| b")).getMessage())
                .isEqualTo("unexpected '|' at position 4");
        assertThat(catchThrowableOfType(ExpressionSyntaxException.class, () -> Expressions.compile("a == 'x")).getMessage())
                .isEqualTo("unterminated literal 'x at position 5");
    }

    @Test
    void compiled_evaluatesOverJackson() throws Exception {
        var data = new ObjectMapper().readTree("{\"inputs\": {\"x\": \"i-1\"}}");

        assertThat(Expressions.compiled("inputs.x").search(data).asText()).isEqualTo("i-1");
    }

    @Test
    void references_findsDottedPathsAtTheRoots() {
        assertThat(Expressions.references(
                "steps.findInstance.outputs.region != inputs.region && session.mode == 'live'"))
                .containsExactly(
                        List.of("steps", "findInstance", "outputs", "region"),
                        List.of("inputs", "region"),
                        List.of("session", "mode"));
    }

    @Test
    void references_ignoresLiteralsAndFieldsOfOtherThings() {
        assertThat(Expressions.references(
                "'inputs.a' == `\"steps.b\"` || foo.inputs.c || \"x\".session.d || contains(inputs.list, 'steps.z')"))
                .containsExactly(List.of("inputs", "list"));
    }

    @Test
    void references_followsQuotedIdentifiersAndStopsAtNonDots() {
        assertThat(Expressions.references("steps.\"find\".outputs.\"my-out\" || steps.a.outputs.list[0].x || steps.*.state"))
                .containsExactly(
                        List.of("steps", "find", "outputs", "my-out"),
                        List.of("steps", "a", "outputs", "list"),
                        List.of("steps"));
    }

    @Test
    void references_allowsWhitespaceAroundDots_andRawStringEscapes() {
        assertThat(Expressions.references("inputs . region == 'it\\'s inputs.x'")).containsExactly(List.of("inputs", "region"));
    }

    @Test
    void without_dropsTheElementsOfTheSecondList_andReadsNullAsEmpty() throws Exception {
        var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "{\"a\":[\"alice\",\"mallory\",\"bob\"],\"b\":[\"mallory\"],\"n\":null}");
        org.assertj.core.api.Assertions.assertThat(Expressions.compiled("without(a, b)").search(doc).toString())
                .isEqualTo("[\"alice\",\"bob\"]");
        org.assertj.core.api.Assertions.assertThat(Expressions.compiled("without(a, n)").search(doc)).hasSize(3);
        org.assertj.core.api.Assertions.assertThat(Expressions.compiled("without(n, b)").search(doc)).isEmpty();
    }
}
