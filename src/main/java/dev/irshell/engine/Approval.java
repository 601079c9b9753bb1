package dev.irshell.engine;

/**
 * What the operator answered to a confirmation. {@code typed} is exactly what was typed (for a
 * destroy, the resource id), or null when nobody could answer (non-interactive, no approval).
 */
public record Approval(boolean answered, String typed) {
    public static final Approval NONE = new Approval(false, null);

    public static Approval typed(String text) {
        return new Approval(true, text);
    }
}
