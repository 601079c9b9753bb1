package dev.irshell.sandbox;

import java.time.Instant;

/**
 * A GenerateServiceLastAccessedDetails job: IN_PROGRESS at its first GetServiceLastAccessedDetails,
 * COMPLETED afterwards (completing at that second call).
 */
record LastAccessedJob(String jobId, String arn, String granularity, Instant created, Instant completed) {

    LastAccessedJob complete(Instant when) {
        return new LastAccessedJob(jobId, arn, granularity, created, when);
    }
}
