package dev.irshell.action;

/** Told of every AWS call as it completes, in the thread that made it. */
@FunctionalInterface
public interface CallListener {
    void onCall(AwsCall call);

    /**
     * A token added to the User-Agent of every call while a session is running, e.g.
     * {@code irshell-session/20261121T201503Z-a1b2c3}, so CloudTrail's record of each call (its
     * userAgent field) can be matched to the session later; null when there is none.
     */
    default String userAgentMarker() {
        return null;
    }

    /**
     * A call failed and the SDK will try it again after {@link RetryNotice#delay()}; said while it
     * waits. The finished call still arrives through {@link #onCall} with every attempt it took.
     */
    default void onRetry(RetryNotice notice) {
    }

    CallListener NONE = call -> {};
}
