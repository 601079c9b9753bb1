package dev.irshell.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of broken runbooks: one mistake per file, and the exact message an author reads,
 * with the line and column an editor jumps to.
 */
class BrokenRunbooksTest {
    private static final String DIR = "runbooks/broken/";

    /** File name to the one message its mistake gives, printed with origin {@code broken/<file>}. */
    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    private static void expect(String file, String positionAndMessage) {
        EXPECTED.put(file, "broken/" + file + ":" + positionAndMessage);
    }

    static {
        // reading YAML
        expect("empty.yaml", "1:1: empty runbook: expected a mapping with id, title, summary, version, source and sections");
        expect("yaml-syntax-error.yaml", "25:1: YAML syntax error: found unexpected end of stream"
                + " (while scanning a quoted scalar that starts at line 23, column 15)");
        expect("duplicate-key.yaml", "17:9: duplicate key 'name' (first at line 16, column 9); keep one");
        expect("not-utf8.yaml", "2:11: not a runbook: byte 0xE9 is not UTF-8 text; a runbook is a YAML text file in UTF-8"
                + " (is this the right file?)");
        // shape
        expect("unknown-key-suggestion.yaml", "22:9: unknown key 'onfailure' in step 'findInstance'; did you mean 'onFailure'?");
        expect("unknown-key-top-level.yaml", "4:1: unknown key 'author' at the top level;"
                + " expected one of: id, title, summary, version, source, inputs, sections");
        expect("steps-not-a-list.yaml", "14:12: expected a list of steps, found a string");
        expect("version-number.yaml", "4:10: expected a string such as \"1.0.0\", found a number; quote the version");
        expect("missing-title.yaml", "1:1: missing required key 'title' at the top level");
        expect("unquoted-yes.yaml", "28:22: expected a string (the label the operator reads) for 'label', found a boolean;"
                + " YAML reads yes, no, on, off, true and false as booleans, so quote the text");
        expect("no-kind.yaml", "22:9: step 'confirm' has none of 'action', 'manual', 'decision' or 'runbook'; give it exactly one");
        expect("several-kinds.yaml", "22:9: step 'findInstance' has both 'action' and 'manual';"
                + " give it exactly one of 'action', 'manual', 'decision' or 'runbook'");
        expect("manual-false.yaml", "24:17: 'manual' can only be true, found false;"
                + " to make the step run an action or ask a question, use 'action' or 'decision' instead");
        expect("with-on-manual-step.yaml", "25:9: 'with' is only for action and runbook steps, and step 'confirm' is a manual step; remove it");
        expect("too-few-choices.yaml", "27:13: the decision of step 'confirm' has 1 choice; give it at least 2");
        expect("onfailure-invalid.yaml", "22:20: invalid onFailure 'retry'; use abort, continue or goto:<stepId>");
        expect("input-unknown-type.yaml", "12:11: unknown input type 'strng'; did you mean 'string'?");
        // names and duplicates
        expect("bad-runbook-id.yaml", "1:5: runbook id 'Broken_Example' must be lowercase letters, digits and dashes,"
                + " starting with a letter, e.g. unusual-resource-activity");
        expect("bad-step-id.yaml", "22:13: step id 'confirm-it' must be camelCase: a lowercase letter,"
                + " then only letters and digits (expressions refer to it by this name)");
        expect("bad-choice-id.yaml", "27:19: choice id 'yes-done' must be camelCase: a lowercase letter,"
                + " then only letters and digits (expressions refer to it by this name)");
        expect("bad-output-name.yaml", "21:11: output name 'Region' must be camelCase: a lowercase letter,"
                + " then only letters and digits (expressions refer to it by this name)");
        expect("duplicate-step-id.yaml", "22:13: duplicate step id 'findInstance' (first at line 15, column 13); rename one");
        expect("duplicate-input.yaml", "12:11: duplicate input 'instanceId' (first at line 9, column 11); rename one");
        expect("duplicate-choice-id.yaml", "29:19: duplicate choice id 'done' (first at line 27, column 19); rename one");
        expect("bad-source-url.yaml", "7:8: source url 'ftp://repost.aws/knowledge-center' must be an http:// or https:// address");
        // inputs
        expect("input-required-with-default.yaml", "11:5: input 'instanceId' is required and has a default;"
                + " an input with a default is never required, so remove 'required' or the default");
        expect("input-bad-pattern.yaml", "12:14: pattern of input 'instanceId' is not a valid regular expression:"
                + " Unclosed character class near character 17");
        expect("input-default-type.yaml", "15:14: default 'us-east-7' of input 'region' is not a known AWS region;"
                + " did you mean 'us-east-1'?");
        expect("input-default-pattern.yaml", "12:14: default 'instance-1' of input 'instanceId' does not match its pattern"
                + " ^i-[0-9a-f]{8,17}$");
        // actions
        expect("unknown-action.yaml", "17:17: unknown action 'ec2.findInstanse'; did you mean 'ec2.findInstance'?");
        expect("unknown-action-no-suggestion.yaml", "17:17: unknown action 's3.listBuckets';"
                + " check the name against the action catalogue");
        expect("unknown-param.yaml", "20:11: action 'ec2.findInstance' has no parameter 'region'; did you mean 'regions'?"
                + " It accepts: instanceId, regions");
        expect("missing-param.yaml", "18:9: step 'findInstance' does not give parameter 'instanceId',"
                + " which action 'ec2.findInstance' requires; add it under 'with'");
        // order
        expect("requires-unknown.yaml", "25:20: step 'confirm' requires unknown step 'findInstanse'; did you mean 'findInstance'?");
        expect("requires-later.yaml", "22:19: step 'findInstance' requires 'confirm', which runs after it;"
                + " move 'confirm' before 'findInstance' or remove it from 'requires'");
        expect("goto-unknown.yaml", "22:20: onFailure goes to unknown step 'notifyTeam'; name a step of this runbook");
        // templates and JMESPath
        expect("template-unterminated.yaml", "19:23: bad template in 'with.instanceId' at character 1:"
                + " unterminated '${{'; close it with '}}'");
        expect("template-empty.yaml", "19:23: bad template in 'with.instanceId' at character 1:"
                + " empty expression in '${{ }}'; put a JMESPath expression between the braces");
        expect("template-jmespath-error.yaml", "19:23: invalid JMESPath in the template of 'with.instanceId':"
                + " unexpected end of expression at position 20");
        expect("when-jmespath-error.yaml", "25:15: invalid JMESPath in 'when': unexpected end of expression at position 27");
        expect("when-with-template.yaml", "25:15: 'when' is already a JMESPath expression; write it without '${{ }}'");
        expect("output-jmespath-error.yaml", "21:19: invalid JMESPath in output 'region': cannot read '[0' at position 9");
        // references
        expect("ref-unknown-input.yaml", "25:15: 'inputs.instanceID' is not a declared input; did you mean 'instanceId'?");
        expect("ref-unknown-step.yaml", "25:15: 'steps.findInstanse' names no step of this runbook; did you mean 'findInstance'?");
        expect("ref-later-step.yaml", "22:15: step 'confirm' runs after 'findInstance', so its outputs are not known yet");
        expect("ref-unknown-output.yaml", "25:15: step 'findInstance' has no output 'regoin'; did you mean 'region'?"
                + " It has: region");
        expect("ref-not-a-decision.yaml", "25:15: step 'findInstance' is an action step, not a decision, so it has no decision");
        expect("ref-unknown-session-field.yaml", "25:15: unknown session field 'acount'; did you mean 'account'?");
        expect("ref-unknown-step-field.yaml", "25:15: unknown field 'output' of step 'findInstance'; did you mean 'outputs'?"
                + " (a step has outputs, decision, state, note)");
    }

    static Stream<Arguments> corpus() {
        return EXPECTED.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void load_brokenRunbook_givesExactlyItsOneMessage(String file, String expected) throws IOException {
        byte[] content;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(DIR + file)) {
            assertThat(in).as("fixture %s", file).isNotNull();
            content = in.readAllBytes();
        }

        RunbookException e = catchThrowableOfType(RunbookException.class,
                () -> TestActions.loader().load("broken/" + file, content));

        assertThat(e).as("%s should not load", file).isNotNull();
        assertThat(e.getMessage()).isEqualTo(expected);
        assertThat(e.problems()).hasSize(1);
    }

    @Test
    void corpus_everyFileHasAnExpectation_andThereAreEnough() throws IOException, URISyntaxException {
        Path dir = Path.of(getClass().getClassLoader().getResource(DIR).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted())
                    .containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
        }
        assertThat(EXPECTED).hasSizeGreaterThanOrEqualTo(22);
    }
}
