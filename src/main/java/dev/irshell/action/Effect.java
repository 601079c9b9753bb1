package dev.irshell.action;

/** What running an action does to the account. */
public enum Effect {
    /** Looks only; runs when the operator asks. */
    READ,
    /** Changes the account in a way its undo reverses; needs a confirmation. */
    CHANGE,
    /** Removes something for good; the operator types the resource id. */
    DESTROY
}
