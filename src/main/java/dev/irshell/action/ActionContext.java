package dev.irshell.action;

import java.time.Clock;

/**
 * What an action may know of the session: the default region, the account it runs against, a
 * clock (so tests control time), the session id (tags and markers), and a progress sink.
 */
public record ActionContext(String region, String accountId, String sessionId, Clock clock, Progress progress) {
    /** Progress of long work (region sweeps, report generation), for the shell to display. */
    @FunctionalInterface
    public interface Progress {
        void update(String what, int done, int total);

        Progress NONE = (w, d, t) -> {};
    }
}
