package dev.irshell.action;

import java.util.List;

/**
 * What an action will do, before it does it: the calls, and one line in plain words.
 * {@code target} is the resource the operator must type for a DESTROY action (else null).
 */
public record Plan(String summary, List<PlannedCall> calls, String target) {}
