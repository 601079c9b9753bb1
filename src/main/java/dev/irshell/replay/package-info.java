/**
 * A saved session's review, from its transcript alone and with no AWS: {@link dev.irshell.replay.Screens}
 * rebuilds what the operator saw (drawn by the shell's own renderer), {@link dev.irshell.replay.Player}
 * plays it at a speed (interactive on a terminal), {@link dev.irshell.replay.Asciicast} writes it for
 * asciinema, {@link dev.irshell.replay.Annotations} keeps reviewers' notes in a hash chain beside the
 * transcript, and {@link dev.irshell.replay.ReplaySource} stands a recording in for AWS so a runbook can
 * be run against it ({@code --replay}), {@link dev.irshell.replay.Comparison} then saying where that run
 * and the recording differ.
 */
package dev.irshell.replay;
