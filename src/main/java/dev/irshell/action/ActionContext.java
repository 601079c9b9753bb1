package dev.irshell.action;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;

/**
 * What an action may know of the session: the default region, the account it runs against, a
 * clock (so tests control time), the session id (tags and markers), a progress sink, and the
 * session's record so far (for actions that report on it, such as the support-case text).
 */
public record ActionContext(String region, String accountId, String sessionId, Clock clock, Progress progress,
                            History history) {

    public ActionContext(String region, String accountId, String sessionId, Clock clock, Progress progress) {
        this(region, accountId, sessionId, clock, progress, History.NONE);
    }

    /** Progress of long work (region sweeps, report generation), for the shell to display. */
    @FunctionalInterface
    public interface Progress {
        void update(String what, int done, int total);

        Progress NONE = (w, d, t) -> {};
    }

    /** The session's transcript entries so far ({seq, ts, type, data}), already free of secrets. */
    @FunctionalInterface
    public interface History {
        List<JsonNode> entries();

        History NONE = List::of;
    }
}
