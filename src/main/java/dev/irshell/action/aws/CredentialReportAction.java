package dev.irshell.action.aws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.action.ActionContext;
import dev.irshell.action.ActionFailure;
import dev.irshell.action.ActionResult;
import dev.irshell.action.ActionSpec;
import dev.irshell.action.Effect;
import dev.irshell.action.Finding;
import dev.irshell.action.ParamKind;
import dev.irshell.action.ParamSpec;
import dev.irshell.action.Params;
import dev.irshell.action.Plan;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.ReportStateType;

/**
 * {@code iam.credentialReport}: the IAM credential report (one CSV row per user and the root
 * user): when each password and access key was last used, MFA, root access keys. Generates the
 * report and polls until IAM has it ready (a report is regenerated at most every 4 hours).
 */
public final class CredentialReportAction extends AwsAction {
    public static final String NAME = "iam.credentialReport";
    static final String ROOT = "<root_account>";
    static final int DEFAULT_RECENT_DAYS = 7;
    static final int MAX_CHECKS = 12;
    static final Duration MAX_WAIT = Duration.ofSeconds(5);
    /** The report's 22 columns, in AWS's order. */
    static final List<String> COLUMNS = List.of("user", "arn", "user_creation_time", "password_enabled",
            "password_last_used", "password_last_changed", "password_next_rotation", "mfa_active",
            "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date",
            "access_key_1_last_used_region", "access_key_1_last_used_service", "access_key_2_active",
            "access_key_2_last_rotated", "access_key_2_last_used_date", "access_key_2_last_used_region",
            "access_key_2_last_used_service", "cert_1_active", "cert_1_last_rotated", "cert_2_active",
            "cert_2_last_rotated");

    private final Sleeper sleeper;

    public CredentialReportAction(AwsClientSource clients) {
        this(clients, Sleeper.REAL);
    }

    CredentialReportAction(AwsClientSource clients, Sleeper sleeper) {
        super(clients, new ActionSpec(NAME, "Get the IAM credential report: last use of every password and access key",
                Effect.READ,
                List.of(ParamSpec.optional("recentDays", ParamKind.INTEGER,
                        "credentials used within this many days are flagged (default " + DEFAULT_RECENT_DAYS + ")")),
                List.of("iam:GenerateCredentialReport", "iam:GetCredentialReport"), null, null, false));
        this.sleeper = sleeper;
    }

    static int positive(Params params, String name, int dflt) {
        int v = params.optInt(name).orElse(dflt);
        if (v < 1) {
            throw ActionFailure.invalidParam(name, "a whole number of at least 1", String.valueOf(v));
        }
        return v;
    }

    @Override
    public Plan plan(Params params, ActionContext ctx) {
        int days = positive(params, "recentDays", DEFAULT_RECENT_DAYS);
        return new Plan("generate the IAM credential report (polling until it is ready, at most " + MAX_CHECKS
                + " checks) and flag credentials used in the last " + days + " day(s)",
                List.of(iamCall("GenerateCredentialReport", Json.object()), iamCall("GetCredentialReport", Json.object())),
                null);
    }

    @Override
    public ActionResult execute(Params params, ActionContext ctx) {
        int days = positive(params, "recentDays", DEFAULT_RECENT_DAYS);
        ActionContext.Progress progress = ctx == null || ctx.progress() == null ? ActionContext.Progress.NONE : ctx.progress();
        GetCredentialReportResponse report = fetch(progress);
        String csv = report.content() == null ? "" : report.content().asString(StandardCharsets.UTF_8);
        List<Row> rows = parse(csv);
        Instant now = now(ctx);
        Instant since = now.minus(Duration.ofDays(days));
        return result(rows, report.generatedTime(), since, days, now);
    }

    /** Generate, then check until GetCredentialReport stops answering ReportInProgress. */
    private GetCredentialReportResponse fetch(ActionContext.Progress progress) {
        for (int check = 0; check < MAX_CHECKS; check++) {
            progress.update(NAME + ": waiting for IAM to generate the report", check, MAX_CHECKS);
            ReportStateType state = iam("GenerateCredentialReport", () -> clients.iam().generateCredentialReport()).state();
            if (state == ReportStateType.COMPLETE) {
                try {
                    GetCredentialReportResponse r = iam("GetCredentialReport", () -> clients.iam().getCredentialReport());
                    progress.update(NAME + ": report ready", MAX_CHECKS, MAX_CHECKS);
                    return r;
                } catch (ActionFailure f) {
                    if (!AwsCalls.hasCode(f, "ReportInProgress", "ReportNotPresent", "ReportExpired")) {
                        throw f;
                    }
                }
            }
            sleeper.sleep(Sleeper.backoff(check, MAX_WAIT));
        }
        throw ActionFailure.aws("iam", "GetCredentialReport", AwsClientSource.IAM_REGION, "ReportInProgress",
                "IAM was still generating the credential report after " + MAX_CHECKS
                        + " checks: retry the step in a minute (large accounts take longer)",
                null, 0, null);
    }

