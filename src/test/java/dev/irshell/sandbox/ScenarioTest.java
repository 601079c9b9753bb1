package dev.irshell.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;

class ScenarioTest {
    private static final Path RESOURCES = Path.of("src/test/resources/sandbox");

    @Test
    void builtin_defaultScenarioLoadsWithObjectives() {
        Scenario s = Scenario.builtin(Scenario.defaultName());

        assertThat(Scenario.builtinNames()).contains("leaked-key-cryptomining");
        assertThat(s.accountId()).isEqualTo("111122223333");
        assertThat(s.operator()).isEqualTo("responder");
        assertThat(s.objectives()).anySatisfy(o -> {
            assertThat(o.kind()).isEqualTo("keyStillActive");
            assertThat(o.target()).isEqualTo(TestClients.APP_KEY);
        });
        assertThatThrownBy(() -> Scenario.builtin("nope")).hasMessageContaining("leaked-key-cryptomining");
    }

    @Test
    void defaultScenario_buildsTheIncidentAccount() {
        try (Sandbox sandbox = TestClients.startDefault()) {
            SandboxState state = sandbox.state();
            assertThat(state.user("support-backup").orElseThrow().origin()).isEqualTo("attacker");
            assertThat(state.user("support-backup").orElseThrow().attachedPolicyArns())
                    .containsExactly("arn:aws:iam::aws:policy/AdministratorAccess");
            assertThat(state.accessKey(TestClients.ATTACKER_KEY).orElseThrow().lastUsed()).isNotNull();
            assertThat(state.instances()).filteredOn(i -> i.origin().equals("attacker"))
                    .extracting(Ec2Instance::region)
                    .containsExactlyInAnyOrder("sa-east-1", "sa-east-1", "eu-north-1", "ap-northeast-3");
            assertThat(state.instances()).filteredOn(i -> i.origin().equals("scenario"))
                    .allMatch(i -> i.region().equals("us-east-1"));
            assertThat(state.events()).allMatch(e -> !e.eventTime().isAfter(sandbox.startTime()));
            assertThat(state.events()).filteredOn(e -> e.eventSource().equals("iam.amazonaws.com"))
                    .allMatch(e -> e.region().equals("us-east-1"));
        }
    }

    @Test
    void sameScenarioAndSeed_identicalAccountAndHistory() {
        SandboxOptions options = SandboxOptions.defaults().withClock(Clock.fixed(TestClients.T0, ZoneOffset.UTC))
                .withSeed(7);
        try (Sandbox a = Sandbox.start(Scenario.builtin(Scenario.defaultName()), options);
             Sandbox b = Sandbox.start(Scenario.builtin(Scenario.defaultName()), options)) {
            String keyA = createKey(a);
            String keyB = createKey(b);

            assertThat(keyA).isEqualTo(keyB);
            assertThat(a.state().users()).isEqualTo(b.state().users());
            assertThat(a.state().accessKeys()).isEqualTo(b.state().accessKeys());
            assertThat(a.state().instances()).isEqualTo(b.state().instances());
            assertThat(a.state().events()).hasSameSizeAs(b.state().events());
            assertThat(records(a)).isEqualTo(records(b).stream().map(s -> s.replace(
                    ":" + b.endpoint().getPort(), ":" + a.endpoint().getPort())).toList());
        }
    }

    private static String createKey(Sandbox s) {
        try (IamClient iam = TestClients.iam(s, TestClients.basic(s.operatorCredentials()))) {
            return iam.createAccessKey(r -> r.userName("ops-alice")).accessKey().accessKeyId();
        }
    }

    private static List<String> records(Sandbox s) {
        return s.state().events().stream().map(e -> e.eventId() + e.record().toString()
                .replaceAll("\"userAgent\":\"[^\"]*\"", "")).toList();
    }

