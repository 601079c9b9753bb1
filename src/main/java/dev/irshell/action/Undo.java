package dev.irshell.action;

import com.fasterxml.jackson.databind.JsonNode;

/** How to reverse a completed change: the catalogue action and its parameters. */
public record Undo(String action, JsonNode params) {}
