package dev.irshell.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * IAM's credential report, registered on {@link IamService}. The first GenerateCredentialReport
 * starts a report (STARTED); the next one, or the first GetCredentialReport (which answers
 * ReportInProgress once), completes it, so clients must poll as on AWS. A report is reused for
 * four hours. The CSV has AWS's 22 columns, the {@code <root_account>} row first.
 */
final class CredentialReportOperations {
    static final String HEADER = "user,arn,user_creation_time,password_enabled,password_last_used,"
            + "password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
            + "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
            + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,"
            + "access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";
    static final Duration REUSED_FOR = Duration.ofHours(4);
    /** {@code 2026-03-07T10:40:00+00:00}, as real reports write times. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx")
            .withZone(ZoneOffset.UTC);
    private static final String NA = "N/A";

    private CredentialReportOperations() {
    }

    static void registerOn(IamService iam) {
        iam.register("GenerateCredentialReport", ServiceHandler.READ, CredentialReportOperations::generate);
        iam.register("GetCredentialReport", ServiceHandler.READ, CredentialReportOperations::get);
    }

    private static ObjectNode generate(Call call) {
        CredentialReport report = call.state.credentialReport();
        ObjectNode out = call.object();
        if (report == null || !call.now.isBefore(report.generated().plus(REUSED_FOR))) {
            call.state.setCredentialReport(new CredentialReport(call.now, csv(call.state), false));
            out.put("State", "STARTED");
            out.put("Description", report == null ? "No report exists. Starting a new report generation task"
                    : "Report is older than 4 hours. Starting a new report generation task");
            return out;
        }
        if (!report.complete()) {
            call.state.setCredentialReport(report.completed());
        }
        out.put("State", "COMPLETE");
        return out;
    }

    private static ObjectNode get(Call call) {
        CredentialReport report = call.state.credentialReport();
        if (report == null) {
            throw new AwsError(410, "ReportNotPresent", "Credential report not present. Use "
                    + "GenerateCredentialReport to generate a report.");
        }
        if (!report.complete()) {
            call.state.setCredentialReport(report.completed());
            throw new AwsError(404, "ReportInProgress", "Report generation in progress. Please wait and try again.");
        }
        if (!call.now.isBefore(report.generated().plus(REUSED_FOR))) {
            throw new AwsError(410, "ReportExpired", "The credential report has expired. Use GenerateCredentialReport "
                    + "to generate a new report.");
        }
        ObjectNode out = call.object();
        out.put("Content", Base64.getEncoder().encodeToString(report.csv().getBytes(StandardCharsets.UTF_8)));
        out.put("ReportFormat", "text/csv");
        out.set("GeneratedTime", call.time(report.generated()));
        return out;
    }

    /** The report as of now: header, root row, one row per user in creation order. */
    static String csv(SandboxState state) {
        StringBuilder out = new StringBuilder(HEADER);
        Instant accountCreated = state.accountCreated() == null ? Instant.EPOCH : state.accountCreated();
        out.append('\n').append(String.join(",", "<root_account>", "arn:aws:iam::" + state.accountId() + ":root",
                time(accountCreated), "not_supported", "no_information", "not_supported", "not_supported",
                String.valueOf(state.rootMfaActive()), "false", NA, NA, NA, NA, "false", NA, NA, NA, NA,
                "false", NA, "false", NA));
        List<IamUser> users = new ArrayList<>(state.users());
        users.sort(Comparator.comparing(IamUser::created));
        for (IamUser u : users) {
            List<String> row = new ArrayList<>();
            row.add(u.name());
            row.add(u.arn());
            row.add(time(u.created()));
            row.add(String.valueOf(u.loginProfile() != null));
            row.add(u.passwordLastUsed() != null ? time(u.passwordLastUsed())
                    : u.loginProfile() != null ? "no_information" : NA);
            row.add(u.loginProfile() != null ? time(u.loginProfile().created()) : NA);
            row.add(NA);
            row.add(String.valueOf(!u.mfaSerials().isEmpty()));
            List<AccessKey> keys = new ArrayList<>(state.accessKeysOf(u.name()));
            keys.sort(Comparator.comparing(AccessKey::created));
            for (int i = 0; i < 2; i++) {
                AccessKey k = i < keys.size() ? keys.get(i) : null;
                row.add(String.valueOf(k != null && k.active()));
                row.add(k == null ? NA : time(k.created()));
                boolean used = k != null && k.lastUsed() != null;
                row.add(used ? time(k.lastUsed()) : NA);
                row.add(used && k.lastUsedRegion() != null ? k.lastUsedRegion() : NA);
                row.add(used && k.lastUsedService() != null ? k.lastUsedService() : NA);
            }
            List<UserCredential> certs = new ArrayList<>(state.credentialsOf(u.name(),
                    UserCredential.Kind.SIGNING_CERTIFICATE));
            certs.sort(Comparator.comparing(UserCredential::created));
            for (int i = 0; i < 2; i++) {
                UserCredential c = i < certs.size() ? certs.get(i) : null;
                row.add(String.valueOf(c != null && c.active()));
                row.add(c == null ? NA : time(c.created()));
            }
            out.append('\n').append(String.join(",", row));
        }
        return out.append('\n').toString();
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }
}
