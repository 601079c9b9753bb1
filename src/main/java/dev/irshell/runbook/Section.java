package dev.irshell.runbook;

import java.util.List;

/** A heading of the documented procedure and the steps under it, in order. */
public record Section(String title, String doc, List<Step> steps, SourcePos pos) {}
