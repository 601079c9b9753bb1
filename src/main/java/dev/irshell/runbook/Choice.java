package dev.irshell.runbook;

/** One answer to a decision step: the id later steps test, and the label the operator reads. */
public record Choice(String id, String label) {}
