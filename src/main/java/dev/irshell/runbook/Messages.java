package dev.irshell.runbook;

import java.util.List;
import java.util.Optional;

/**
 * Every message an author reads about a runbook, in one place. Each says what is wrong and,
 * where it can, what to write instead.
 */
final class Messages {
    private Messages() {}

    // --- reading YAML ---

    static String emptyRunbook() {
        return "empty runbook: expected a mapping with id, title, summary, version, source and sections";
    }

    static String secondDocument() {
        return "a runbook file holds one YAML document; remove the second '---' and what follows it";
    }

    static String unreadable(String reason) {
        return "cannot read the file: " + reason;
    }

    static String notText(String what) {
        return "not a runbook: " + what + "; a runbook is a YAML text file in UTF-8 (is this the right file?)";
    }

    static String yamlSyntax(String detail) {
        return "YAML syntax error: " + detail;
    }

    static String duplicateKey(String key, SourcePos first) {
        return "duplicate key '" + key + "' (first at " + lineCol(first) + "); keep one";
    }

    static String alias(String name) {
        return "YAML aliases such as '*" + name + "' are not supported; write the value out";
    }

    // --- shape ---

    static String expectedFound(String expected, String found) {
        return "expected " + expected + ", found " + found;
    }

    static String expected(String expected, String key, String found) {
        String hint = expected.startsWith("a string") && "a boolean".equals(found)
                ? "; YAML reads yes, no, on, off, true and false as booleans, so quote the text" : "";
        return "expected " + expected + " for '" + key + "', found " + found + hint;
    }

    static String versionNotString(String found) {
        return "expected a string such as \"1.0.0\", found " + found + "; quote the version";
    }

    static String unknownKey(String key, String owner, Optional<String> nearest, List<String> known) {
        return "unknown key '" + key + "' " + owner + nearest.map(n -> "; did you mean '" + n + "'?")
                .orElse("; expected one of: " + String.join(", ", known));
    }

    static String missingKey(String key, String owner) {
        return "missing required key '" + key + "' " + owner;
    }

    static String noSections() {
        return "the runbook has no sections; add at least one section with steps";
    }

    static String noSteps(String owner) {
        return "no steps " + owner + "; add at least one step";
    }

    static String unknownInputType(String name, Optional<String> nearest, List<String> types) {
        return "unknown input type '" + name + "'" + nearest.map(n -> "; did you mean '" + n + "'?")
                .orElse("; use one of: " + String.join(", ", types));
    }

    static String noKind(String step) {
        return step + " has none of 'action', 'manual', 'decision' or 'runbook'; give it exactly one";
    }

    static String severalKinds(String step, List<String> kinds) {
        String has = kinds.size() == 2
                ? "both '" + kinds.get(0) + "' and '" + kinds.get(1) + "'"
                : String.join(", ", kinds.stream().map(k -> "'" + k + "'").toList());
        return step + " has " + has + "; give it exactly one of 'action', 'manual', 'decision' or 'runbook'";
    }

    static String actionOnlyKey(String key, String step, StepKind kind) {
        return "'" + key + "' is only for action and runbook steps, and " + step + " is " + kindPhrase(kind) + "; remove it";
    }

    static String forEachOnlyOnActions(String step, StepKind kind) {
        return "'forEach' is only for action steps, and " + step + " is " + kindPhrase(kind) + "; remove it";
    }

    static String manualNotTrue(String found) {
        return "'manual' can only be true, found " + found
                + "; to make the step run an action or ask a question, use 'action' or 'decision' instead";
    }

    static String tooFewChoices(String step, int count) {
        return "the decision of " + step + " has " + count + (count == 1 ? " choice" : " choices")
                + "; give it at least 2";
    }

    static String invalidOnFailure(String value, Optional<String> nearest) {
        return "invalid onFailure '" + value + "'" + nearest.map(n -> "; did you mean '" + n + "'?").orElse("")
                + "; use abort, continue or goto:<stepId>";
    }

    // --- templates and expressions ---

    static String unterminatedTemplate() {
        return "unterminated '${{'; close it with '}}'";
    }

    static String emptyTemplate() {
        return "empty expression in '${{ }}'; put a JMESPath expression between the braces";
    }

    static String badTemplate(String where, String detail, int offset) {
        return "bad template in '" + where + "' at character " + (offset + 1) + ": " + detail;
    }

    static String templateInBareExpression(String where) {
        return where + " is already a JMESPath expression; write it without '${{ }}'";
    }

    static String badExpression(String where, String detail) {
        return "invalid JMESPath in " + where + ": " + detail;
    }

    // --- names, duplicates, values ---

    static String badRunbookId(String id) {
        return "runbook id '" + id + "' must be lowercase letters, digits and dashes, starting with a letter,"
                + " e.g. unusual-resource-activity";
    }

    static String badCamelName(String what, String name) {
        return what + " '" + name + "' must be camelCase: a lowercase letter, then only letters and digits"
                + " (expressions refer to it by this name)";
    }

    static String duplicate(String what, String name, SourcePos first) {
        return "duplicate " + what + " '" + name + "' (first at " + lineCol(first) + "); rename one";
    }

    static String badUrl(String url) {
        return "source url '" + url + "' must be an http:// or https:// address";
    }

