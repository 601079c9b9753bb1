package dev.irshell.sandbox;

import java.time.Instant;

/**
 * The account's credential report: generated at {@code generated}, with the CSV as it was then.
 * {@code complete} is false until a second GenerateCredentialReport or the first
 * GetCredentialReport (which answers ReportInProgress once), so clients must poll as on AWS.
 */
record CredentialReport(Instant generated, String csv, boolean complete) {

    CredentialReport completed() {
        return new CredentialReport(generated, csv, true);
    }
}
