package dev.irshell.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps a {@link LocatedYaml} tree onto the model records, checking the shape only: mapping or
 * list or string where one is expected, required and unknown keys, enum values, one kind per step.
 * What the shape cannot say (names, references, actions, expressions) is {@link RunbookValidator}'s.
 *
 * <p>It never stops at the first problem: a malformed part is left out or left null and the
 * rest is still read, so the validator can report everything else too.
 */
final class RunbookReader {
    static final List<String> TOP_KEYS = List.of("id", "title", "summary", "version", "source", "inputs", "sections");
    static final List<String> SOURCE_KEYS = List.of("title", "url");
    static final List<String> INPUT_KEYS = List.of("name", "description", "required", "default", "pattern", "type");
    static final List<String> SECTION_KEYS = List.of("title", "doc", "steps");
    static final List<String> STEP_KEYS = List.of(
            "id", "name", "doc", "action", "runbook", "with", "outputs", "when", "forEach", "requires", "onFailure", "manual",
            "decision");
    static final List<String> KIND_KEYS = List.of("action", "manual", "decision", "runbook");
    static final List<String> DECISION_KEYS = List.of("question", "choices");
    static final List<String> CHOICE_KEYS = List.of("id", "label");

    /**
     * @param pointers the JSON Pointer each {@link InputDef}, {@link Section}, {@link Step} and
     *                 {@link Choice} was read from (by identity), so the validator can place its messages
     */
    record Result(Runbook runbook, Map<Object, String> pointers, List<Problem> problems) {}

    private final LocatedYaml yaml;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<Object, String> pointers = new IdentityHashMap<>();

    private RunbookReader(LocatedYaml yaml) {
        this.yaml = yaml;
    }

    static Result read(LocatedYaml yaml, String sha256) {
        RunbookReader r = new RunbookReader(yaml);
        Runbook rb = r.runbook(sha256);
        return new Result(rb, Collections.unmodifiableMap(r.pointers), List.copyOf(r.problems));
    }

    private Runbook runbook(String sha256) {
        ObjectNode o = mapping(yaml.root(), "", "a mapping with id, title, summary, version, source and sections");
        if (o == null) {
            return new Runbook(null, null, null, null, null, List.of(), List.of(), yaml.origin(), sha256);
        }
        String owner = "at the top level";
        unknownKeys(o, "", TOP_KEYS, owner);
        missingKeys(o, "", owner, "id", "title", "summary", "version", "source", "sections");
        String id = string(o, "", "id", "the runbook id");
        String title = string(o, "", "title", "the runbook title");
        String summary = string(o, "", "summary", "a one-paragraph summary");
        String version = null;
        if (o.has("version")) {
            JsonNode v = o.get("version");
            if (v.isTextual()) {
                version = v.asText();
            } else {
                problem(yaml.at("/version"), Messages.versionNotString(found(v)));
            }
        }
        SourceRef source = source(o.get("source"));
        List<InputDef> inputs = new ArrayList<>();
        if (o.has("inputs")) {
            JsonNode list = list(o.get("inputs"), "/inputs", "a list of inputs");
            if (list != null) {
                for (int i = 0; i < list.size(); i++) {
                    InputDef in = input(list.get(i), LocatedYaml.child("/inputs", i), i);
                    if (in != null) {
                        inputs.add(in);
                    }
                }
            }
        }
        List<Section> sections = new ArrayList<>();
        if (o.has("sections")) {
            JsonNode list = list(o.get("sections"), "/sections", "a list of sections");
            if (list != null) {
                if (list.isEmpty()) {
                    problem(yaml.at("/sections"), Messages.noSections());
                }
                for (int i = 0; i < list.size(); i++) {
                    Section s = section(list.get(i), LocatedYaml.child("/sections", i), i);
                    if (s != null) {
                        sections.add(s);
                    }
                }
            }
        }
        return new Runbook(id, title, summary, source, version, List.copyOf(inputs), List.copyOf(sections),
                yaml.origin(), sha256);
    }

    private SourceRef source(JsonNode n) {
        if (n == null) {
            return null;
        }
        ObjectNode o = mapping(n, "/source", "a mapping with the title and url of the documented procedure");
        if (o == null) {
            return null;
        }
        String owner = "in 'source'";
        unknownKeys(o, "/source", SOURCE_KEYS, owner);
        missingKeys(o, "/source", owner, "title", "url");
        return new SourceRef(string(o, "/source", "title", "the title of the documented procedure"),
                string(o, "/source", "url", "the address of the documented procedure"));
    }

