package dev.irshell.engine;

import dev.irshell.action.AwsCall;
import dev.irshell.action.CallListener;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands AWS calls to the session that records them. Calls made before a session exists (the
 * caller identity check at start) are kept and recorded as soon as one is attached, so the
 * transcript holds every call.
 */
public final class CallRelay implements CallListener {
    private final List<AwsCall> early = new ArrayList<>();
    private Session session;

    @Override
    public synchronized void onCall(AwsCall call) {
        if (session == null) {
            early.add(call);
        } else {
            session.recordCall(call);
        }
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
