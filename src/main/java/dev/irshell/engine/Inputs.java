package dev.irshell.engine;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.runbook.InputDef;
import dev.irshell.action.ParamKind;
import dev.irshell.runbook.Runbook;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Checks the inputs given to a runbook against its declarations and fills in defaults. */
public final class Inputs {
    private Inputs() {}

    /** Empty when {@code value} is a valid value of {@code def}, else the message for the operator. */
    public static Optional<String> problem(InputDef def, String value) {
        ParamKind kind = switch (def.type()) {
            case REGION -> ParamKind.REGION;
            case INTEGER -> ParamKind.INTEGER;
            case DATETIME -> ParamKind.DATETIME;
            case STRING -> ParamKind.TEXT;
        };
        String expected = def.type() == dev.irshell.runbook.InputType.DATETIME
                ? (dev.irshell.runbook.RelativeTime.isValid(value) ? null
                        : "an ISO-8601 time such as 2026-11-01T00:00:00Z, or a time back from now such as -14d, 36h or -90m")
                : kind.accepts(value) ? null : kind.expected();
        if (expected == null && def.pattern() != null && !Pattern.compile(def.pattern()).matcher(value).matches()) {
            expected = ParamKind.ofPattern(def.pattern()).map(ParamKind::expected)
                    .orElse("a value matching " + def.pattern());
        }
        if (expected == null) {
            return Optional.empty();
        }
        return Optional.of("input '" + def.name() + "' (" + def.description() + ") must be " + expected + ", got '" + value + "'");
    }

    /** Names of required inputs without a value. */
    public static List<InputDef> missing(Runbook runbook, Map<String, String> given) {
        return runbook.inputs().stream()
                .filter(d -> d.required() && blank(given.get(d.name())))
                .toList();
    }

    /** Validates everything and returns the inputs object the expressions see. */
    public static ObjectNode resolve(Runbook runbook, Map<String, String> given) throws InputException {
        return resolve(runbook, given, java.time.Clock.systemUTC());
    }

    /** As {@link #resolve(Runbook, Map)}; relative times such as -14d are fixed against {@code clock}. */
    public static ObjectNode resolve(Runbook runbook, Map<String, String> given, java.time.Clock clock) throws InputException {
        List<String> problems = new ArrayList<>();
        for (String name : given.keySet()) {
            if (runbook.input(name).isEmpty()) {
                String near = runbook.inputs().stream().map(InputDef::name).filter(n -> n.equalsIgnoreCase(name))
                        .findFirst().map(n -> " (did you mean '" + n + "'? names are case-sensitive)").orElse("");
                problems.add("unknown input '" + name + "' for runbook " + runbook.id() + near + "; it takes: "
                        + runbook.inputs().stream().map(InputDef::name).collect(Collectors.joining(", ")));
            }
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (InputDef def : runbook.inputs()) {
            String value = given.get(def.name());
            if (blank(value)) {
                value = def.defaultValue();
            }
            if (blank(value)) {
                if (def.required()) {
                    problems.add("input '" + def.name() + "' (" + def.description() + ") is required: give it as --input "
                            + def.name() + "=VALUE");
                }
                out.putNull(def.name());
                continue;
            }
            String v = value.trim();
            if (def.type() == dev.irshell.runbook.InputType.DATETIME) {
                v = dev.irshell.runbook.RelativeTime.parse(v, clock).map(Object::toString).orElse(v);
            }
            problem(def, v).ifPresent(problems::add);
            out.put(def.name(), v);
        }
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        return out;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
