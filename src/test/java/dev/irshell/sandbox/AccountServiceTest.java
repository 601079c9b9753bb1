package dev.irshell.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.account.AccountClient;
import software.amazon.awssdk.services.account.model.AlternateContact;
import software.amazon.awssdk.services.account.model.AlternateContactType;
import software.amazon.awssdk.services.account.model.ContactInformation;
import software.amazon.awssdk.services.account.model.GetAccountInformationResponse;
import software.amazon.awssdk.services.account.model.ResourceNotFoundException;
import software.amazon.awssdk.services.account.model.ValidationException;

class AccountServiceTest {

    @Test
    void getContactInformation_andAccountInformation() {
        try (Sandbox s = TestClients.startDefault();
             AccountClient account = TestClients.account(s, TestClients.basic(s.operatorCredentials()))) {
            ContactInformation c = account.getContactInformation(r -> { }).contactInformation();
            GetAccountInformationResponse info = account.getAccountInformation(r -> { });

            assertThat(c.fullName()).isEqualTo("Dana Example");
            assertThat(c.phoneNumber()).isEqualTo("+1 206-555-0100");
            assertThat(c.countryCode()).isEqualTo("US");
            assertThat(c.addressLine2()).isNull();
            assertThat(info.accountId()).isEqualTo("111122223333");
            assertThat(info.accountName()).isEqualTo("Example Shop");
            assertThat(info.accountCreatedDate()).isEqualTo(s.startTime().minusSeconds(900L * 86400));
        }
    }

    @Test
    void getAlternateContact_unsetType_resourceNotFound404() {
        try (Sandbox s = TestClients.startDefault();
             AccountClient account = TestClients.account(s, TestClients.basic(s.operatorCredentials()))) {
            AlternateContact billing = account.getAlternateContact(r -> r.alternateContactType(
                    AlternateContactType.BILLING)).alternateContact();
            assertThat(billing.emailAddress()).isEqualTo("billing@example-shop.com");
            assertThat(billing.alternateContactType()).isEqualTo(AlternateContactType.BILLING);

            assertThatThrownBy(() -> account.getAlternateContact(r -> r.alternateContactType(
                    AlternateContactType.OPERATIONS))).isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(404);
                        assertThat(e.awsErrorDetails().errorMessage()).contains("alternate contact type");
                        assertThat(e.requestId()).isNotBlank();
                    });
        }
    }

    @Test
    void securityContact_changedByAttacker_restoredByPut() {
        try (Sandbox s = TestClients.startFraud();
             AccountClient account = TestClients.account(s, TestClients.basic(s.operatorCredentials()))) {
            AlternateContact before = account.getAlternateContact(r -> r.alternateContactType(
                    AlternateContactType.SECURITY)).alternateContact();
            assertThat(before.emailAddress()).isEqualTo("secdesk-nw@mailbox.example");
            assertThat(s.state().alternateContact("SECURITY").orElseThrow().origin()).isEqualTo("attacker");

            account.putAlternateContact(r -> r.alternateContactType(AlternateContactType.SECURITY)
                    .name("Northwind Security").title("CISO Office").emailAddress("security@northwind.example")
                    .phoneNumber("+1 503-555-0170"));

            assertThat(account.getAlternateContact(r -> r.alternateContactType(AlternateContactType.SECURITY))
                    .alternateContact().emailAddress()).isEqualTo("security@northwind.example");
            assertThat(s.state().alternateContact("SECURITY").orElseThrow().origin()).isEqualTo("session");
            TrailEvent put = s.state().events("us-east-1").stream()
                    .filter(e -> e.eventName().equals("PutAlternateContact") && e.username().equals("responder"))
                    .findFirst().orElseThrow();
            assertThat(put.eventSource()).isEqualTo("account.amazonaws.com");
            assertThat(put.readOnly()).isFalse();
            assertThat(put.record().path("requestParameters").path("alternateContactType").asText())
                    .isEqualTo("SECURITY");
        }
    }

    @Test
    void putAlternateContact_invalidEmail_validationException() {
        try (Sandbox s = TestClients.startDefault();
             AccountClient account = TestClients.account(s, TestClients.basic(s.operatorCredentials()))) {
            assertThatThrownBy(() -> account.putAlternateContact(r -> r.alternateContactType(
                    AlternateContactType.OPERATIONS).name("Ops").title("Ops").emailAddress("not-an-address")
                    .phoneNumber("+1 555"))).isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(400));
            assertThat(s.state().alternateContact("OPERATIONS")).isEmpty();
        }
    }
}