    /** One row of the report, N/A-like values already null. */
    record Row(Map<String, String> cells) {
        String get(String column) {
            return cells.get(column);
        }

        String user() {
            return get("user");
        }

        boolean root() {
            return ROOT.equals(user());
        }

        Boolean bool(String column) {
            String v = get(column);
            if (v == null) {
                return null;
            }
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> null;
            };
        }

        Instant time(String column) {
            String v = get(column);
            if (v == null) {
                return null;
            }
            try {
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e) {
                try {
                    return Instant.parse(v);
                } catch (DateTimeParseException e2) {
                    return null;
                }
            }
        }
    }

    /** Parses the CSV by its header (so a reordered or extended report still reads right). */
    static List<Row> parse(String csv) {
        List<Row> rows = new ArrayList<>();
        String[] lines = csv.replace("\r", "").split("\n");
        if (lines.length == 0 || lines[0].isBlank()) {
            return rows;
        }
        List<String> header = splitCsv(lines[0]);
        if (!header.contains("user")) {
            header = COLUMNS;
        }
        for (int i = header == COLUMNS ? 0 : 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            List<String> cells = splitCsv(lines[i]);
            Map<String, String> m = new HashMap<>();
            for (int c = 0; c < header.size() && c < cells.size(); c++) {
                m.put(header.get(c).trim(), absentToNull(cells.get(c)));
            }
            rows.add(new Row(m));
        }
        return rows;
    }

    /** IAM user names and ARNs hold no commas; quoted cells are still read correctly. */
    private static List<String> splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (ch == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static String absentToNull(String v) {
        String t = v == null ? "" : v.trim();
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "", "n/a", "no_information", "not_supported" -> null;
            default -> t;
        };
    }

    private ActionResult result(List<Row> rows, Instant generated, Instant since, int days, Instant now) {
        ArrayNode rowsJson = Json.array();
        List<String> withoutMfa = new ArrayList<>();
        ArrayNode recent = Json.array();
        Map<String, List<String>> recentByUser = new LinkedHashMap<>();
        List<List<String>> table = new ArrayList<>();
        Set<Integer> highlighted = new HashSet<>();
        boolean rootKeys = false;
        Boolean rootMfa = null;
        for (Row r : rows) {
            rowsJson.add(rowJson(r));
            boolean flagged = false;
            if (r.root()) {
                rootKeys = Boolean.TRUE.equals(r.bool("access_key_1_active")) || Boolean.TRUE.equals(r.bool("access_key_2_active"));
                rootMfa = r.bool("mfa_active");
                flagged = rootKeys || Boolean.FALSE.equals(rootMfa);
            } else if (Boolean.TRUE.equals(r.bool("password_enabled")) && !Boolean.TRUE.equals(r.bool("mfa_active"))) {
                withoutMfa.add(r.user());
                flagged = true;
            }
            for (String[] cred : new String[][] {{"password", "password_last_used"},
                    {"accessKey1", "access_key_1_last_used_date"}, {"accessKey2", "access_key_2_last_used_date"}}) {
                Instant used = r.time(cred[1]);
                if (used != null && !used.isBefore(since)) {
                    recent.add(Json.obj("user", r.user(), "credential", cred[0], "lastUsed", used));
                    recentByUser.computeIfAbsent(r.user(), u -> new ArrayList<>())
                            .add(cred[0] + " " + Times.ago(used, now) + where(r, cred[0]));
                    flagged = true;
                }
            }
            if (flagged) {
                highlighted.add(table.size());
            }
            table.add(Tables.row(r.root() ? "root (" + ROOT + ")" : r.user(),
                    r.root() ? "root" : yesNo(r.bool("password_enabled")), lastUsed(r, "password_last_used"),
                    yesNo(r.bool("mfa_active")), key(r, 1), key(r, 2)));
        }
        ObjectNode data = Json.obj("generatedTime", generated, "rows", rowsJson, "rootAccessKeys", rootKeys,
                "usersWithoutMfa", Json.array(withoutMfa), "recentlyUsed", recent);

        List<Finding> findings = new ArrayList<>();
        if (rootKeys) {
            findings.add(Finding.critical("the root user has an active access key: unless you created it on purpose,"
                    + " delete it (root keys can do anything and cannot be restricted)"));
        }
        if (Boolean.FALSE.equals(rootMfa)) {
            findings.add(Finding.warn("the root user has no MFA device: enable MFA on the root user"));
        }
        if (!withoutMfa.isEmpty()) {
            findings.add(Finding.warn(withoutMfa.size() + " console user(s) without MFA: " + String.join(", ", withoutMfa)
                    + ": check each is yours, reset their passwords and enable MFA"));
        }
        recentByUser.forEach((user, what) -> findings.add(Finding.warn((ROOT.equals(user) ? "root user" : user)
                + " used " + String.join(", ", what) + " (within " + days + " day(s)): check this against the incident")));
        if (generated != null && java.time.Duration.between(generated, now).toHours() >= 1) {
            findings.add(Finding.info("the report was generated " + Times.ago(generated, now)
                    + " (IAM regenerates it at most every 4 hours): later use is not in it"));
        }
        return new ActionResult(data, rows.size() + " identities in the credential report, " + recent.size()
                + " credential(s) used in the last " + days + " day(s)",
                List.of(Tables.of("Credential report" + (generated == null ? "" : " of " + Times.iso(generated)),
                        List.of("Identity", "Password", "Password last used", "MFA", "Key 1", "Key 2"), table, highlighted)),
                findings, List.of());
    }

    private static String where(Row r, String credential) {
        if (credential.equals("password")) {
            return " (console)";
        }
        String n = credential.endsWith("1") ? "1" : "2";
        String service = r.get("access_key_" + n + "_last_used_service");
        String region = r.get("access_key_" + n + "_last_used_region");
        return " (" + (service == null ? "?" : service) + (region == null ? "" : " in " + region) + ")";
    }

    private static ObjectNode rowJson(Row r) {
        return Json.obj("user", r.user(), "arn", r.get("arn"), "root", r.root(),
                "userCreationTime", r.time("user_creation_time"),
                "passwordEnabled", r.bool("password_enabled"), "passwordLastUsed", r.time("password_last_used"),
                "passwordLastChanged", r.time("password_last_changed"),
                "passwordNextRotation", r.time("password_next_rotation"),
                "mfaActive", r.bool("mfa_active"),
                "accessKey1Active", r.bool("access_key_1_active"),
                "accessKey1LastRotated", r.time("access_key_1_last_rotated"),
                "accessKey1LastUsedDate", r.time("access_key_1_last_used_date"),
                "accessKey1LastUsedRegion", r.get("access_key_1_last_used_region"),
                "accessKey1LastUsedService", r.get("access_key_1_last_used_service"),
                "accessKey2Active", r.bool("access_key_2_active"),
                "accessKey2LastRotated", r.time("access_key_2_last_rotated"),
                "accessKey2LastUsedDate", r.time("access_key_2_last_used_date"),
                "accessKey2LastUsedRegion", r.get("access_key_2_last_used_region"),
                "accessKey2LastUsedService", r.get("access_key_2_last_used_service"),
                "cert1Active", r.bool("cert_1_active"), "cert1LastRotated", r.time("cert_1_last_rotated"),
                "cert2Active", r.bool("cert_2_active"), "cert2LastRotated", r.time("cert_2_last_rotated"));
    }

    private static String yesNo(Boolean b) {
        return b == null ? "" : b ? "yes" : "no";
    }

    private static String lastUsed(Row r, String column) {
        Instant t = r.time(column);
        return t == null ? "" : Times.iso(t);
    }

    /** "active, used 2026-11-19T10:00:00Z eu-west-1 ec2" / "inactive" / "none". */
    private static String key(Row r, int n) {
        Boolean active = r.bool("access_key_" + n + "_active");
        if (active == null || (!active && r.time("access_key_" + n + "_last_rotated") == null)) {
            return "none";
        }
        StringBuilder b = new StringBuilder(active ? "active" : "inactive");
        Instant used = r.time("access_key_" + n + "_last_used_date");
        b.append(used == null ? ", never used" : ", used " + Times.iso(used));
        String region = r.get("access_key_" + n + "_last_used_region");
        String service = r.get("access_key_" + n + "_last_used_service");
        if (used != null) {
            b.append(' ').append(region == null ? "(global)" : region);
            if (service != null) {
                b.append(' ').append(service);
            }
        }
        return b.toString();
    }
}
