package dev.irshell.report;

import java.time.Instant;
import java.util.List;

/**
 * Activity in the account that the investigation found, with the time it happened: a CloudTrail
 * event a lookup returned, an identity created, a resource launched. Everything in it but the
 * kind came from the account and may have been chosen by the attacker.
 *
 * @param kind      what found it: "CloudTrail", "identity created", "resource created", "instance launched"
 * @param region    where it happened; "global" for IAM and other global services
 * @param what      the event name or "user support-backup created"
 * @param who       the user, role session or ARN, when known
 * @param write     whether it changed something: a CloudTrail event that is not read-only, a resource or an
 *                  identity created; null when unknown
 * @param foundBy   the steps whose results hold it
 * @param line      the first transcript line holding it
 */
public record Found(Instant time, String kind, String region, String what, String who, String accessKeyId,
                    String sourceIp, String userAgent, String errorCode, Boolean write, String resources,
                    List<String> foundBy, long line) {
    public Found {
        foundBy = List.copyOf(foundBy);
    }
}
