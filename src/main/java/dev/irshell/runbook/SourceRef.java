package dev.irshell.runbook;

/** The documented procedure a runbook follows. */
public record SourceRef(String title, String url) {}
