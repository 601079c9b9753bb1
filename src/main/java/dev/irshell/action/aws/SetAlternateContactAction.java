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
                        ParamSpec.required("name", ParamKind.TEXT, "the contact's name"),
                        ParamSpec.required("emailAddress", ParamKind.TEXT, "the contact's email address"),
                        ParamSpec.required("phoneNumber", ParamKind.TEXT, "the contact's phone number"),
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

    private static ObjectNode contact(Params p) {
        String email = p.string("emailAddress").trim();
        if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw ActionFailure.invalidParam("emailAddress", "an email address such as security@example.com", email);
        }
        return Json.obj("AlternateContactType", type(p).toString(), "Name", p.string("name"), "EmailAddress", email,
                "PhoneNumber", p.string("phoneNumber"), "Title", p.optString("title").orElse(""));
    }

    @Override
    public Plan plan(Params params, ActionContext ctx) {
        ObjectNode c = contact(params);
        return new Plan("set the " + c.get("AlternateContactType").asText() + " alternate contact to "
                + c.get("Name").asText() + " <" + c.get("EmailAddress").asText() + ">",
                List.of(new PlannedCall("account", "GetAlternateContact", REGION,
                                Json.obj("AlternateContactType", c.get("AlternateContactType").asText())),
                        new PlannedCall("account", "PutAlternateContact", REGION, c)), null);
    }

    @Override
    public ActionResult execute(Params params, ActionContext ctx) {
        AlternateContactType type = type(params);
        ObjectNode want = contact(params);
        AlternateContact before = previous(type);
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
