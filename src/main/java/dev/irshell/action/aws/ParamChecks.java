package dev.irshell.action.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irshell.action.ActionFailure;
import dev.irshell.action.ParamKind;
import dev.irshell.action.Params;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Validation of parameter forms, shared by the actions. */
final class ParamChecks {

    private ParamChecks() {}

    static String instanceId(Params p, String name) {
        return matching(p.string(name).trim(), name, ParamKind.INSTANCE_ID);
    }

    static String accessKeyId(Params p, String name) {
        return matching(p.string(name).trim(), name, ParamKind.ACCESS_KEY_ID);
    }

    static String userName(Params p, String name) {
        return matching(p.string(name).trim(), name, ParamKind.USER_NAME);
    }

    static Optional<String> optUserName(Params p, String name) {
        return p.optString(name).map(s -> matching(s.trim(), name, ParamKind.USER_NAME));
    }

    static Optional<String> optRegion(Params p, String name) {
        return p.optString(name).map(s -> matching(s.trim(), name, ParamKind.REGION));
    }

    /** A LIST parameter given as a JSON array or as comma/space separated text; empty when absent. */
    static List<String> list(Params p, String name) {
        JsonNode v = p.get(name);
        List<String> out = new ArrayList<>();
        if (v == null || v.isMissingNode() || v.isNull()) {
            return out;
        }
        if (v.isArray()) {
            v.forEach(x -> {
                if (!x.isNull() && !x.asText().isBlank()) {
                    out.add(x.asText().trim());
                }
            });
        } else {
            for (String s : v.asText().split("[,\\s]+")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }

    static List<String> regions(Params p, String name) {
        List<String> rs = list(p, name);
        for (String r : rs) {
            matching(r, name, ParamKind.REGION);
        }
        return rs;
    }

    static boolean bool(Params p, String name, boolean dflt) {
        Optional<String> v = p.optString(name);
        if (v.isEmpty()) {
            return dflt;
        }
        return switch (v.get().trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw ActionFailure.invalidParam(name, "true or false", v.get());
        };
    }

    private static String matching(String value, String name, ParamKind kind) {
        if (!kind.accepts(value)) {
            throw ActionFailure.invalidParam(name, kind.expected(), value);
        }
        return value;
    }
}
