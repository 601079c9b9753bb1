package dev.irshell.runbook;

/**
 * An input a runbook asks for. {@code defaultValue} and {@code pattern} may be null.
 * An input with a default is never required.
 */
public record InputDef(
        String name,
        String description,
        boolean required,
        String defaultValue,
        String pattern,
        InputType type,
        SourcePos pos) {}
