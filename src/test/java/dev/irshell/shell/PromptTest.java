package dev.irshell.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irshell.action.ActionFailure;
import dev.irshell.action.aws.AwsClients;
import dev.irshell.engine.CallRelay;
import dev.irshell.engine.CallerIdentity;
import dev.irshell.sandbox.Sandbox;
import dev.irshell.sandbox.SandboxOptions;
import dev.irshell.sandbox.Scenario;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The prompt: a live account's id and alias (fetched once, off the shell's thread, never waited
 * for), the id alone without an alias, the plain form until they are known; the sandbox's prompt
 * unchanged.
 */
class PromptTest {
    static final CallerIdentity RESPONDER = new CallerIdentity("111122223333",
            "arn:aws:iam::111122223333:user/responder", "AIDAQRESPONDER000001", "responder", "AKIAQRESPONDER3EXMPL");

    /** Runs what it is given only when told: shows what the prompt says before the fetch finished. */
    static final class Later implements java.util.concurrent.Executor {
        final List<Runnable> queued = new ArrayList<>();

        @Override
        public void execute(Runnable r) {
            queued.add(r);
        }

        void runAll() {
            List<Runnable> now = new ArrayList<>(queued);
            queued.clear();
            now.forEach(Runnable::run);
        }
    }

    static Workspace workspace(String environment, URI endpoint, boolean readOnly, boolean dryRun) {
        LaunchOptions o = new LaunchOptions(null, "eu-west-1", dryRun, readOnly, Path.of("evidence"), null, endpoint, false,
                false, null, null, false, List.of());
        CallRelay relay = new CallRelay();
        AwsClients clients = new AwsClients(AwsClients.Config.emulated(endpoint, "eu-west-1", "AKIAIOSFODNN7EXAMPLE", "x",
                readOnly, "t", relay));
        return new Workspace(o, clients, relay, Clock.systemUTC(), environment);
    }

    static Workspace live() {
        return workspace(Workspace.LIVE, URI.create("http://127.0.0.1:9"), false, false);
    }

    @Test
    void live_showsIdAndAlias_onceFetched_plainUntilThen() {
        Later later = new Later();
        AtomicInteger aliasCalls = new AtomicInteger();
        AtomicInteger changes = new AtomicInteger();
        AccountLabel label = new AccountLabel(Optional::empty, () -> RESPONDER, timeout -> {
            aliasCalls.incrementAndGet();
            assertThat(timeout).isEqualTo(AccountLabel.ALIAS_TIMEOUT);
            return Optional.of("example-shop");
        }, later);
        label.onChange(changes::incrementAndGet);
        try (Workspace ws = live()) {
            assertThat(Prompt.text(ws, label.current(), Optional.empty())).isEqualTo("irshell[live eu-west-1]> ");
            later.runAll();
            assertThat(Prompt.text(ws, label.current(), Optional.empty()))
                    .isEqualTo("irshell[111122223333 (example-shop) eu-west-1]> ");
            label.current();
            later.runAll();
        }
        assertThat(aliasCalls).as("fetched once").hasValue(1);
        assertThat(changes).as("the id, then the alias").hasValue(2);
    }

    @Test
    void live_aliasDeniedOrAbsent_showsTheIdAlone() {
        AccountLabel denied = new AccountLabel(Optional::empty, () -> RESPONDER, timeout -> {
            throw ActionFailure.accessDenied("iam", "ListAccountAliases", "aws-global", "AccessDenied", "no", "r", 403,
                    "iam:ListAccountAliases", null);
        }, Runnable::run);
        AccountLabel none = new AccountLabel(Optional::empty, () -> RESPONDER, timeout -> Optional.empty(), Runnable::run);
        try (Workspace ws = live()) {
            assertThat(Prompt.text(ws, denied.current(), Optional.empty())).isEqualTo("irshell[111122223333 eu-west-1]> ");
            assertThat(Prompt.text(ws, none.current(), Optional.empty())).isEqualTo("irshell[111122223333 eu-west-1]> ");
        }
    }

