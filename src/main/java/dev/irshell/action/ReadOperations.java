package dev.irshell.action;

import java.util.Set;

/**
 * Which AWS operations only read: Get*, List*, Describe*, Lookup* and a few named ones that change
 * nothing the responder cares about. One definition for the read-only guard and for telling the
 * changes apart in a session's record.
 */
public final class ReadOperations {
    /** Operations that do not start with a read prefix but change nothing the responder cares about. */
    static final Set<String> ALSO_READS = Set.of(
            "GenerateCredentialReport", "GenerateServiceLastAccessedDetails", "SimulatePrincipalPolicy",
            "GetCallerIdentity");

    private ReadOperations() {}

    public static boolean isRead(String operation) {
        return operation != null
                && (operation.startsWith("Get") || operation.startsWith("List") || operation.startsWith("Describe")
                        || operation.startsWith("Lookup") || ALSO_READS.contains(operation));
    }
}