    @Test
    void load_minimalScenarioFromFile() {
        Scenario s = Scenario.load(RESOURCES.resolve("minimal-scenario.yaml"));
        try (Sandbox sandbox = Sandbox.start(s, TestClients.options())) {
            assertThat(sandbox.accountId()).isEqualTo("123456789012");
            assertThat(sandbox.state().instance("i-0123456789abcdef0").orElseThrow().region()).isEqualTo("eu-west-1");
            assertThat(sandbox.operatorCredentials().accessKeyId()).isEqualTo("AKIAQADMINKEY2222222");
        }
    }

    @Test
    void load_invalidFileListsEveryProblemWithLineAndColumn() {
        Path file = RESOURCES.resolve("broken-scenario.yaml");
        assertThatThrownBy(() -> Scenario.load(file)).isInstanceOfSatisfying(ScenarioException.class, e -> {
            assertThat(e.getMessage())
                    .contains(file + ":7:14: at /users/0/created: expected an offset before the sandbox start")
                    .contains(file + ":8:13: at /users/0/colour: unknown field 'colour'")
                    .contains("at /users/0/accessKeys/0/id: expected an access key id")
                    .contains(file + ":12:22: at /timeline/0/actor: unknown actor 'ghost'")
                    .contains("unknown objective 'keyRotated'");
            assertThat(e.problems()).allMatch(p -> p.line() > 0);
        });
    }

