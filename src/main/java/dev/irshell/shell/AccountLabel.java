package dev.irshell.shell;

import dev.irshell.engine.CallerIdentity;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The account a live shell acts on, as its prompt shows it: {@code 111122223333 (example-shop)}.
 * Nothing is fetched until the prompt first asks; then, once and off the shell's thread, the caller
 * identity (unless already known) and the alias (iam:ListAccountAliases, given up after {@link
 * #ALIAS_TIMEOUT}). The id alone when the alias is denied, absent or slow; nothing when the
 * credentials do not work, and the prompt keeps its plain form.
 */
public final class AccountLabel {
    /** How long the alias may take: a prompt is no place to wait. */
    public static final Duration ALIAS_TIMEOUT = Duration.ofSeconds(2);

    private final Supplier<Optional<CallerIdentity>> known;
    private final Supplier<CallerIdentity> identity;
    private final Function<Duration, Optional<String>> alias;
    private final Executor background;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile String label;
    private volatile Runnable onChange = () -> { };

    /**
     * @param known      the identity if it is known already, without a call
     * @param identity   the identity, calling STS if needed (throws when the credentials do not work)
     * @param alias      the account's alias within the timeout (throws when denied or unreachable)
     * @param background where the fetch runs
     */
    public AccountLabel(Supplier<Optional<CallerIdentity>> known, Supplier<CallerIdentity> identity,
                        Function<Duration, Optional<String>> alias, Executor background) {
        this.known = known;
        this.identity = identity;
        this.alias = alias;
        this.background = background;
    }

    /** A daemon thread per fetch (there is one): it must never keep the JVM alive. */
    static Executor daemon() {
        return r -> {
            Thread t = new Thread(r, "irshell-account-label");
            t.setDaemon(true);
            t.start();
        };
    }

    /** Called after the label changed, from the fetching thread (to redraw a prompt on screen). */
    public void onChange(Runnable listener) {
        this.onChange = listener == null ? () -> { } : listener;
    }

    /** What is known now; the first call starts the fetch and never waits for it. */
    public Optional<String> current() {
        if (started.compareAndSet(false, true)) {
            known.get().ifPresent(id -> label = id.account());
            background.execute(this::fetch);
        }
        return Optional.ofNullable(label);
    }

    private void fetch() {
        CallerIdentity id;
        try {
            id = identity.get();
        } catch (RuntimeException e) {
            return;
        }
        if (!id.account().equals(label)) {
            label = id.account();
            onChange.run();
        }
        Optional<String> found;
        try {
            found = alias.apply(ALIAS_TIMEOUT);
        } catch (RuntimeException e) {
            return;
        }
        found.ifPresent(a -> {
            label = format(id.account(), a);
            onChange.run();
        });
    }

    /** {@code 111122223333 (example-shop)}, or the id alone without an alias. */
    public static String format(String account, String alias) {
        return alias == null || alias.isBlank() ? account : account + " (" + alias + ")";
    }
}
