package dev.irshell.action.aws;

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
import dev.irshell.action.PlannedCall;
import dev.irshell.action.Undo;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.services.account.model.AlternateContact;
import software.amazon.awssdk.services.account.model.AlternateContactType;

/**
 * {@code account.setAlternateContact}: puts back the billing, operations or security contact an
 * intruder changed (so AWS's notices reach you again). The contact it replaces is captured first
 * and becomes the undo.
 */
public final class SetAlternateContactAction extends AwsAction {
    public static final String NAME = "account.setAlternateContact";
    private static final String REGION = AccountContactsAction.REGION;

    public SetAlternateContactAction(AwsClientSource clients) {
        super(clients, new ActionSpec(NAME, "Set an alternate contact (BILLING, OPERATIONS or SECURITY) of the account",
                Effect.CHANGE, List.of(
                        ParamSpec.required("type", ParamKind.TEXT, "BILLING, OPERATIONS or SECURITY"),
                        ParamSpec.optional("name", ParamKind.TEXT, "the contact's name (default: the current contact's)"),
                        ParamSpec.required("emailAddress", ParamKind.TEXT, "the contact's email address"),
                        ParamSpec.optional("phoneNumber", ParamKind.TEXT, "the contact's phone number (default: the current contact's)"),
                        ParamSpec.optional("title", ParamKind.TEXT, "the contact's title")),
                List.of("account:GetAlternateContact", "account:PutAlternateContact"), NAME, null, false));
    }

    private static AlternateContactType type(Params p) {
        String t = p.string("type").trim().toUpperCase(Locale.ROOT);
        return switch (t) {
            case "BILLING", "OPERATIONS", "SECURITY" -> AlternateContactType.fromValue(t);
            default -> throw ActionFailure.invalidParam("type", "BILLING, OPERATIONS or SECURITY", p.string("type"));
        };
    }

    /** The contact to put: given values, else the current contact's name, phone and title. */
    private static ObjectNode contact(Params p, AlternateContact current) {
        String email = p.string("emailAddress").trim();
        if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw ActionFailure.invalidParam("emailAddress", "an email address such as security@example.com", email);
        }
        String name = p.optString("name").orElse(current == null ? null : current.name());
        String phone = p.optString("phoneNumber").orElse(current == null ? null : current.phoneNumber());
        if (name == null || phone == null) {
            throw ActionFailure.invalidParam(name == null ? "name" : "phoneNumber",
                    "given, since the account has no " + type(p) + " contact to take it from", "nothing");
        }
        String title = p.optString("title").orElse(current == null || current.title() == null ? "" : current.title());
        return Json.obj("AlternateContactType", type(p).toString(), "Name", name, "EmailAddress", email,
                "PhoneNumber", phone, "Title", title);
    }

    @Override
    public Plan plan(Params params, ActionContext ctx) {
        String type = type(params).toString();
        ObjectNode put = Json.obj("AlternateContactType", type, "Name", params.optString("name").orElse("(the current contact's)"),
                "EmailAddress", params.string("emailAddress"),
                "PhoneNumber", params.optString("phoneNumber").orElse("(the current contact's)"));
        return new Plan("set the " + type + " alternate contact's email to " + params.string("emailAddress")
                + " (the contact it replaces is captured for undo)",
                List.of(new PlannedCall("account", "GetAlternateContact", REGION, Json.obj("AlternateContactType", type)),
                        new PlannedCall("account", "PutAlternateContact", REGION, put)), null);
    }

    @Override
    public ActionResult execute(Params params, ActionContext ctx) {
        AlternateContactType type = type(params);
        AlternateContact before = previous(type);
        ObjectNode want = contact(params, before);
        call("account", "PutAlternateContact", REGION, () -> clients.account().putAlternateContact(b -> b
                .alternateContactType(type).name(want.get("Name").asText()).emailAddress(want.get("EmailAddress").asText())
                .phoneNumber(want.get("PhoneNumber").asText()).title(want.get("Title").asText())));
        ObjectNode data = Json.obj("type", type.toString(), "name", want.get("Name").asText(),
                "emailAddress", want.get("EmailAddress").asText(), "phoneNumber", want.get("PhoneNumber").asText(),
                "previous", before == null ? null : Json.obj("name", before.name(), "title", before.title(),
                        "emailAddress", before.emailAddress(), "phoneNumber", before.phoneNumber()));
        String was = before == null ? "not set" : before.name() + " <" + before.emailAddress() + ">";
        return new ActionResult(data, type + " contact: " + was + " -> " + want.get("Name").asText() + " <"
                + want.get("EmailAddress").asText() + ">",
                List.of(Tables.of("Alternate contact " + type, List.of("", "Name", "Email", "Phone"),
                        List.of(Tables.row("before", before == null ? "(not set)" : before.name(),
                                        before == null ? null : before.emailAddress(), before == null ? null : before.phoneNumber()),
                                Tables.row("now", want.get("Name").asText(), want.get("EmailAddress").asText(),
                                        want.get("PhoneNumber").asText())), java.util.Set.of())),
                List.of(Finding.info("AWS sends " + type.toString().toLowerCase(Locale.ROOT) + " notices to "
                        + want.get("EmailAddress").asText() + " from now on")), List.of());
    }

    private AlternateContact previous(AlternateContactType type) {
        try {
            return call("account", "GetAlternateContact", REGION,
                    () -> clients.account().getAlternateContact(b -> b.alternateContactType(type)).alternateContact());
        } catch (ActionFailure f) {
            if (AwsCalls.hasCode(f, "ResourceNotFoundException")) {
                return null;
            }
            throw f;
        }
    }

    @Override
    public Optional<Undo> undo(Params params, ActionResult result) {
        var prev = result.data().path("previous");
        if (prev.isMissingNode() || prev.isNull()) {
            return Optional.empty();
        }
        return Optional.of(new Undo(NAME, Json.obj("type", result.data().path("type").asText(), "name", prev.path("name").asText(),
                "emailAddress", prev.path("emailAddress").asText(), "phoneNumber", prev.path("phoneNumber").asText(),
                "title", prev.path("title").asText(""))));
    }
}
