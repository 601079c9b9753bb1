/**
 * The evidence transcript: a hash-chained JSON Lines file ({@code transcript.jsonl}) that records
 * what happened in a session, written so that any later change to it can be detected.
 *
 * <p>Owns the line format (one compact object per line, fields {@code seq, ts, type, data, prev},
 * {@code prev} the SHA-256 of the previous line's bytes), the {@link dev.irshell.transcript.Redactor}
 * that masks secrets before anything is written, the {@link dev.irshell.transcript.TranscriptWriter}
 * (append, force to disk, seal), the {@link dev.irshell.transcript.TranscriptReader} and the
 * {@link dev.irshell.transcript.TranscriptVerifier} that explains the first break in a chain.
 *
 * <p>Depends on Jackson and the JDK only ({@code java.security}, {@code java.nio}); knows nothing of
 * Spring, JLine or AWS. Public methods take and return non-null values unless documented otherwise.
 */
package dev.irshell.transcript;