    @Test
    void live_credentialsThatDoNotWork_keepThePlainPrompt() {
        AccountLabel broken = new AccountLabel(Optional::empty, () -> {
            throw ActionFailure.credentials("expired", null);
        }, timeout -> Optional.of("never-asked"), Runnable::run);
        try (Workspace ws = live()) {
            assertThat(Prompt.text(ws, broken.current(), Optional.empty())).isEqualTo("irshell[live eu-west-1]> ");
        }
    }

    @Test
    void live_identityKnownAlready_idShownAtOnce_aliasLater() {
        Later later = new Later();
        AccountLabel label = new AccountLabel(() -> Optional.of(RESPONDER), () -> RESPONDER,
                timeout -> Optional.of("example-shop"), later);
        try (Workspace ws = workspace(Workspace.LIVE, URI.create("http://127.0.0.1:9"), true, true)) {
            assertThat(Prompt.text(ws, label.current(), Optional.empty()))
                    .isEqualTo("irshell[111122223333 eu-west-1 read-only dry-run]> ");
            later.runAll();
            assertThat(Prompt.text(ws, label.current(), Optional.empty()))
                    .isEqualTo("irshell[111122223333 (example-shop) eu-west-1 read-only dry-run]> ");
        }
    }

    @Test
    void endpoint_keepsItsUrlInFrontOfTheAccount() {
        try (Workspace ws = workspace("endpoint http://127.0.0.1:4566", URI.create("http://127.0.0.1:4566"), false, false)) {
            assertThat(Prompt.text(ws, Optional.of("111122223333 (example-shop)"), Optional.empty()))
                    .isEqualTo("irshell[endpoint http://127.0.0.1:4566 111122223333 (example-shop) eu-west-1]> ");
        }
    }

    @Test
    void sandbox_promptUnchanged_andAskedNothing() {
        try (Workspace ws = Workspace.sandbox(new LaunchOptions(null, null, false, false, Path.of("evidence"), null, null,
                false, false, "", null, false, List.of()), Clock.systemUTC(), Scenario.builtin(Scenario.defaultName()),
                SandboxOptions.defaults())) {
            assertThat(Prompt.text(ws, Optional.empty(), Optional.empty()))
                    .isEqualTo("irshell[SANDBOX leaked-key-cryptomining us-east-1]> ");
        }
    }

    /** The real lookup, through the SDK, against the sandbox reached as a plain endpoint (as a live account would be). */
    @Test
    void againstTheSandboxAsAnEndpoint_labelCarriesTheScenariosAlias() throws Exception {
        try (Sandbox sb = Sandbox.start(Scenario.builtin(Scenario.defaultName()), SandboxOptions.defaults())) {
            LaunchOptions o = new LaunchOptions(null, "us-east-1", false, false, Path.of("evidence"), null, null, false,
                    false, null, null, false, List.of());
            CallRelay relay = new CallRelay();
            AwsClients clients = new AwsClients(AwsClients.Config.emulated(sb.endpoint(), "us-east-1",
                    sb.operatorCredentials().accessKeyId(), sb.operatorCredentials().secretAccessKey(), false, "t", relay));
            try (Workspace ws = new Workspace(o, clients, relay, Clock.systemUTC(), Workspace.LIVE)) {
                CountDownLatch aliasArrived = new CountDownLatch(2);
                ws.accountLabel().onChange(aliasArrived::countDown);
                ws.accountLabel().current();
                assertThat(aliasArrived.await(60, TimeUnit.SECONDS)).as("the id, then the alias").isTrue();

                assertThat(Prompt.text(ws, ws.accountLabel().current(), Optional.empty()))
                        .isEqualTo("irshell[111122223333 (example-shop) us-east-1]> ");
                assertThat(ws.accountAlias()).contains("example-shop");
            }
            assertThat(sb.state().events()).filteredOn(e -> e.eventName().equals("ListAccountAliases")).hasSize(2);
        }
    }

    @Test
    void formatWithoutAlias_isTheIdAlone() {
        assertThat(AccountLabel.format("111122223333", null)).isEqualTo("111122223333");
        assertThat(AccountLabel.format("111122223333", " ")).isEqualTo("111122223333");
        assertThat(AccountLabel.format("111122223333", "a-b")).isEqualTo("111122223333 (a-b)");
    }
}
