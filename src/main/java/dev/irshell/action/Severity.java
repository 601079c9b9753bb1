package dev.irshell.action;

/** How much a finding matters to the responder. */
public enum Severity { INFO, WARN, CRITICAL }
