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
        StringBuilder b = new StringBuilder("irshell[");
        if (ws.sandbox().isPresent() || account.isEmpty()) {
            b.append(ws.environment());
        } else {
            if (!ws.environment().equals(Workspace.LIVE)) {
                b.append(ws.environment()).append(' ');
            }
            b.append(account.get());
        }
        b.append(' ').append(ws.region());
        if (ws.options().readOnly()) {
            b.append(" read-only");
        }
        if (ws.options().dryRun()) {
            b.append(" dry-run");
        }
        session.ifPresent(s -> b.append(" | ").append(s.runbook().id())
                .append(s.current().map(st -> ":" + st.id()).orElse(":end")));
        return b.append("]> ").toString();
    }
}
