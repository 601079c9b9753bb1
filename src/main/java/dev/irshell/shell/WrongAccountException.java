package dev.irshell.shell;

import dev.irshell.engine.CallerIdentity;

/** The credentials reach another account than --expect-account names: irshell refuses to act (exit 2). */
public final class WrongAccountException extends RuntimeException {
    public WrongAccountException(String expected, CallerIdentity found) {
        super("refusing to start: --expect-account " + expected + ", but the credentials reach account " + found.account()
                + " as " + found.arn() + ". Choose the right profile (--profile NAME) or correct --expect-account");
    }
}
