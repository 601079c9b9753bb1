package dev.irshell.action;

/** One parameter of an action. */
public record ParamSpec(String name, ParamKind kind, boolean required, String description) {
    public static ParamSpec required(String name, ParamKind kind, String description) {
        return new ParamSpec(name, kind, true, description);
    }

    public static ParamSpec optional(String name, ParamKind kind, String description) {
        return new ParamSpec(name, kind, false, description);
    }
}
