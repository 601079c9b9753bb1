/**
 * Reports made from a session's transcript alone, for the people who were not at the terminal: the
 * incident report ({@link dev.irshell.report.MarkdownReport}, {@link dev.irshell.report.HtmlReport})
 * and the AWS Support case text ({@link dev.irshell.report.SupportText}, shared with the
 * {@code session.supportCase} action).
 *
 * <p>{@link dev.irshell.report.SessionRecord} rebuilds the session from the transcript entries:
 * steps, changes with their approvals, calls, undos, the activity the investigation found, and the
 * record's integrity. A transcript that does not verify still gives a report, which opens by
 * saying so. Transcript content is untrusted input (an attacker names the users, resources and user
 * agents it holds): every renderer escapes it for its format ({@link dev.irshell.report.Escape}).
 *
 * <p>Depends on the transcript package and the action package's value types (tables, read
 * operations); knows nothing of the engine, the shell or AWS clients.
 */
package dev.irshell.report;
