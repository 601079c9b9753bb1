package dev.irshell.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Account (REST-JSON, 2021-02-01): the account's name, primary contact and alternate contacts.
 * Global: signed for us-east-1, events in us-east-1. Only the caller's own account is served; an
 * {@code AccountId} of a member account is refused (trusted access is not enabled in the sandbox).
 */
final class AccountService extends ServiceHandler {
    private static final Pattern EMAIL = Pattern.compile("^[\\s]*[\\w+=.#|!&-]+@[\\w.-]+\\.[\\w]+[\\s]*$");

    AccountService() {
        super("account", new RestJsonCodec(RestJsonCodec.ErrorStyle.LOWER_MESSAGE, List.of(
                RestJsonCodec.Route.of("POST", "/getAccountInformation", "GetAccountInformation", 200),
                RestJsonCodec.Route.of("POST", "/getContactInformation", "GetContactInformation", 200),
                RestJsonCodec.Route.of("POST", "/getAlternateContact", "GetAlternateContact", 200),
                RestJsonCodec.Route.of("POST", "/putAlternateContact", "PutAlternateContact", 200),
                RestJsonCodec.Route.of("POST", "/deleteAlternateContact", "DeleteAlternateContact", 200))));
        register("GetAccountInformation", READ, this::getAccountInformation);
        register("GetContactInformation", READ, this::getContactInformation);
        register("GetAlternateContact", READ, this::getAlternateContact);
        register("PutAlternateContact", WRITE, this::putAlternateContact);
        register("DeleteAlternateContact", WRITE, this::deleteAlternateContact);
    }

    @Override
    String eventRegion(String signingRegion) {
        return "us-east-1";
    }

    @Override
    boolean regional() {
        return false;
    }

    static AwsError validation(String message) {
        return new AwsError(400, "ValidationException", message);
    }

    static AwsError notFound(String message) {
        return new AwsError(404, "ResourceNotFoundException", message);
    }

    /** The caller's own account; AccountId may only name a member account from the management account. */
    private static void ownAccount(Call call) {
        String id = call.str("AccountId");
        if (id == null) {
            return;
        }
        if (!id.matches("\\d{12}")) {
            throw validation("Invalid AccountId: it must be a 12-digit account ID.");
        }
        boolean management = call.state.organization()
                .filter(o -> o.managementAccountId().equals(call.accountId())).isPresent();
        if (id.equals(call.accountId())) {
            if (management) {
                throw validation("The management account can't specify its own AccountId; call the operation "
                        + "without AccountId.");
            }
            return;
        }
        throw new AwsError(403, "AccessDeniedException", "User: " + call.caller.arn() + " is not authorized to "
                + "access account " + id + ": trusted access for AWS Account Management is not enabled for the "
                + "organization.");
    }

    private static String contactType(Call call) {
        String type = call.str("AlternateContactType");
        if (type == null) {
            throw validation("AlternateContactType is required.");
        }
        if (!AccountContacts.TYPES.contains(type)) {
            throw validation("Invalid AlternateContactType: " + type + ". Valid values: "
                    + String.join(", ", AccountContacts.TYPES) + ".");
        }
        return type;
    }

    private ObjectNode getAccountInformation(Call call) {
        ownAccount(call);
        ObjectNode out = call.object();
        out.put("AccountId", call.accountId());
        out.put("AccountName", call.state.accountName());
        out.put("AccountCreatedDate", Times.iso(call.state.accountCreated()));
        return out;
    }

    private ObjectNode getContactInformation(Call call) {
        ownAccount(call);
        AccountContacts.Primary primary = call.state.primaryContact()
                .orElseThrow(() -> notFound("No contact information found for this account."));
        ObjectNode out = call.object();
        ObjectNode info = out.putObject("ContactInformation");
        primary.fields().forEach(info::put);
        return out;
    }

    private ObjectNode getAlternateContact(Call call) {
        ownAccount(call);
        String type = contactType(call);
        AccountContacts.Alternate c = call.state.alternateContact(type)
                .orElseThrow(() -> notFound("No contact of the inputted alternate contact type found."));
        ObjectNode out = call.object();
        ObjectNode n = out.putObject("AlternateContact");
        n.put("AlternateContactType", c.type());
        n.put("EmailAddress", c.emailAddress());
        n.put("Name", c.name());
        n.put("PhoneNumber", c.phoneNumber());
        n.put("Title", c.title());
        return out;
    }

    private ObjectNode putAlternateContact(Call call) {
        ownAccount(call);
        String type = contactType(call);
        String name = requiredField(call, "Name", 64);
        String title = requiredField(call, "Title", 50);
        String email = requiredField(call, "EmailAddress", 254);
        String phone = requiredField(call, "PhoneNumber", 25);
        if (!EMAIL.matcher(email).matches()) {
            throw validation("Invalid EmailAddress: it must be a valid email address.");
        }
        call.state.putAlternateContact(new AccountContacts.Alternate(type, name, title, email.trim(), phone,
                call.now, call.origin));
        return call.object();
    }

    private ObjectNode deleteAlternateContact(Call call) {
        ownAccount(call);
        String type = contactType(call);
        if (call.state.alternateContact(type).isEmpty()) {
            throw notFound("No contact of the inputted alternate contact type found.");
        }
        call.state.removeAlternateContact(type);
        return call.object();
    }

    private static String requiredField(Call call, String name, int max) {
        String v = call.str(name);
        if (v == null) {
            throw validation(name + " is required.");
        }
        if (v.length() > max) {
            throw validation(name + " must be at most " + max + " characters.");
        }
        return v;
    }
}
