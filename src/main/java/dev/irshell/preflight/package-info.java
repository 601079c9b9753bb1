/**
 * {@code preflight}: before an incident, whether the credentials in use can run a runbook (and the
 * runbooks it calls), step by step. {@link dev.irshell.preflight.RunbookNeeds} derives each step's
 * IAM actions from the action catalogue; {@link dev.irshell.preflight.Preflight} asks IAM's policy
 * simulator about them for the caller's principal ({@link dev.irshell.preflight.PolicySimulator}),
 * or, when it may not, calls the read steps' operations once each ({@link
 * dev.irshell.preflight.ReadProbes}); {@link dev.irshell.preflight.PreflightReport} holds the verdicts
 * and names the shipped policy ({@link dev.irshell.preflight.ShippedPolicies}) that grants what is
 * missing. Uses the AWS SDK through {@code action.aws}; knows nothing of Spring Shell or JLine.
 */
package dev.irshell.preflight;
