package dev.irshell.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks what the shape of a runbook cannot say: name formats, duplicates, the actions and
 * their parameters, {@code requires} and {@code goto} targets, templates and JMESPath, and that
 * every context path an expression names exists by the time the step runs.
 * Reports problems; never throws for a bad runbook.
 */
final class RunbookValidator {
    private final Function<String, Optional<ActionSignature>> actions;
    private final Collection<String> actionNames;

    RunbookValidator(Function<String, Optional<ActionSignature>> actions, Collection<String> actionNames) {
        this.actions = actions;
        this.actionNames = List.copyOf(actionNames);
    }

    List<Problem> validate(Runbook rb, LocatedYaml yaml, Map<Object, String> pointers) {
        return new Pass(rb, yaml, pointers).run();
    }

    /** One validation of one runbook. */
    private final class Pass {
        final Runbook rb;
        final LocatedYaml yaml;
        final Map<Object, String> pointers;
        final List<Problem> problems = new ArrayList<>();
        final List<Step> steps;
        final Map<String, Integer> order = new HashMap<>();
        final ReferenceChecker refs;

        Pass(Runbook rb, LocatedYaml yaml, Map<Object, String> pointers) {
            this.rb = rb;
            this.yaml = yaml;
            this.pointers = pointers;
            this.steps = rb.steps();
            for (int i = 0; i < steps.size(); i++) {
                if (steps.get(i).id() != null) {
                    order.putIfAbsent(steps.get(i).id(), i);
                }
            }
            this.refs = new ReferenceChecker(rb, steps, order);
        }

        List<Problem> run() {
            if (rb.id() != null && !Names.RUNBOOK_ID.matcher(rb.id()).matches()) {
                problem(yaml.at("/id"), Messages.badRunbookId(rb.id()));
            }
            if (rb.source() != null && rb.source().url() != null && !isHttpUrl(rb.source().url())) {
                problem(yaml.at("/source/url"), Messages.badUrl(rb.source().url()));
            }
            inputs();
            stepIds();
            for (int i = 0; i < steps.size(); i++) {
                step(steps.get(i), i);
            }
            return problems;
        }

        private void inputs() {
            Map<String, InputDef> seen = new HashMap<>();
            for (InputDef in : rb.inputs()) {
                String ptr = pointers.get(in);
                if (in.name() != null) {
                    SourcePos namePos = yaml.at(ptr + "/name");
                    if (!Names.isCamel(in.name())) {
                        problem(namePos, Messages.badCamelName("input name", in.name()));
                    }
                    InputDef first = seen.putIfAbsent(in.name(), in);
                    if (first != null) {
                        problem(namePos, Messages.duplicate("input", in.name(), yaml.at(pointers.get(first) + "/name")));
                    }
                }
                JsonNode required = yaml.root().at(ptr + "/required");
                if (in.defaultValue() != null && required.isBoolean() && required.asBoolean()) {
                    problem(yaml.keyAt(ptr + "/required"), Messages.requiredWithDefault(in.name()));
                }
                Pattern pattern = null;
                if (in.pattern() != null) {
                    try {
                        pattern = Pattern.compile(in.pattern());
                    } catch (PatternSyntaxException e) {
                        problem(yaml.at(ptr + "/pattern"), Messages.badPattern(in.name(), e.getDescription(), e.getIndex()));
                    }
                }
                if (in.defaultValue() != null) {
                    SourcePos defPos = yaml.at(ptr + "/default");
                    String typeProblem = typeProblem(in.type(), in.defaultValue());
                    if (typeProblem != null) {
                        problem(defPos, Messages.badDefault(in.name(), in.defaultValue(), typeProblem));
                    } else if (pattern != null && !pattern.matcher(in.defaultValue()).matches()) {
                        problem(defPos, Messages.defaultMismatch(in.name(), in.defaultValue(), in.pattern()));
                    }
                }
            }
        }

        private void stepIds() {
            Map<String, Step> seen = new HashMap<>();
            for (Step s : steps) {
                if (s.id() == null) {
                    continue;
                }
                String ptr = pointers.get(s);
                if (!Names.isCamel(s.id())) {
                    problem(yaml.at(ptr + "/id"), Messages.badCamelName("step id", s.id()));
                }
                Step first = seen.putIfAbsent(s.id(), s);
                if (first != null) {
                    problem(yaml.at(ptr + "/id"), Messages.duplicate("step id", s.id(), yaml.at(pointers.get(first) + "/id")));
                }
            }
        }

        private void step(Step s, int index) {
            String ptr = pointers.get(s);
            String label = s.id() != null ? s.id() : "#" + (index + 1);
            if (s.kind() == StepKind.ACTION && s.action() != null) {
                action(s, ptr, label);
            }
            s.outputs().forEach((name, selector) -> {
                String optr = LocatedYaml.child(ptr + "/outputs", name);
                if (!Names.isCamel(name)) {
                    problem(yaml.keyAt(optr), Messages.badCamelName("output name", name));
                }
                compile(selector, yaml.at(optr), "output '" + name + "'");
            });
            if (s.when() != null) {
                SourcePos pos = yaml.at(ptr + "/when");
                if (compile(s.when(), pos, "'when'")) {
                    references(s.when(), s, index, pos);
                }
            }
            if (s.forEach() != null) {
                SourcePos pos = yaml.at(ptr + "/forEach");
                if (compile(s.forEach(), pos, "'forEach'")) {
                    references(s.forEach(), s, index, pos);
                }
            }
            s.with().forEach((param, value) -> templates(value, LocatedYaml.child(ptr + "/with", param), "with." + param, s, index));
            requires(s, ptr, index, label);
            if (s.onFailure() != null && s.onFailure().kind() == OnFailure.Kind.GOTO
                    && !order.containsKey(s.onFailure().gotoStep())) {
                problem(yaml.at(ptr + "/onFailure"), Messages.unknownGoto(s.onFailure().gotoStep(),
                        Names.nearest(s.onFailure().gotoStep(), order.keySet())));
            }
            choices(s);
        }

