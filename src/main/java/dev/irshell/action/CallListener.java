package dev.irshell.action;

/** Told of every AWS call as it completes, in the thread that made it. */
@FunctionalInterface
public interface CallListener {
    void onCall(AwsCall call);

    CallListener NONE = call -> {};
}