    private InputDef input(JsonNode n, String ptr, int index) {
        ObjectNode o = mapping(n, ptr, "an input (a mapping with name and description)");
        if (o == null) {
            return null;
        }
        String name = string(o, ptr, "name", "an input name");
        String owner = name != null ? "in input '" + name + "'" : "in input " + (index + 1);
        unknownKeys(o, ptr, INPUT_KEYS, owner);
        missingKeys(o, ptr, owner, "name", "description");
        String description = string(o, ptr, "description", "a description");
        boolean required = false;
        if (o.has("required")) {
            JsonNode r = o.get("required");
            if (r.isBoolean()) {
                required = r.asBoolean();
            } else {
                problem(yaml.at(ptr + "/required"), Messages.expected("true or false", "required", found(r)));
            }
        }
        String defaultValue = null;
        if (o.has("default")) {
            JsonNode d = o.get("default");
            if (d.isValueNode() && !d.isNull()) {
                defaultValue = d.asText();
            } else {
                problem(yaml.at(ptr + "/default"), Messages.expected("a single value", "default", found(d)));
            }
        }
        String pattern = string(o, ptr, "pattern", "a regular expression");
        InputType type = InputType.STRING;
        String typeName = string(o, ptr, "type", "an input type");
        if (typeName != null) {
            type = inputType(typeName, ptr);
        }
        InputDef def = new InputDef(name, description, required && defaultValue == null, defaultValue, pattern, type,
                yaml.at(ptr));
        pointers.put(def, ptr);
        return def;
    }

    private InputType inputType(String name, String ptr) {
        for (InputType t : InputType.values()) {
            if (t.yamlName().equals(name)) {
                return t;
            }
        }
        List<String> names = java.util.Arrays.stream(InputType.values()).map(InputType::yamlName).toList();
        problem(yaml.at(ptr + "/type"), Messages.unknownInputType(name, Names.nearest(name, names), names));
        return InputType.STRING;
    }

    private Section section(JsonNode n, String ptr, int index) {
        ObjectNode o = mapping(n, ptr, "a section (a mapping with title and steps)");
        if (o == null) {
            return null;
        }
        String title = string(o, ptr, "title", "a section title");
        String owner = title != null ? "in section '" + title + "'" : "in section " + (index + 1);
        unknownKeys(o, ptr, SECTION_KEYS, owner);
        missingKeys(o, ptr, owner, "title", "steps");
        String doc = orEmpty(string(o, ptr, "doc", "guidance text"));
        List<Step> steps = new ArrayList<>();
        if (o.has("steps")) {
            String stepsPtr = ptr + "/steps";
            JsonNode list = list(o.get("steps"), stepsPtr, "a list of steps");
            if (list != null) {
                if (list.isEmpty()) {
                    problem(yaml.at(stepsPtr), Messages.noSteps(owner));
                }
                for (int i = 0; i < list.size(); i++) {
                    Step s = step(list.get(i), LocatedYaml.child(stepsPtr, i), i, owner);
                    if (s != null) {
                        steps.add(s);
                    }
                }
            }
        }
        Section s = new Section(title, doc, List.copyOf(steps), yaml.at(ptr));
        pointers.put(s, ptr);
        return s;
    }

