/**
 * The engine: {@link dev.irshell.engine.Session} is the single owner of a session's mutable
 * state (position, step states, outputs, decisions, approvals, notes). It sequences steps,
 * evaluates {@code when}, {@code requires}, templates and output selectors, and applies the
 * guards (confirmation, typed resource id for destroys, lock-out, read-only, dry run) before any
 * action runs. It talks to the operator only through {@link dev.irshell.engine.Confirmer} and
 * writes everything to the transcript. Knows nothing of Spring Shell, JLine or the AWS SDK.
 */
package dev.irshell.engine;
