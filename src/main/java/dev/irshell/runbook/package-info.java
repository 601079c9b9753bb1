/**
 * Runbooks: the immutable model records, the YAML loader that keeps file:line:col for every
 * node, the validator, and the JSON Schema for authors ({@code schema/runbook.schema.json}).
 * Depends on Jackson and JMESPath only; knows nothing of AWS, the engine or the shell.
 *
 * <p>Loading runs one way, each stage in its own class:
 * <ol>
 *   <li>{@link dev.irshell.runbook.LocatedYaml} reads the bytes into a Jackson tree and a
 *       position for every JSON Pointer (syntax errors and empty files stop here);</li>
 *   <li>{@code RunbookReader} maps the tree onto the records and checks the shape (types,
 *       required and unknown keys, enum values, one kind per step);</li>
 *   <li>{@code RunbookValidator} checks the rest (name formats, duplicates, actions and their
 *       parameters, {@code requires} and {@code goto}, templates and JMESPath, and with
 *       {@code ReferenceChecker} every context path an expression names);</li>
 *   <li>{@link dev.irshell.runbook.RunbookLoader} ties them together and throws every problem
 *       of a file at once, sorted by line and column.</li>
 * </ol>
 * All text an author reads is in {@code Messages}. {@link dev.irshell.runbook.Template} and
 * {@link dev.irshell.runbook.Expressions} are public for the engine, which evaluates what the
 * validator has already checked.
 *
 * <p>Nullness: the records of a loaded runbook hold null only where their documentation says so
 * ({@code InputDef.defaultValue}, {@code InputDef.pattern}, {@code Step.action},
 * {@code Step.when}, {@code Step.question}, {@code OnFailure.gotoStep}).
 */
package dev.irshell.runbook;