    private Step step(JsonNode n, String ptr, int index, String sectionOwner) {
        ObjectNode o = mapping(n, ptr, "a step (a mapping with id, name and one of action, manual or decision)");
        if (o == null) {
            return null;
        }
        String id = string(o, ptr, "id", "a step id");
        String owner = id != null ? "in step '" + id + "'" : "in step " + (index + 1) + " " + sectionOwner;
        String label = id != null ? "step '" + id + "'" : "step " + (index + 1) + " " + sectionOwner;
        unknownKeys(o, ptr, STEP_KEYS, owner);
        missingKeys(o, ptr, owner, "id", "name");
        String name = string(o, ptr, "name", "a display name");
        String doc = orEmpty(string(o, ptr, "doc", "guidance text"));

        List<String> kinds = new ArrayList<>(KIND_KEYS.stream().filter(o::has).toList());
        kinds.sort(Comparator.comparing(k -> yaml.keyAt(LocatedYaml.child(ptr, k)),
                Comparator.comparingInt(SourcePos::line).thenComparingInt(SourcePos::col)));
        StepKind kind = null;
        if (kinds.isEmpty()) {
            problem(yaml.at(ptr), Messages.noKind(label));
        } else {
            kind = StepKind.valueOf(kinds.get(0).toUpperCase(Locale.ROOT));
            if (kinds.size() > 1) {
                problem(yaml.keyAt(LocatedYaml.child(ptr, kinds.get(1))), Messages.severalKinds(label, kinds));
            }
        }

        Map<String, SourcePos> fieldPos = new LinkedHashMap<>();
        o.fieldNames().forEachRemaining(k -> fieldPos.put(k, yaml.at(LocatedYaml.child(ptr, k))));

        String action = kind == StepKind.ACTION ? string(o, ptr, "action", "an action name such as ec2.findInstance") : null;
        String runbook = kind == StepKind.RUNBOOK ? string(o, ptr, "runbook", "a runbook id such as unusual-resource-activity")
                : null;
        boolean takesWith = kind == StepKind.ACTION || kind == StepKind.RUNBOOK;
        Map<String, JsonNode> with = new LinkedHashMap<>();
        Map<String, String> outputs = new LinkedHashMap<>();
        for (String actionOnly : List.of("with", "outputs")) {
            if (o.has(actionOnly) && kind != null && !takesWith) {
                problem(yaml.keyAt(LocatedYaml.child(ptr, actionOnly)), Messages.actionOnlyKey(actionOnly, label, kind));
            }
        }
        if (o.has("with") && takesWith) {
            ObjectNode w = mapping(o.get("with"), ptr + "/with", "a mapping of action parameters");
            if (w != null) {
                w.fields().forEachRemaining(e -> {
                    with.put(e.getKey(), e.getValue());
                    fieldPos.put("with." + e.getKey(), yaml.at(LocatedYaml.child(ptr + "/with", e.getKey())));
                });
            }
        }
        if (o.has("outputs") && takesWith) {
            ObjectNode out = mapping(o.get("outputs"), ptr + "/outputs", "a mapping of output names to JMESPath selectors");
            if (out != null) {
                out.fields().forEachRemaining(e -> {
                    String p = LocatedYaml.child(ptr + "/outputs", e.getKey());
                    if (e.getValue().isTextual()) {
                        outputs.put(e.getKey(), e.getValue().asText());
                        fieldPos.put("outputs." + e.getKey(), yaml.at(p));
                    } else {
                        problem(yaml.at(p), Messages.expected("a JMESPath selector (a string)",
                                "outputs." + e.getKey(), found(e.getValue())));
                    }
                });
            }
        }
        String when = string(o, ptr, "when", "a JMESPath condition (a string)");
        String forEach = string(o, ptr, "forEach", "a JMESPath expression giving a list (a string)");
        if (forEach != null && kind != null && kind != StepKind.ACTION) {
            problem(yaml.keyAt(LocatedYaml.child(ptr, "forEach")), Messages.forEachOnlyOnActions(label, kind));
        }
        List<String> requires = requires(o, ptr);
        OnFailure onFailure = onFailure(o, ptr);
        if (o.has("manual")) {
            JsonNode m = o.get("manual");
            if (!(m.isBoolean() && m.asBoolean())) {
                problem(yaml.at(ptr + "/manual"), Messages.manualNotTrue(m.isBoolean() ? "false" : found(m)));
            }
        }
        String question = null;
        List<Choice> choices = new ArrayList<>();
        if (o.has("decision") && kind == StepKind.DECISION) {
            String dptr = ptr + "/decision";
            ObjectNode d = mapping(o.get("decision"), dptr, "a mapping with question and choices");
            if (d != null) {
                String downer = "in the decision of " + label;
                unknownKeys(d, dptr, DECISION_KEYS, downer);
                missingKeys(d, dptr, downer, "question", "choices");
                question = string(d, dptr, "question", "the question the operator answers");
                if (d.has("choices")) {
                    choices(d.get("choices"), dptr + "/choices", label, choices);
                }
            }
        }
        Step step = new Step(id, name, doc, kind, action, runbook, Collections.unmodifiableMap(with),
                Collections.unmodifiableMap(outputs), when, forEach, requires, onFailure, question, List.copyOf(choices),
                yaml.at(ptr), Collections.unmodifiableMap(fieldPos));
        pointers.put(step, ptr);
        return step;
    }