    static String requiredWithDefault(String input) {
        return "input '" + input + "' is required and has a default; an input with a default is never required,"
                + " so remove 'required' or the default";
    }

    static String badPattern(String input, String description, int index) {
        return "pattern of input '" + input + "' is not a valid regular expression: " + description
                + (index >= 0 ? " near character " + (index + 1) : "");
    }

    static String badDefault(String input, String value, String why) {
        return "default '" + value + "' of input '" + input + "' " + why;
    }

    static String notInteger() {
        return "is not a whole number";
    }

    static String notRegion(Optional<String> nearest) {
        return "is not a known AWS region" + nearest.map(n -> "; did you mean '" + n + "'?").orElse("");
    }

    static String notInstant() {
        return "is not an ISO-8601 instant such as 2026-11-01T00:00:00Z or a time back from now such as -14d";
    }

    static String defaultMismatch(String input, String value, String pattern) {
        return "default '" + value + "' of input '" + input + "' does not match its pattern " + pattern;
    }

    // --- actions ---

    static String unknownAction(String name, Optional<String> nearest) {
        return "unknown action '" + name + "'" + nearest.map(n -> "; did you mean '" + n + "'?")
                .orElse("; check the name against the action catalogue");
    }

    static String unknownParam(String action, String param, Optional<String> nearest, List<String> accepted) {
        String takes = accepted.isEmpty() ? "it takes no parameters" : "it accepts: " + String.join(", ", accepted);
        return "action '" + action + "' has no parameter '" + param + "'"
                + nearest.map(n -> "; did you mean '" + n + "'? " + capitalize(takes)).orElse("; " + takes);
    }

    static String missingParam(String action, String param, String step) {
        return "step '" + step + "' does not give parameter '" + param + "', which action '" + action
                + "' requires; add it under 'with'";
    }

    // --- step order ---

    static String requiresUnknown(String step, String target, Optional<String> nearest) {
        return "step '" + step + "' requires unknown step '" + target + "'"
                + nearest.map(n -> "; did you mean '" + n + "'?").orElse("");
    }

    static String requiresItself(String step) {
        return "step '" + step + "' requires itself; remove it from 'requires'";
    }

    static String requiresLater(String step, String target) {
        return "step '" + step + "' requires '" + target + "', which runs after it; move '" + target
                + "' before '" + step + "' or remove it from 'requires'";
    }

    static String unknownGoto(String target, Optional<String> nearest) {
        return "onFailure goes to unknown step '" + target + "'"
                + nearest.map(n -> "; did you mean '" + n + "'?").orElse("; name a step of this runbook");
    }

    // --- references in expressions ---

    static String unknownInput(String name, Optional<String> nearest) {
        return "'inputs." + name + "' is not a declared input"
                + nearest.map(n -> "; did you mean '" + n + "'?").orElse("; declare it under 'inputs'");
    }

    static String unknownSessionField(String name, Optional<String> nearest, List<String> fields) {
        return "unknown session field '" + name + "'" + nearest.map(n -> "; did you mean '" + n + "'?")
                .orElse("; use one of: " + String.join(", ", fields));
    }

    static String unknownStepRef(String id, Optional<String> nearest) {
        return "'steps." + id + "' names no step of this runbook"
                + nearest.map(n -> "; did you mean '" + n + "'?").orElse("");
    }

    static String unknownStepField(String id, String field, Optional<String> nearest, List<String> fields) {
        return "unknown field '" + field + "' of step '" + id + "'"
                + nearest.map(n -> "; did you mean '" + n + "'?").orElse("")
                + " (a step has " + String.join(", ", fields) + ")";
    }

    static String selfReference(String step) {
        return "step '" + step + "' refers to itself; an expression can only use steps that run before it";
    }

    static String laterStep(String id, String from, String field) {
        String what = field == null ? "nothing of it is" : switch (field) {
            case "outputs" -> "its outputs are";
            default -> "its " + field + " is";
        };
        return "step '" + id + "' runs after '" + from + "', so " + what + " not known yet";
    }

    static String noOutputsOnKind(String id, StepKind kind) {
        return "step '" + id + "' is " + kindPhrase(kind) + " and has no outputs";
    }

    static String unknownOutput(String id, String output, Optional<String> nearest, List<String> outputs) {
        if (outputs.isEmpty()) {
            return "step '" + id + "' has no output '" + output + "'; it declares no outputs, so add one under its 'outputs'";
        }
        String has = "it has: " + String.join(", ", outputs);
        return "step '" + id + "' has no output '" + output + "'"
                + nearest.map(n -> "; did you mean '" + n + "'? " + capitalize(has)).orElse("; " + has);
    }

    static String notDecision(String id, StepKind kind) {
        return "step '" + id + "' is " + kindPhrase(kind) + ", not a decision, so it has no decision";
    }

    // --- loading many ---

    static String duplicateRunbookId(String id, String otherOrigin) {
        return "runbook id '" + id + "' is also used by " + otherOrigin + "; give each runbook its own id";
    }

    private static String kindPhrase(StepKind kind) {
        return kind == null ? "a step of no kind" : switch (kind) {
            case ACTION -> "an action step";
            case MANUAL -> "a manual step";
            case DECISION -> "a decision step";
            case RUNBOOK -> "a runbook step";
        };
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String lineCol(SourcePos pos) {
        return "line " + pos.line() + ", column " + pos.col();
    }
}
