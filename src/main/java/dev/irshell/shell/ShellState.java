package dev.irshell.shell;

import dev.irshell.engine.Session;
import dev.irshell.engine.SessionException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The interactive shell's one piece of mutable state: the session in progress, if any. Commands
 * hold none themselves.
 */
public final class ShellState {
    private final Supplier<Workspace> workspace;
    private Session session;

    public ShellState(Workspace workspace) {
        this(() -> workspace);
    }

    /** A workspace still being made (the shell starts meanwhile): commands wait for it on first use. */
    public ShellState(Supplier<Workspace> workspace) {
        this.workspace = workspace;
    }

    public Workspace workspace() {
        return workspace.get();
    }

    public synchronized Optional<Session> session() {
        return Optional.ofNullable(session);
    }

    /** The session in progress, or a message saying how to start one. */
    public synchronized Session requireSession() {
        if (session == null) {
            throw new SessionException("no runbook is running: `runbooks` lists them, `start RUNBOOK` starts one");
        }
        return session;
    }

    public synchronized void begin(Session s) {
        if (session != null) {
            throw new SessionException("runbook " + session.runbook().id() + " is still running: `end` it first");
        }
        session = s;
    }

    /** Seals the session in progress, if any; returns its final digest or null. */
    public synchronized String endSession() {
        if (session == null) {
            return null;
        }
        String digest = session.end();
        workspace().relay().detach();
        session = null;
        return digest;
    }
}
