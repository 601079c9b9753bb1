/**
 * Runbooks: the immutable model records, the YAML loader that keeps file:line:col for every
 * node, the validator, and the JSON Schema for authors. Depends on Jackson only; knows nothing
 * of AWS, the engine or the shell.
 */
package dev.irshell.runbook;
