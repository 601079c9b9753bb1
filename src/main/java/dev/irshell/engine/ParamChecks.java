package dev.irshell.engine;

import dev.irshell.action.ParamKind;
import dev.irshell.runbook.Regions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/** The form each kind of parameter must have; used for action parameters and operator prompts. */
public final class ParamChecks {
    private static final Pattern ACCESS_KEY = Pattern.compile("^(AKIA|ASIA)[A-Z0-9]{16}$");
    private static final Pattern INSTANCE = Pattern.compile("^i-[0-9a-f]{8,17}$");
    private static final Pattern USER = Pattern.compile("^[\\w+=,.@-]{1,64}$");
    private static final Pattern INTEGER = Pattern.compile("^-?\\d{1,18}$");

    private ParamChecks() {}

    /** Empty when the value has the kind's form, else what was expected. */
    public static Optional<String> problem(ParamKind kind, String value) {
        boolean ok = switch (kind) {
            case ACCESS_KEY_ID -> ACCESS_KEY.matcher(value).matches();
            case INSTANCE_ID -> INSTANCE.matcher(value).matches();
            case USER_NAME -> USER.matcher(value).matches();
            case REGION -> Regions.isKnown(value);
            case INTEGER -> INTEGER.matcher(value).matches();
            case DATETIME -> isInstant(value);
            case TEXT, LIST -> true;
        };
        return ok ? Optional.empty() : Optional.of(kind.expected());
    }

    private static boolean isInstant(String value) {
        try {
            Instant.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
