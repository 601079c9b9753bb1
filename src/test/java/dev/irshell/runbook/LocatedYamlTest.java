package dev.irshell.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LocatedYamlTest {
    private static LocatedYaml parse(String yaml) throws RunbookException {
        return LocatedYaml.parse("f.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    private static String syntaxError(String yaml) {
        return catchThrowableOfType(RunbookException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void parse_blockYaml_recordsNodeAndKeyPositionsByPointer() throws Exception {
        LocatedYaml y = parse("""
                id: x
                sections:
                  - title: "One"
                    steps:
                      - id: a
                        with: {p: [1, 2], "a/b": true}
                """);

        assertThat(y.root().at("/sections/0/steps/0/id").asText()).isEqualTo("a");
        assertThat(y.at("")).isEqualTo(new SourcePos("f.yaml", 1, 1));
        assertThat(y.at("/id")).isEqualTo(new SourcePos("f.yaml", 1, 5));
        assertThat(y.keyAt("/sections")).isEqualTo(new SourcePos("f.yaml", 2, 1));
        assertThat(y.at("/sections")).isEqualTo(new SourcePos("f.yaml", 3, 3));
        assertThat(y.at("/sections/0")).isEqualTo(new SourcePos("f.yaml", 3, 5));
        assertThat(y.at("/sections/0/title")).isEqualTo(new SourcePos("f.yaml", 3, 12));
        assertThat(y.keyAt("/sections/0/steps/0/with")).isEqualTo(new SourcePos("f.yaml", 6, 9));
        assertThat(y.at("/sections/0/steps/0/with/p/1")).isEqualTo(new SourcePos("f.yaml", 6, 23));
        assertThat(y.keyAt(LocatedYaml.child("/sections/0/steps/0/with", "a/b"))).isEqualTo(new SourcePos("f.yaml", 6, 27));
        assertThat(y.problems()).isEmpty();
    }

    @Test
    void at_missingNode_fallsBackToItsNearestAncestor() throws Exception {
        LocatedYaml y = parse("a:\n  b: 1\n");

        assertThat(y.at("/a/nope/deeper")).isEqualTo(y.at("/a"));
        assertThat(y.keyAt("/a/nope")).isEqualTo(y.at("/a"));
    }

    @Test
    void parse_scalars_keepTheirJsonTypes() throws Exception {
        LocatedYaml y = parse("s: text\ni: 7\nd: 1.5\nb: true\nn: ~\nq: \"7\"\n");

        assertThat(y.root().get("s").isTextual()).isTrue();
        assertThat(y.root().get("i").isIntegralNumber()).isTrue();
        assertThat(y.root().get("d").isNumber()).isTrue();
        assertThat(y.root().get("b").isBoolean()).isTrue();
        assertThat(y.root().get("n").isNull()).isTrue();
        assertThat(y.root().get("q").isTextual()).isTrue();
    }

    @Test
    void parse_duplicateKey_isAProblemAtTheSecondKey_andTheFirstValueWins() throws Exception {
        LocatedYaml y = parse("id: first\ntitle: t\nid: second\n");

        assertThat(y.root().get("id").asText()).isEqualTo("first");
        assertThat(y.problems()).extracting(Problem::toString)
                .containsExactly("f.yaml:3:1: duplicate key 'id' (first at line 1, column 1); keep one");
    }

    @Test
    void parse_emptyOrCommentOnly_isAnEmptyRunbook() {
        String expected = "f.yaml:1:1: empty runbook: expected a mapping with id, title, summary, version, source and sections";
        assertThat(syntaxError("")).isEqualTo(expected);
        assertThat(syntaxError("# only a comment\n\n")).isEqualTo(expected);
        assertThat(syntaxError("---\n")).isEqualTo(expected);
    }

    @Test
    void parse_syntaxErrors_sayWhereAndWhatWithoutJavaNames() {
        assertThat(syntaxError("id: x\n  bad: y\n"))
                .isEqualTo("f.yaml:2:6: YAML syntax error: mapping values are not allowed here");
        assertThat(syntaxError("a: [1, 2\n"))
                .isEqualTo("f.yaml:2:1: YAML syntax error: expected ',' or ']', but got <stream end>"
                        + " (while parsing a flow sequence that starts at line 1, column 4)");
        assertThat(syntaxError("a:\n\t- b\n"))
                .isEqualTo("f.yaml:2:1: YAML syntax error: while scanning for the next token;"
                        + " found a tab that cannot start any token; indent with spaces, not tabs");
    }

    @Test
    void parse_secondDocument_isAProblem() throws Exception {
        LocatedYaml y = parse("a: 1\n---\nb: 2\n");

        assertThat(y.problems()).extracting(Problem::toString).containsExactly(
                "f.yaml:3:1: a runbook file holds one YAML document; remove the second '---' and what follows it");
    }

    @Test
    void parse_alias_isAProblem() throws Exception {
        LocatedYaml y = parse("a: &x hello\nb: *x\n");

        assertThat(y.problems()).extracting(Problem::message)
                .containsExactly("YAML aliases such as '*x' are not supported; write the value out");
    }
}
