package dev.irshell.action.aws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.irshell.action.ActionFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * An ordered list of IAM removals ending with the deletion of the entity itself, run one by one.
 * When one fails, the {@link ActionFailure} is re-worded to name the call that failed, what was
 * already removed and what is left (kind, code, request id kept).
 */
final class RemovalSequence {
    /** One removal: what it removes, its id, the IAM operation and the SDK call. */
    record Removal(String what, String id, String operation, Runnable call) {
        String label() {
            return what + " " + id;
        }
    }

    private final AwsClientSource clients;
    private final List<Removal> removals = new ArrayList<>();

    RemovalSequence(AwsClientSource clients) {
        this.clients = clients;
    }

    /** Adds an IAM call; it runs error-mapped under {@code operation}. */
    RemovalSequence add(String what, String id, String operation, Runnable sdkCall) {
        removals.add(new Removal(what, id, operation, () -> clients.calls().run("iam", operation,
                AwsClientSource.IAM_REGION, sdkCall)));
        return this;
    }

    List<Removal> removals() {
        return List.copyOf(removals);
    }

    /**
     * Runs every removal. Returns {@code [{what, id}]} of all but the last (the entity itself).
     *
     * @param action     catalogue name, for the failure message
     * @param captureRef where the captured configuration can be found, for the failure message
     */
    ArrayNode run(String action, String captureRef) {
        ArrayNode removed = Json.array();
        for (int i = 0; i < removals.size(); i++) {
            Removal r = removals.get(i);
            try {
                r.call().run();
            } catch (ActionFailure f) {
                throw Failures.withMessage(f, failure(action, captureRef, f, i));
            }
            if (i < removals.size() - 1) {
                removed.add(Json.obj("what", r.what(), "id", r.id()));
            }
        }
        return removed;
    }

    /** Table rows (What, Id, Call) of the sequence. */
    List<List<String>> rows() {
        return removals.stream().map(r -> Tables.row(r.what(), r.id(), r.operation())).toList();
    }

    private String failure(String action, String captureRef, ActionFailure f, int failedAt) {
        Removal failed = removals.get(failedAt);
        List<String> done = removals.subList(0, failedAt).stream().map(Removal::label).toList();
        List<String> left = removals.subList(failedAt, removals.size()).stream().map(Removal::label).toList();
        String hint = AwsCalls.hasCode(f, "DeleteConflict")
                ? " AWS still sees something attached that was not listed before; look at the entity in the console."
                : AwsCalls.hasCode(f, "UnmodifiableEntity")
                ? " AWS does not let this entity be changed (a service-linked or otherwise protected entity)."
                : AwsCalls.hasCode(f, "ConcurrentModification", "EntityTemporarilyUnmodifiable")
                ? " It was being changed at the same time; wait a few seconds."
                : "";
        return f.getMessage() + ". " + action + " stopped at " + failed.operation() + " (" + failed.label() + ")."
                + " Already removed (" + done.size() + "): " + (done.isEmpty() ? "nothing" : String.join(", ", done)) + "."
                + " Still left (" + left.size() + "): " + String.join(", ", left) + "." + hint
                + " The configuration captured before any removal is in this step's recorded calls (" + captureRef + ")."
                + " Fix the cause and run " + action + " again: it captures what is left and carries on.";
    }
}
