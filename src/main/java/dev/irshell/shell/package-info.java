/**
 * The operator's side: thin Spring Shell commands, the one-shot command line, completion, the
 * {@link dev.irshell.engine.Confirmer} on JLine, and rendering of tables, colours and progress.
 * Commands parse, delegate to the engine, and render; they hold no session state themselves.
 */
package dev.irshell.shell;
