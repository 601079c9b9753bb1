package dev.irshell.shell;

import dev.irshell.engine.Session;
import java.util.Optional;

/**
 * The interactive prompt: where the shell acts, the mode, and the runbook and step in progress.
 * A sandbox says so with its scenario ({@code irshell[SANDBOX leaked-key-cryptomining us-east-1]>});
 * a live account shows its id and alias once known ({@code irshell[111122223333 (example-shop)
 * us-east-1]>}, {@code irshell[live us-east-1]>} until then); an emulator endpoint keeps its URL
 * in front of the account.
 */
public final class Prompt {
    private Prompt() {}

    /**
     * @param account the account label ({@link AccountLabel}), when known; ignored in a sandbox
     */
    public static String text(Workspace ws, Optional<String> account, Optional<Session> session) {
        String where;
        if (ws.sandbox().isPresent() || account.isEmpty()) {
            where = ws.environment();
        } else {
            where = (ws.environment().equals(Workspace.LIVE) ? "" : ws.environment() + " ") + account.get();
        }
        return text(where, ws.region(), ws.options(), session);
    }

    /** The prompt of a sandbox whose simulated account is still starting: it names what will be there. */
    public static String starting(String scenario, LaunchOptions o) {
        return text(Workspace.sandboxEnvironment(scenario), Workspace.sandboxRegion(o), o, Optional.empty());
    }

    private static String text(String where, String region, LaunchOptions o, Optional<Session> session) {
        StringBuilder b = new StringBuilder("irshell[").append(where);
        b.append(' ').append(region);
        if (o.readOnly()) {
            b.append(" read-only");
        }
        if (o.dryRun()) {
            b.append(" dry-run");
        }
        session.ifPresent(s -> b.append(" | ").append(s.runbook().id())
                .append(s.current().map(st -> ":" + st.id()).orElse(":end")));
        return b.append("]> ").toString();
    }
}
