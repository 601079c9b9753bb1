package dev.irshell.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.AccessDeniedException;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.AccountJoinedMethod;
import software.amazon.awssdk.services.organizations.model.AccountNotFoundException;
import software.amazon.awssdk.services.organizations.model.AwsOrganizationsNotInUseException;
import software.amazon.awssdk.services.organizations.model.CreateAccountState;
import software.amazon.awssdk.services.organizations.model.CreateAccountStatus;
import software.amazon.awssdk.services.organizations.model.DescribeOrganizationResponse;
import software.amazon.awssdk.services.organizations.model.Handshake;
import software.amazon.awssdk.services.organizations.model.ListAccountsResponse;

class OrganizationsServiceTest {

    @Test
    void describeOrganization_managementAccount() {
        try (Sandbox s = TestClients.startFraud();
             OrganizationsClient org = TestClients.organizations(s, TestClients.basic(s.operatorCredentials()))) {
            DescribeOrganizationResponse r = org.describeOrganization();

            assertThat(r.organization().id()).isEqualTo("o-nw7k2q9x4d");
            assertThat(r.organization().arn())
                    .isEqualTo("arn:aws:organizations::444455556666:organization/o-nw7k2q9x4d");
            assertThat(r.organization().masterAccountId()).isEqualTo(TestClients.NW_ACCOUNT);
            assertThat(r.organization().masterAccountEmail()).isEqualTo("aws-root@northwind.example");
            assertThat(r.organization().featureSetAsString()).isEqualTo("ALL");
            assertThat(r.responseMetadata().requestId()).isNotBlank();
        }
    }

