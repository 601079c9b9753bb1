package dev.irshell.action.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.action.ActionContext;
import dev.irshell.action.ActionFailure;
import dev.irshell.action.ActionResult;
import dev.irshell.action.ActionSpec;
import dev.irshell.action.Effect;
import dev.irshell.action.Finding;
import dev.irshell.action.Params;
import dev.irshell.action.Plan;
import dev.irshell.action.PlannedCall;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.account.model.AlternateContact;
import software.amazon.awssdk.services.account.model.AlternateContactType;
import software.amazon.awssdk.services.account.model.ContactInformation;

/**
 * {@code account.contacts}: the account's contact information and its billing, operations and
 * security alternate contacts, for the operator to confirm (an intruder may change them to keep
 * AWS's notices from you).
 */
public final class AccountContactsAction extends AwsAction {
    public static final String NAME = "account.contacts";
    static final String REGION = "us-east-1";
    static final List<AlternateContactType> TYPES = List.of(
            AlternateContactType.BILLING, AlternateContactType.OPERATIONS, AlternateContactType.SECURITY);

    public AccountContactsAction(AwsClientSource clients) {
        super(clients, new ActionSpec(NAME, "Show the account's contact information and alternate contacts to confirm",
                Effect.READ, List.of(),
                List.of("account:GetContactInformation", "account:GetAlternateContact"), null, null, false));
    }

    @Override
    public Plan plan(Params params, ActionContext ctx) {
        List<PlannedCall> calls = new ArrayList<>();
        calls.add(new PlannedCall("account", "GetContactInformation", REGION, Json.object()));
        TYPES.forEach(t -> calls.add(new PlannedCall("account", "GetAlternateContact", REGION,
                Json.obj("AlternateContactType", t.toString()))));
        return new Plan("read the account's contact information and its BILLING, OPERATIONS and SECURITY alternate"
                + " contacts", calls, null);
    }

    @Override
    public ActionResult execute(Params params, ActionContext ctx) {
        ContactInformation ci = notFoundIsNull(() -> call("account", "GetContactInformation", REGION,
                () -> clients.account().getContactInformation(b -> {}).contactInformation()));
        ObjectNode contact = ci == null ? null : Json.obj("fullName", ci.fullName(), "companyName", ci.companyName(),
                "phoneNumber", ci.phoneNumber(), "addressLine1", ci.addressLine1(), "addressLine2", ci.addressLine2(),
                "addressLine3", ci.addressLine3(), "city", ci.city(), "stateOrRegion", ci.stateOrRegion(),
                "districtOrCounty", ci.districtOrCounty(), "postalCode", ci.postalCode(),
                "countryCode", ci.countryCode(), "websiteUrl", ci.websiteUrl());
        ObjectNode alternates = Json.object();
        List<List<String>> rows = new ArrayList<>();
        Set<Integer> highlighted = new HashSet<>();
        List<String> unset = new ArrayList<>();
        if (ci != null) {
            rows.add(Tables.row("Contact", ci.fullName(), ci.companyName(), null, ci.phoneNumber(),
                    String.join(", ", nonNull(ci.addressLine1(), ci.city(), ci.postalCode(), ci.countryCode()))));
        } else {
            highlighted.add(rows.size());
            rows.add(Tables.row("Contact", "(not set)", null, null, null, null));
        }
        for (AlternateContactType t : TYPES) {
            AlternateContact a = notFoundIsNull(() -> call("account", "GetAlternateContact", REGION,
                    () -> clients.account().getAlternateContact(b -> b.alternateContactType(t)).alternateContact()));
            if (a == null) {
                alternates.putNull(t.toString());
                unset.add(t.toString());
                highlighted.add(rows.size());
                rows.add(Tables.row(t.toString(), "(not set)", null, null, null, null));
            } else {
                alternates.set(t.toString(), Json.obj("name", a.name(), "title", a.title(),
                        "emailAddress", a.emailAddress(), "phoneNumber", a.phoneNumber()));
                rows.add(Tables.row(t.toString(), a.name(), a.title(), a.emailAddress(), a.phoneNumber(), null));
            }
        }
        ObjectNode data = Json.obj("contact", contact, "alternates", alternates);
        List<Finding> findings = new ArrayList<>();
        findings.add(Finding.info("confirm each contact above is correct, especially the phone number and the"
                + " security contact; no API shows the root user's email address of a standalone account or the"
                + " payment methods: check those in the console (Account and Billing > Payment methods)"));
        if (!unset.isEmpty()) {
            findings.add(Finding.info("alternate contact(s) not set: " + String.join(", ", unset)
                    + (unset.contains("SECURITY") ? "; without a SECURITY contact AWS sends security notices only to"
                            + " the root email address" : "")));
        }
        return new ActionResult(data, "contact information and " + (TYPES.size() - unset.size()) + " of "
                + TYPES.size() + " alternate contacts",
                List.of(Tables.of("Account contacts", List.of("Contact", "Name", "Title / company", "Email", "Phone",
                        "Address"), rows, highlighted)),
                findings, List.of());
    }

    private static <T> T notFoundIsNull(java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (ActionFailure f) {
            if (AwsCalls.hasCode(f, "ResourceNotFoundException")) {
                return null;
            }
            throw f;
        }
    }

    private static List<String> nonNull(String... parts) {
        List<String> out = new ArrayList<>();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                out.add(p);
            }
        }
        return out;
    }
}
