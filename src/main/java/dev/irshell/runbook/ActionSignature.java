package dev.irshell.runbook;

import java.util.Set;

/**
 * What the validator needs to know of a catalogue action: its parameters. The catalogue
 * (package {@code action}) supplies these, so this package stays free of actions.
 */
public record ActionSignature(String name, Set<String> requiredParams, Set<String> optionalParams) {
    public boolean accepts(String param) {
        return requiredParams.contains(param) || optionalParams.contains(param);
    }
}
