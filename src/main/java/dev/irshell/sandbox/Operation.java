package dev.irshell.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One API operation of a service: its name, whether CloudTrail marks it read-only, and the code
 * that performs it. The output tree uses the protocol's wire names; the codec writes it.
 */
record Operation(String name, boolean readOnly, Handler handler) {

    @FunctionalInterface
    interface Handler {
        /** Performs the call; throws {@link AwsError} for AWS errors. */
        ObjectNode handle(Call call);
    }
}
