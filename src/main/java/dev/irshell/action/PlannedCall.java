package dev.irshell.action;

import com.fasterxml.jackson.databind.JsonNode;

/** One AWS API call an action will make, shown to the operator before a change. */
public record PlannedCall(String service, String operation, String region, JsonNode parameters) {
    @Override
    public String toString() {
        return service + ":" + operation + " in " + region + " " + parameters;
    }
}
