package dev.irshell.engine;

import dev.irshell.action.AwsCall;
import dev.irshell.action.CallListener;
import dev.irshell.action.RetryNotice;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Hands AWS calls to the session that records them. Calls made before a session exists (the
 * caller identity check at start) are kept and recorded as soon as one is attached, so the
 * transcript holds every call. Retries that make the operator wait go to whoever shows them (the
 * shell's terminal, a one-shot command's standard error); the transcript has them on the finished
 * call.
 */
public final class CallRelay implements CallListener {
    private final List<AwsCall> early = new ArrayList<>();
    private Session session;
    private volatile Consumer<RetryNotice> retryWatcher = n -> { };

    @Override
    public synchronized void onCall(AwsCall call) {
        if (session == null) {
            early.add(call);
        } else {
            session.recordCall(call);
        }
    }

    @Override
    public void onRetry(RetryNotice notice) {
        retryWatcher.accept(notice);
    }

    /** Where retries that make the operator wait are told from now on. */
    public void watchRetries(Consumer<RetryNotice> watcher) {
        this.retryWatcher = watcher == null ? n -> { } : watcher;
    }

    /** The running session's marker for the User-Agent header: {@code irshell-session/<session id>}. */
    @Override
    public synchronized String userAgentMarker() {
        return session == null ? null : marker(session.sessionId());
    }

    /** The User-Agent token of a session, as CloudTrail will show it. */
    public static String marker(String sessionId) {
        return "irshell-session/" + sessionId;
    }

    synchronized void attach(Session s) {
        this.session = s;
        early.forEach(s::recordCall);
        early.clear();
    }

    /** Stops relaying to an ended session; later calls wait for the next one. */
    public synchronized void detach() {
        this.session = null;
    }
}
