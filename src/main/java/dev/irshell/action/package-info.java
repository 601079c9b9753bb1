/**
 * Actions: the {@link dev.irshell.action.Action} interface, the catalogue keyed by name, results
 * (JSON data, tables, findings, secrets shown once), effect classes (read / change / destroy) and
 * undo. Knows no AWS SDK types; implementations live in {@code action.aws}.
 */
package dev.irshell.action;
