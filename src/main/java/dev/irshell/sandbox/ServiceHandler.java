package dev.irshell.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One AWS service: its signing name, protocol, event source and the table of operations it
 * implements. Adding an operation is one {@link #register} line plus its method.
 */
abstract class ServiceHandler {
    private final String signingName;
    private final ProtocolCodec codec;
    private final Map<String, Operation> operations = new LinkedHashMap<>();

    ServiceHandler(String signingName, ProtocolCodec codec) {
        this.signingName = signingName;
        this.codec = codec;
    }

    final String signingName() {
        return signingName;
    }

    final ProtocolCodec codec() {
        return codec;
    }

    /** The CloudTrail {@code eventSource}, e.g. {@code iam.amazonaws.com}. */
    String eventSource() {
        return signingName + ".amazonaws.com";
    }

    /** The region whose event history records this call (IAM: always us-east-1). */
    String eventRegion(String signingRegion) {
        return signingRegion;
    }

    /** Whether calls must be made in an enabled region (regional services). */
    boolean regional() {
        return true;
    }

    String xmlNamespace() {
        return "";
    }

    String jsonTargetPrefix() {
        return "";
    }

    /** Names of request parameters that are secret and never recorded (besides the common ones). */
    Set<String> secretParameters() {
        return Set.of();
    }

    /** Whether CloudTrail keeps the response of a successful call (AWS leaves it out for reads). */
    boolean recordsResponse(Operation op) {
        return !op.readOnly();
    }

    final void register(String name, boolean readOnly, Operation.Handler handler) {
        operations.put(name, new Operation(name, readOnly, handler));
    }

    final Optional<Operation> operation(String name) {
        return Optional.ofNullable(operations.get(name));
    }

    final Set<String> operationNames() {
        return operations.keySet();
    }

    static final boolean READ = true;
    static final boolean WRITE = false;
}
