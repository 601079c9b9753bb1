/**
 * The AWS SDK v2 side of irshell: the client factory ({@link dev.irshell.action.aws.AwsClients}:
 * profile, region, endpoint overrides, read-only guard, call recording), the mapping of SDK
 * exceptions to {@link dev.irshell.action.ActionFailure} ({@link dev.irshell.action.aws.AwsCalls}),
 * the region fan-out with per-region rate limits, and the actions of the catalogue
 * ({@link dev.irshell.action.aws.AwsActions#all}). The only package that knows SDK types.
 */
package dev.irshell.action.aws;
