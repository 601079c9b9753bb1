package dev.irshell.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

/** The scenarios shipped with irshell: they load, start, reproduce, and their objectives name real things. */
class ScenarioBuiltinsTest {
    private static final String ROGUE = "rogue-role-persistence";

    static List<String> builtins() {
        return Scenario.builtinNames();
    }

    @Test
    void builtinNames_includeTheNewScenarios() {
        assertThat(Scenario.builtinNames()).containsExactly("leaked-key-cryptomining", ROGUE, "fraudulent-linked-account",
                "quiet-account");
        assertThat(Scenario.defaultName()).isEqualTo("leaked-key-cryptomining");
    }

    @ParameterizedTest
    @MethodSource("builtins")
    void builtin_everyObjectiveNamesSomethingInTheStartedAccount(String name) {
        Scenario scenario = Scenario.builtin(name);
        try (Sandbox s = Sandbox.start(scenario, TestClients.options())) {
            SandboxState state = s.state();
            assertThat(scenario.objectives()).isNotEmpty().allSatisfy(o -> {
                switch (o.kind()) {
                    case "keyInactive", "keyDeleted", "keyStillActive" ->
                            assertThat(state.accessKey(o.target())).as(o.toString()).isPresent();
                    case "userDeleted", "userKept", "loginProfileDeleted" ->
                            assertThat(state.user(o.target())).as(o.toString()).isPresent();
                    case "roleDeleted", "sessionsRevoked" ->
                            assertThat(state.role(o.target())).as(o.toString()).isPresent();
                    case "instanceTerminated", "instanceRunning" ->
                            assertThat(state.instance(o.target())).as(o.toString()).isPresent();
                    case "snapshotBefore" -> ObjectiveShapes.instances(o.value())
                            .forEach(id -> assertThat(state.instance(id)).as(id).isPresent());
                    case "policyDetached" -> assertThat(state.customerPolicyArns())
                            .contains(o.value().path("policyArn").asText());
                    case "functionDeleted", "functionKept" -> assertThat(state.functions()).as(o.toString())
                            .anyMatch(f -> f.arn().equals(o.target()));
                    case "alternateContactRestored" -> assertThat(state.alternateContact(o.value().path("type").asText()))
                            .as(o.toString()).isPresent();
                    default -> assertThat(o.kind()).isEqualTo("nothingLegitimateDestroyed");
                }
            });
            assertThat(scenario.objectives()).anyMatch(o -> o.kind().equals("nothingLegitimateDestroyed"));
            assertThat(state.events()).hasSize(scenario.timeline().stream()
                    .mapToInt(Scenario.TimelineEntry::times).sum());
        }
    }

    @ParameterizedTest
    @MethodSource("builtins")
    void builtin_keepsALegitimateApplicationKeyApartFromTheOperators(String name) {
        Scenario scenario = Scenario.builtin(name);
        List<String> kept = scenario.objectives().stream().filter(o -> o.kind().equals("keyStillActive"))
                .map(Scenario.Objective::target).toList();
        List<String> removed = scenario.objectives().stream()
                .filter(o -> o.kind().equals("keyInactive") || o.kind().equals("keyDeleted"))
                .map(Scenario.Objective::target).toList();
        String operatorKey = scenario.users().stream().filter(u -> u.name().equals(scenario.operator()))
                .flatMap(u -> u.accessKeys().stream()).findFirst().orElseThrow().id();

        assertThat(kept).anyMatch(k -> !k.equals(operatorKey));
        assertThat(kept).noneMatch(removed::contains);
        assertThat(scenario.actors().values()).anyMatch(a -> kept.contains(a.accessKeyId()));
    }

    @ParameterizedTest
    @MethodSource("builtins")
    void builtin_sameSeedReproducesTheAccountAndHistory(String name) {
        SandboxOptions options = SandboxOptions.defaults().withClock(Clock.fixed(TestClients.T0, ZoneOffset.UTC))
                .withSeed(11);
        try (Sandbox a = Sandbox.start(Scenario.builtin(name), options);
             Sandbox b = Sandbox.start(Scenario.builtin(name), options)) {
            assertThat(a.state().users()).isEqualTo(b.state().users());
            assertThat(a.state().accessKeys()).isEqualTo(b.state().accessKeys());
            assertThat(a.state().roles()).isEqualTo(b.state().roles());
            assertThat(a.state().sessions()).isEqualTo(b.state().sessions());
            assertThat(a.state().instances()).isEqualTo(b.state().instances());
            assertThat(a.state().customerPolicyArns()).isEqualTo(b.state().customerPolicyArns());
            assertThat(a.state().events()).isEqualTo(b.state().events());
            assertThat(Grader.grade(a)).isEqualTo(Grader.grade(b));
        }
    }

