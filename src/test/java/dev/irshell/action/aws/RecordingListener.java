package dev.irshell.action.aws;

import dev.irshell.action.AwsCall;
import dev.irshell.action.CallListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every {@link AwsCall} the clients report. */
final class RecordingListener implements CallListener {
    final List<AwsCall> calls = new CopyOnWriteArrayList<>();

    @Override
    public void onCall(AwsCall call) {
        calls.add(call);
    }

    List<AwsCall> of(String operation) {
        return calls.stream().filter(c -> operation.equals(c.operation())).toList();
    }

    AwsCall last(String operation) {
        List<AwsCall> l = of(operation);
        if (l.isEmpty()) {
            throw new AssertionError("no " + operation + " call recorded; saw " + calls.stream().map(AwsCall::operation).toList());
        }
        return l.get(l.size() - 1);
    }

    void clear() {
        calls.clear();
    }
}