    @Test
    void describeOrganization_standaloneAccount_notInUse() {
        try (Sandbox s = TestClients.startDefault();
             OrganizationsClient org = TestClients.organizations(s, TestClients.basic(s.operatorCredentials()))) {
            assertThatThrownBy(org::describeOrganization).isInstanceOfSatisfying(
                    AwsOrganizationsNotInUseException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AWSOrganizationsNotInUseException");
                        assertThat(e.requestId()).isNotBlank();
                    });
            assertThatThrownBy(org::listAccounts).isInstanceOf(AwsOrganizationsNotInUseException.class);
            assertThat(s.state().events("us-east-1").get(0)).satisfies(e -> {
                assertThat(e.eventName()).isEqualTo("ListAccounts");
                assertThat(e.eventSource()).isEqualTo("organizations.amazonaws.com");
                assertThat(e.errorCode()).isEqualTo("AWSOrganizationsNotInUseException");
            });
        }
    }

    @Test
    void listAccounts_paginatorFollowsSmallPages_andShowsHowEachJoined() {
        try (Sandbox s = TestClients.startFraud();
             OrganizationsClient org = TestClients.organizations(s, TestClients.basic(s.operatorCredentials()))) {
            List<ListAccountsResponse> pages = org.listAccountsPaginator(r -> r.maxResults(20)).stream().toList();
            List<Account> accounts = pages.stream().flatMap(p -> p.accounts().stream()).toList();

            assertThat(pages).hasSizeGreaterThan(1).allMatch(p -> p.accounts().size() <= OrganizationsService.PAGE_LIMIT);
            assertThat(accounts).extracting(Account::id).containsExactly(TestClients.NW_ACCOUNT, "555566667777",
                    "666677778888", "777788889999", "888899990000", TestClients.NW_FRAUD_ACCOUNT);
            Account fraud = accounts.get(5);
            assertThat(fraud.joinedMethod()).isEqualTo(AccountJoinedMethod.CREATED);
            assertThat(fraud.name()).isEqualTo("nw-backup-ops");
            assertThat(fraud.email()).isEqualTo("nw.backup.ops@mailbox.example");
            assertThat(fraud.arn()).isEqualTo("arn:aws:organizations::444455556666:account/o-nw7k2q9x4d/990011223344");
            assertThat(fraud.joinedTimestamp()).isBetween(s.startTime().minusSeconds(3 * 86400), s.startTime());
            assertThat(accounts.get(3).joinedMethod()).isEqualTo(AccountJoinedMethod.INVITED);
            assertThat(accounts.get(3).joinedTimestamp()).isEqualTo(s.startTime().minusSeconds(300L * 86400));
        }
    }

    @Test
    void describeAccount_knownAndUnknown() {
        try (Sandbox s = TestClients.startFraud();
             OrganizationsClient org = TestClients.organizations(s, TestClients.basic(s.operatorCredentials()))) {
            Account a = org.describeAccount(r -> r.accountId(TestClients.NW_FRAUD_ACCOUNT)).account();
            assertThat(a.statusAsString()).isEqualTo("ACTIVE");
            assertThat(a.joinedMethod()).isEqualTo(AccountJoinedMethod.CREATED);

            assertThatThrownBy(() -> org.describeAccount(r -> r.accountId("123123123123")))
                    .isInstanceOf(AccountNotFoundException.class);
        }
    }

    @Test
    void createAccountStatusAndHandshakes_tellCreatedFromInvited() {
        try (Sandbox s = TestClients.startFraud();
             OrganizationsClient org = TestClients.organizations(s, TestClients.basic(s.operatorCredentials()))) {
            List<CreateAccountStatus> created = org.listCreateAccountStatusPaginator(r -> r.states(
                    CreateAccountState.SUCCEEDED)).stream().flatMap(p -> p.createAccountStatuses().stream()).toList();
            List<Handshake> handshakes = org.listHandshakesForOrganizationPaginator(r -> { })
                    .stream().flatMap(p -> p.handshakes().stream()).toList();

            assertThat(created).extracting(CreateAccountStatus::accountId)
                    .containsExactly("555566667777", "666677778888", TestClients.NW_FRAUD_ACCOUNT);
            assertThat(created.get(2).id()).isEqualTo("car-5d2f8e1a9b7c4d3e");
            assertThat(created.get(2).accountName()).isEqualTo("nw-backup-ops");
            // accepted invitations stay visible for 30 days: only the recent one
            assertThat(handshakes).singleElement().satisfies(h -> {
                assertThat(h.actionAsString()).isEqualTo("INVITE");
                assertThat(h.stateAsString()).isEqualTo("ACCEPTED");
                assertThat(h.parties()).anySatisfy(p -> assertThat(p.id()).isEqualTo("888899990000"));
            });
        }
    }

    @Test
    void memberAccount_cannotListAccounts() {
        String yaml = """
                name: member
                account: {id: "222233334444", name: member-one, email: root@member.example}
                organization:
                  id: o-abcdefghij
                  managementAccount: "999988887777"
                  managementEmail: root@mgmt.example
                  created: -100d
                  accounts:
                    - {id: "999988887777", name: mgmt, email: root@mgmt.example, joinedMethod: INVITED, joined: -100d}
                    - {id: "222233334444", name: member-one, email: root@member.example, joinedMethod: INVITED, joined: -50d}
                operator: admin
                users:
                  - name: admin
                    id: AIDAQADMIN0000000001
                    created: -10d
                    accessKeys:
                      - {id: AKIAQADMINKEY2222222, secret: "abcdefghijABCDEFGHIJabcdefghijABCDEFGHIJ", created: -10d}
                """;
        try (Sandbox s = Sandbox.start(Scenario.parse("member.yaml", yaml), TestClients.options());
             OrganizationsClient org = TestClients.organizations(s, TestClients.basic(s.operatorCredentials()))) {
            assertThat(org.describeOrganization().organization().masterAccountId()).isEqualTo("999988887777");
            assertThatThrownBy(org::listAccounts).isInstanceOf(AccessDeniedException.class);
        }
    }

    @Test
    void calls_recordedInUsEast1() {
        try (Sandbox s = TestClients.startFraud();
             OrganizationsClient org = TestClients.organizations(s, TestClients.basic(s.operatorCredentials()))) {
            org.listAccounts(r -> r.maxResults(1));

            TrailEvent e = s.state().events("us-east-1").get(0);
            assertThat(e.eventName()).isEqualTo("ListAccounts");
            assertThat(e.eventSource()).isEqualTo("organizations.amazonaws.com");
            assertThat(e.username()).isEqualTo("responder");
            assertThat(e.readOnly()).isTrue();
            assertThat(e.record().path("requestParameters").path("maxResults").asInt()).isEqualTo(1);
            // the attacker's CreateAccount is in the history too
            assertThat(s.state().events("us-east-1")).anySatisfy(x -> {
                assertThat(x.eventName()).isEqualTo("CreateAccount");
                assertThat(x.accessKeyId()).isEqualTo(TestClients.NW_LEAKED_KEY);
            });
        }
    }
}