    @Test
    void load_timelineWithUnknownKeyPointsAtTheEvent() {
        Path file = RESOURCES.resolve("dangling-key-scenario.yaml");
        assertThatThrownBy(() -> Scenario.load(file)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining(file + ":13:")
                .hasMessageContaining("AKIAQNOSUCHKEY222222, which does not exist");
    }

    @Test
    void fraudulentLinkedAccount_loadsAndBuildsTheIncident() {
        Scenario s = Scenario.builtin("fraudulent-linked-account");
        assertThat(Scenario.builtinNames()).contains("fraudulent-linked-account");
        assertThat(s.objectives()).extracting(Scenario.Objective::kind)
                .contains("functionDeleted", "functionKept", "alternateContactRestored", "keyStillActive");
        try (Sandbox sandbox = TestClients.startFraud()) {
            SandboxState state = sandbox.state();
            assertThat(state.organization().orElseThrow().managementAccountId()).isEqualTo(TestClients.NW_ACCOUNT);
            assertThat(state.member(TestClients.NW_FRAUD_ACCOUNT).orElseThrow().origin()).isEqualTo("attacker");
            assertThat(state.members()).filteredOn(m -> m.origin().equals("scenario")).hasSize(5);
            assertThat(state.alternateContact("SECURITY").orElseThrow().emailAddress())
                    .isEqualTo("secdesk-nw@mailbox.example");
            assertThat(state.alternateContact("BILLING").orElseThrow().origin()).isEqualTo("scenario");
            assertThat(state.functions()).filteredOn(f -> f.origin().equals("attacker"))
                    .allMatch(f -> f.region().equals(TestClients.NW_MINER_REGION) && f.memorySize() == 10240);
            assertThat(state.functions()).filteredOn(f -> f.origin().equals("scenario"))
                    .singleElement().satisfies(f -> assertThat(f.region()).isEqualTo("us-east-1"));
            assertThat(state.region(TestClients.NW_MINER_REGION).orElseThrow().enabled()).isTrue();
            assertThat(state.events()).filteredOn(e -> e.eventName().equals("CreateAccount")
                    || e.eventName().equals("PutAlternateContact")).allMatch(e -> e.region().equals("us-east-1"));
            assertThat(state.accessKey(TestClients.NW_APP_KEY).orElseThrow().active()).isTrue();
        }
    }

    @Test
    void fraudulentLinkedAccount_sameSeed_identicalAccountAndHistory() {
        SandboxOptions options = SandboxOptions.defaults().withClock(Clock.fixed(TestClients.T0, ZoneOffset.UTC))
                .withSeed(11);
        Scenario scenario = Scenario.builtin("fraudulent-linked-account");
        try (Sandbox a = Sandbox.start(scenario, options); Sandbox b = Sandbox.start(scenario, options)) {
            assertThat(a.state().members()).isEqualTo(b.state().members());
            assertThat(a.state().functions()).isEqualTo(b.state().functions());
            assertThat(a.state().costs()).isEqualTo(b.state().costs());
            assertThat(a.state().alternateContacts()).isEqualTo(b.state().alternateContacts());
            assertThat(a.state().createAccountStatuses()).isEqualTo(b.state().createAccountStatuses());
            assertThat(records(a)).isEqualTo(records(b));
        }
    }

    @Test
    void defaultScenario_standaloneWithCostSpike() {
        Scenario s = Scenario.builtin(Scenario.defaultName());
        assertThat(s.organization()).isNull();
        assertThat(s.costs()).filteredOn(c -> c.month() == 0 && c.region().equals("sa-east-1")).isNotEmpty();
        assertThat(s.costs()).filteredOn(c -> c.month() == -1).allMatch(c -> c.region().equals("us-east-1"));
        try (Sandbox sandbox = TestClients.startDefault()) {
            assertThat(sandbox.state().organization()).isEmpty();
            assertThat(sandbox.state().costs()).extracting(CostItem::month).contains(
                    java.time.YearMonth.of(2026, 2), java.time.YearMonth.of(2026, 3));
        }
    }

    @Test
    void load_invalidServiceSectionsListedWithLineAndColumn() {
        Path file = RESOURCES.resolve("broken-services-scenario.yaml");
        assertThatThrownBy(() -> Scenario.load(file)).isInstanceOfSatisfying(ScenarioException.class, e -> {
            assertThat(e.getMessage())
                    .contains(file + ":4:7: at /organization/id: expected an organization id")
                    .contains(file + ":7:73: at /organization/accounts/0/joinedMethod: expected INVITED or CREATED")
                    .contains(file + ":10:53: at /contacts/alternate/SECURITY/emailAddress: expected an e-mail address")
                    .contains(file + ":12:13: at /costs/0/month: expected a month offset")
                    .contains("at /lambdaFunctions/0/memory: expected memory in MB between 128 and 10240");
            assertThat(e.problems()).allMatch(p -> p.line() > 0);
        });
    }

    @Test
    void timelineCreateFunction_inNotOptedInRegion_pointsAtTheEvent() {
        String yaml = """
                name: t
                account: {id: "123456789012"}
                operator: admin
                users:
                  - name: admin
                    id: AIDAQADMIN0000000001
                    created: -10d
                    accessKeys:
                      - {id: AKIAQADMINKEY2222222, secret: "abcdefghijABCDEFGHIJabcdefghijABCDEFGHIJ", created: -10d}
                actors:
                  admin: {accessKeyId: AKIAQADMINKEY2222222, sourceIp: 192.0.2.1, userAgent: test}
                timeline:
                  - {at: -1h, actor: admin, event: CreateFunction20150331, region: ap-south-2,
                     with: {functionName: f, runtime: python3.12, role: "arn:aws:iam::123456789012:role/r"}}
                """;
        assertThatThrownBy(() -> Scenario.parse("t.yaml", yaml)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("t.yaml:13:")
                .hasMessageContaining("region ap-south-2 is not enabled");
    }

    @Test
    void parse_invalidYamlReportsPosition() {
        assertThatThrownBy(() -> Scenario.parse("inline.yaml", "name: x\nusers: [\n  - a: b\n"))
                .isInstanceOf(ScenarioException.class).hasMessageStartingWith("inline.yaml:")
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void offsets_parseRelativeTimes() {
        assertThat(Offsets.parse("-3d")).isEqualTo(java.time.Duration.ofDays(-3));
        assertThat(Offsets.parse("-2h15m")).isEqualTo(java.time.Duration.ofMinutes(-135));
        assertThat(Offsets.parse("0")).isEqualTo(java.time.Duration.ZERO);
        assertThat(Offsets.parse("3d")).isNull();
        assertThat(Offsets.parse("-")).isNull();
        assertThat(Offsets.period("6h")).isEqualTo(java.time.Duration.ofHours(6));
    }
}
