/**
 * The sandbox: a simulated AWS account that is AWS from the client's side. irshell's real SDK
 * clients (and the AWS CLI) reach it over HTTP on 127.0.0.1 with SigV4-signed requests; only the
 * endpoint and the credentials differ from a live account.
 *
 * <p>Owns: the account state ({@link dev.irshell.sandbox.SandboxState}), scenarios (YAML, the
 * account before the incident and the attacker's timeline), the HTTP front that speaks the query,
 * ec2, JSON 1.1 and REST-JSON wire protocols (one codec per protocol, one {@link
 * dev.irshell.sandbox.ServiceHandler} per service with an operation table), SigV4 verification,
 * CloudTrail recording of every call, fault injection, and grading a session against the scenario's
 * objectives ({@link dev.irshell.sandbox.Grader}).
 *
 * <p>Depends on Jackson and the JDK only; never on the AWS SDK nor on other irshell packages: it
 * is AWS, not a client of it.
 */
package dev.irshell.sandbox;
