package dev.irshell.report;

import java.time.Instant;
import java.util.List;

/**
 * Something the operator (or irshell on the operator's behalf) did during the session: started it,
 * ran a step, approved or declined a change, undid one, wrote a note, skipped, jumped, ended.
 *
 * @param kind    session, step, approval, undo, note, skip, goto, stop
 * @param step    the step concerned, or null
 * @param regions the regions its AWS changes went to (for the chart); empty when it changed nothing
 * @param line    the transcript line it came from
 */
public record OperatorEvent(Instant time, String kind, String step, String text, List<String> regions, long line) {
    public OperatorEvent {
        regions = List.copyOf(regions);
    }
}