        private void action(Step s, String ptr, String label) {
            Optional<ActionSignature> sig = actions.apply(s.action());
            if (sig.isEmpty()) {
                problem(yaml.at(ptr + "/action"), Messages.unknownAction(s.action(), Names.nearest(s.action(), actionNames)));
                return;
            }
            ActionSignature a = sig.get();
            List<String> accepted = new ArrayList<>(a.requiredParams());
            accepted.addAll(a.optionalParams());
            accepted.sort(null);
            for (String param : s.with().keySet()) {
                if (!a.accepts(param)) {
                    problem(yaml.keyAt(LocatedYaml.child(ptr + "/with", param)),
                            Messages.unknownParam(a.name(), param, Names.nearest(param, accepted), accepted));
                }
            }
            a.requiredParams().stream().sorted().filter(p -> !s.with().containsKey(p)).forEach(p ->
                    problem(yaml.keyAt(ptr + (s.fieldPos().containsKey("with") ? "/with" : "/action")),
                            Messages.missingParam(a.name(), p, label)));
        }

        private void templates(JsonNode value, String ptr, String where, Step s, int index) {
            if (value.isTextual()) {
                String text = value.asText();
                if (!Template.hasTemplate(text)) {
                    return;
                }
                SourcePos pos = yaml.at(ptr);
                Template t;
                try {
                    t = Template.parse(text);
                } catch (TemplateSyntaxException e) {
                    problem(pos, Messages.badTemplate(where, e.getMessage(), e.offset()));
                    return;
                }
                for (Template.Expression e : t.expressions()) {
                    if (compile(e.source(), pos, "the template of '" + where + "'")) {
                        references(e.source(), s, index, pos);
                    }
                }
            } else if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    templates(value.get(i), LocatedYaml.child(ptr, i), where + "[" + i + "]", s, index);
                }
            } else if (value.isObject()) {
                value.fields().forEachRemaining(e ->
                        templates(e.getValue(), LocatedYaml.child(ptr, e.getKey()), where + "." + e.getKey(), s, index));
            }
        }

        private void requires(Step s, String ptr, int index, String label) {
            JsonNode raw = yaml.root().at(ptr + "/requires");
            for (int i = 0; i < s.requires().size(); i++) {
                String target = s.requires().get(i);
                SourcePos pos = raw.isArray() ? yaml.at(LocatedYaml.child(ptr + "/requires", i)) : yaml.at(ptr + "/requires");
                Integer at = order.get(target);
                if (at == null) {
                    problem(pos, Messages.requiresUnknown(label, target, Names.nearest(target, order.keySet())));
                } else if (at == index) {
                    problem(pos, Messages.requiresItself(label));
                } else if (at > index) {
                    problem(pos, Messages.requiresLater(label, target));
                }
            }
        }

        private void choices(Step s) {
            Map<String, Choice> seen = new HashMap<>();
            for (Choice c : s.choices()) {
                if (c.id() == null) {
                    continue;
                }
                SourcePos pos = yaml.at(pointers.get(c) + "/id");
                if (!Names.isCamel(c.id())) {
                    problem(pos, Messages.badCamelName("choice id", c.id()));
                }
                Choice first = seen.putIfAbsent(c.id(), c);
                if (first != null) {
                    problem(pos, Messages.duplicate("choice id", c.id(), yaml.at(pointers.get(first) + "/id")));
                }
            }
        }

        private boolean compile(String jmespath, SourcePos pos, String where) {
            if (Template.hasTemplate(jmespath)) {
                problem(pos, Messages.templateInBareExpression(where));
                return false;
            }
            try {
                Expressions.compile(jmespath);
                return true;
            } catch (ExpressionSyntaxException e) {
                problem(pos, Messages.badExpression(where, e.getMessage()));
                return false;
            }
        }

        private void references(String jmespath, Step current, int index, SourcePos pos) {
            for (List<String> path : Expressions.references(jmespath)) {
                refs.check(path, current, index).ifPresent(message -> problem(pos, message));
            }
        }

        private void problem(SourcePos pos, String message) {
            problems.add(new Problem(pos, message));
        }
    }

    static boolean isHttpUrl(String url) {
        try {
            URI u = new URI(url);
            return ("https".equalsIgnoreCase(u.getScheme()) || "http".equalsIgnoreCase(u.getScheme()))
                    && u.getHost() != null && !u.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Why {@code value} is not of {@code type} (a phrase such as "not a whole number"), or null if it is. */
    static String typeProblem(InputType type, String value) {
        return switch (type) {
            case STRING -> null;
            case INTEGER -> value.matches("[+-]?\\d+") ? null : Messages.notInteger();
            case REGION -> Regions.isKnown(value) ? null : Messages.notRegion(Names.nearest(value, Regions.KNOWN));
            case DATETIME -> RelativeTime.isValid(value) ? null : Messages.notInstant();
        };
    }
}