    @Test
    void quietAccount_onlyOrdinaryActivityAndUnusedOldKeys() {
        try (Sandbox s = Sandbox.start(Scenario.builtin("quiet-account"), TestClients.options())) {
            SandboxState state = s.state();
            assertThat(state.users()).allMatch(u -> u.origin().equals("scenario"));
            assertThat(state.accessKeys()).allMatch(k -> k.origin().equals("scenario"));
            assertThat(state.accessKey("AKIAQCIDEPLOYOLDKEY2").orElseThrow().lastUsed()).isNull();
            assertThat(state.accessKey("AKIAQCIDEPLOYRETIRED").orElseThrow().active()).isFalse();
            assertThat(state.user("ops-carol").orElseThrow().mfaSerials()).isEmpty();
            assertThat(state.user("ops-carol").orElseThrow().passwordLastUsed()).isNotNull();
            assertThat(state.events()).extracting(TrailEvent::eventName).doesNotContain("CreateUser",
                    "CreateAccessKey", "RunInstances", "CreateRole", "AttachUserPolicy");
        }
    }

    @Test
    void rogueRole_timelineBuildsTheBackDoor() {
        try (Sandbox s = Sandbox.start(Scenario.builtin(ROGUE), TestClients.options())) {
            SandboxState state = s.state();
            IamRole role = state.role("aws-ops-maintenance").orElseThrow();
            assertThat(role.origin()).isEqualTo("attacker");
            assertThat(role.roleId()).isEqualTo("AROAQROGUEMAINTROLE7");
            assertThat(role.trustedPrincipals()).contains("arn:aws:iam::999988887777:root");
            assertThat(role.attachedPolicyArns()).containsExactly("arn:aws:iam::555566667777:policy/ops-maintenance");
            assertThat(state.customerPolicyArns()).containsExactlyInAnyOrder(
                    "arn:aws:iam::555566667777:policy/billing-app-invoices",
                    "arn:aws:iam::555566667777:policy/ops-maintenance");
            assertThat(state.sessions()).extracting(StsSession::accessKeyId)
                    .containsExactly("ASIAQROGUESESSIONONE", "ASIAQROGUESESSIONTWO");
            assertThat(state.sessions()).allMatch(x -> x.issuedTo().equals("arn:aws:iam::555566667777:user/build-bot"));

            List<TrailEvent> bySession = state.events().stream()
                    .filter(e -> "ASIAQROGUESESSIONTWO".equals(e.accessKeyId())).toList();
            assertThat(bySession).extracting(TrailEvent::eventName)
                    .containsExactly("GetCallerIdentity", "ListAccessKeys", "DescribeInstances");
            assertThat(bySession.get(0).record().path("userIdentity").path("type").asText()).isEqualTo("AssumedRole");
            assertThat(bySession.get(0).record().path("userIdentity").path("arn").asText())
                    .isEqualTo("arn:aws:sts::555566667777:assumed-role/aws-ops-maintenance/maint");
            TrailEvent assume = state.events().stream().filter(e -> e.eventName().equals("AssumeRole")).findFirst()
                    .orElseThrow();
            assertThat(assume.accessKeyId()).isEqualTo("AKIAQBUILDBOTLEAKED3");
            assertThat(assume.record().path("responseElements").path("credentials").path("accessKeyId").asText())
                    .isEqualTo("ASIAQROGUESESSIONONE");
            assertThat(assume.record().toString()).doesNotContain("1zTOlUcR64cXQLioDnkHIfxIq2HZt");
        }
    }

    @Test
    void rogueRole_liveSessionWorksAndTheExpiredOneDoesNot() {
        try (Sandbox s = Sandbox.start(Scenario.builtin(ROGUE), TestClients.options());
             StsClient live = TestClients.sts(s, TestClients.session("ASIAQROGUESESSIONTWO",
                     "Gq7Z0mYx2bN4vC6sD8fH1jK3lP5rT9wB+aE/uQiM", "IQoJb3JpZ2luX2VjEASIAQROGUESESSIONTWO"));
             StsClient expired = TestClients.sts(s, TestClients.session("ASIAQROGUESESSIONONE",
                     "1zTOlUcR64cXQLioDnkHIfxIq2HZt/PlJhx2jIcl", "IQoJb3JpZ2luX2VjEASIAQROGUESESSIONONE"))) {
            assertThat(live.getCallerIdentity().arn())
                    .isEqualTo("arn:aws:sts::555566667777:assumed-role/aws-ops-maintenance/maint");
            assertThatThrownBy(expired::getCallerIdentity).isInstanceOfSatisfying(StsException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredToken"));
        }
    }
}