    private void choices(JsonNode n, String ptr, String stepLabel, List<Choice> out) {
        JsonNode list = list(n, ptr, "a list of choices");
        if (list == null) {
            return;
        }
        if (list.size() < 2) {
            problem(yaml.at(ptr), Messages.tooFewChoices(stepLabel, list.size()));
        }
        for (int i = 0; i < list.size(); i++) {
            String cptr = LocatedYaml.child(ptr, i);
            ObjectNode c = mapping(list.get(i), cptr, "a choice (a mapping with id and label)");
            if (c == null) {
                continue;
            }
            String id = string(c, cptr, "id", "a choice id");
            String owner = "in choice " + (id != null ? "'" + id + "'" : String.valueOf(i + 1)) + " of " + stepLabel;
            unknownKeys(c, cptr, CHOICE_KEYS, owner);
            missingKeys(c, cptr, owner, "id", "label");
            Choice choice = new Choice(id, string(c, cptr, "label", "the label the operator reads"));
            pointers.put(choice, cptr);
            out.add(choice);
        }
    }

    private List<String> requires(ObjectNode o, String ptr) {
        if (!o.has("requires")) {
            return List.of();
        }
        JsonNode r = o.get("requires");
        String rptr = ptr + "/requires";
        if (r.isTextual()) {
            return List.of(r.asText());
        }
        if (!r.isArray()) {
            problem(yaml.at(rptr), Messages.expected("a step id or a list of step ids", "requires", found(r)));
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < r.size(); i++) {
            if (r.get(i).isTextual()) {
                ids.add(r.get(i).asText());
            } else {
                problem(yaml.at(LocatedYaml.child(rptr, i)), Messages.expected("a step id", "requires", found(r.get(i))));
            }
        }
        return List.copyOf(ids);
    }

    private OnFailure onFailure(ObjectNode o, String ptr) {
        String v = string(o, ptr, "onFailure", "abort, continue or goto:<stepId>");
        if (v == null) {
            return OnFailure.ABORT;
        }
        switch (v) {
            case "abort":
                return OnFailure.ABORT;
            case "continue":
                return OnFailure.CONTINUE;
            default:
                if (v.startsWith("goto:") && !v.substring(5).isBlank()) {
                    return OnFailure.gotoStep(v.substring(5).trim());
                }
                problem(yaml.at(ptr + "/onFailure"),
                        Messages.invalidOnFailure(v, Names.nearest(v, List.of("abort", "continue"))));
                return OnFailure.ABORT;
        }
    }

    // --- shape helpers ---

    private ObjectNode mapping(JsonNode n, String ptr, String expected) {
        if (n instanceof ObjectNode o) {
            return o;
        }
        problem(yaml.at(ptr), Messages.expectedFound(expected, found(n)));
        return null;
    }

    private JsonNode list(JsonNode n, String ptr, String expected) {
        if (n.isArray()) {
            return n;
        }
        problem(yaml.at(ptr), Messages.expectedFound(expected, found(n)));
        return null;
    }

    /** The string value of {@code key}, or null when it is absent or (reported) not a string. */
    private String string(ObjectNode o, String ptr, String key, String what) {
        JsonNode v = o.get(key);
        if (v == null) {
            return null;
        }
        if (v.isTextual()) {
            return v.asText();
        }
        problem(yaml.at(LocatedYaml.child(ptr, key)), Messages.expected("a string (" + what + ")", key, found(v)));
        return null;
    }

    private void unknownKeys(ObjectNode o, String ptr, List<String> known, String owner) {
        o.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) {
                problem(yaml.keyAt(LocatedYaml.child(ptr, k)), Messages.unknownKey(k, owner, Names.nearest(k, known), known));
            }
        });
    }

    private void missingKeys(ObjectNode o, String ptr, String owner, String... keys) {
        for (String k : keys) {
            if (!o.has(k)) {
                problem(yaml.at(ptr), Messages.missingKey(k, owner));
            }
        }
    }

    private void problem(SourcePos pos, String message) {
        problems.add(new Problem(pos, message));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** How a node reads in "expected X, found Y". */
    static String found(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return "nothing";
        }
        if (n.isTextual()) {
            return "a string";
        }
        if (n.isNumber()) {
            return "a number";
        }
        if (n.isBoolean()) {
            return "a boolean";
        }
        if (n.isArray()) {
            return "a list";
        }
        if (n.isObject()) {
            return "a mapping";
        }
        return "a value";
    }
}
