package dev.irshell.action;

import dev.irshell.runbook.ActionSignature;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The catalogue entry of an action: one row of the command table (name, effect, parameters,
 * the IAM actions it may call, its undo).
 *
 * @param name           catalogue name, {@code service.verbNoun}, e.g. {@code iam.deactivateAccessKey}
 * @param summary        one line for listings
 * @param effect         read, change or destroy
 * @param params         parameters, in display order
 * @param iamActions     every IAM action (e.g. {@code iam:UpdateAccessKey}) the action can call
 * @param undoAction     catalogue name of the action that reverses this one, or null
 * @param targetParam    for DESTROY, the parameter whose value the operator must type; else null
 * @param canLockOut     true if it can cut off the session's own credentials (deactivate or
 *                       delete a key, disable a user) so the lock-out guard must check it
 */
public record ActionSpec(
        String name,
        String summary,
        Effect effect,
        List<ParamSpec> params,
        List<String> iamActions,
        String undoAction,
        String targetParam,
        boolean canLockOut) {

    public Optional<ParamSpec> param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public ActionSignature signature() {
        Set<String> req = params.stream().filter(ParamSpec::required).map(ParamSpec::name).collect(Collectors.toSet());
        Set<String> opt = params.stream().filter(p -> !p.required()).map(ParamSpec::name).collect(Collectors.toSet());
        return new ActionSignature(name, req, opt);
    }
}
