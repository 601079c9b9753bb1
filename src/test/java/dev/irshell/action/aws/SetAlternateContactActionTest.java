package dev.irshell.action.aws;

import static dev.irshell.action.aws.FakeClients.CTX;
import static dev.irshell.action.aws.FakeClients.awsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.irshell.action.ActionFailure;
import dev.irshell.action.ActionResult;
import dev.irshell.action.Params;
import dev.irshell.action.Undo;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.account.model.GetAlternateContactRequest;
import software.amazon.awssdk.services.account.model.GetAlternateContactResponse;
import software.amazon.awssdk.services.account.model.PutAlternateContactRequest;
import software.amazon.awssdk.services.account.model.PutAlternateContactResponse;

class SetAlternateContactActionTest {
    final FakeClients c = new FakeClients();

    @Test
    void putsTheNewEmail_keepsTheCurrentNameAndPhone_andUndoPutsTheOldContactBack() {
        doReturn(GetAlternateContactResponse.builder().alternateContact(a -> a.name("Security").title("SOC")
                .emailAddress("attacker@evil.example").phoneNumber("+1-555-0100").alternateContactType("SECURITY")).build())
                .when(c.account).getAlternateContact(any(GetAlternateContactRequest.class));
        doReturn(PutAlternateContactResponse.builder().build()).when(c.account).putAlternateContact(any(PutAlternateContactRequest.class));

        SetAlternateContactAction a = new SetAlternateContactAction(c);
        Params p = Params.of("type", "security", "emailAddress", "security@example.com");
        ActionResult r = a.execute(p, CTX);

        ArgumentCaptor<PutAlternateContactRequest> put = ArgumentCaptor.forClass(PutAlternateContactRequest.class);
        verify(c.account).putAlternateContact(put.capture());
        assertThat(put.getValue().alternateContactTypeAsString()).isEqualTo("SECURITY");
        assertThat(put.getValue().emailAddress()).isEqualTo("security@example.com");
        assertThat(put.getValue().name()).isEqualTo("Security");
        assertThat(put.getValue().phoneNumber()).isEqualTo("+1-555-0100");
        assertThat(r.summary()).isEqualTo("SECURITY contact: Security <attacker@evil.example> -> Security <security@example.com>");
        Undo undo = a.undo(p, r).orElseThrow();
        assertThat(undo.action()).isEqualTo("account.setAlternateContact");
        assertThat(undo.params().get("emailAddress").asText()).isEqualTo("attacker@evil.example");
        assertThat(a.plan(p, CTX).calls()).extracting(x -> x.operation()).containsExactly("GetAlternateContact", "PutAlternateContact");
    }

    @Test
    void noContactYet_needsANameAndPhone_andNothingIsPut() {
        doThrow(awsError("ResourceNotFoundException", "No contact of the inputted alternate contact type found.", 404, "r1"))
                .when(c.account).getAlternateContact(any(GetAlternateContactRequest.class));
        assertThatThrownBy(() -> new SetAlternateContactAction(c).execute(Params.of("type", "SECURITY",
                "emailAddress", "security@example.com"), CTX))
                .isInstanceOfSatisfying(ActionFailure.class, f -> assertThat(f.getMessage())
                        .isEqualTo("parameter 'name' must be given, since the account has no SECURITY contact to take it from, got 'nothing'"));
        verify(c.account, never()).putAlternateContact(any(PutAlternateContactRequest.class));
    }

    @Test
    void badTypeOrEmail_areRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> new SetAlternateContactAction(c).plan(Params.of("type", "LEGAL", "emailAddress", "a@b.c"), CTX))
                .hasMessageContaining("parameter 'type' must be BILLING, OPERATIONS or SECURITY");
        doReturn(GetAlternateContactResponse.builder().alternateContact(x -> x.name("n").phoneNumber("p")).build())
                .when(c.account).getAlternateContact(any(GetAlternateContactRequest.class));
        assertThatThrownBy(() -> new SetAlternateContactAction(c).execute(Params.of("type", "BILLING", "emailAddress", "nope"), CTX))
                .hasMessageContaining("parameter 'emailAddress' must be an email address");
        verify(c.account, never()).putAlternateContact(any(PutAlternateContactRequest.class));
    }
}
