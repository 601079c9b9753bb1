package dev.irshell.sandbox;

import java.util.Set;

/** AWS managed policies the sandbox knows (attachable by ARN). */
final class ManagedPolicies {
    private ManagedPolicies() {
    }

    static final String PREFIX = "arn:aws:iam::aws:policy/";

    static final Set<String> AWS = Set.of(
            PREFIX + "AdministratorAccess",
            PREFIX + "PowerUserAccess",
            PREFIX + "ReadOnlyAccess",
            PREFIX + "IAMFullAccess",
            PREFIX + "IAMReadOnlyAccess",
            PREFIX + "AmazonEC2FullAccess",
            PREFIX + "AmazonEC2ReadOnlyAccess",
            PREFIX + "AmazonS3FullAccess",
            PREFIX + "AmazonS3ReadOnlyAccess",
            PREFIX + "AWSCloudTrail_ReadOnlyAccess",
            PREFIX + "SecurityAudit",
            PREFIX + "AWSCompromisedKeyQuarantine",
            PREFIX + "AWSCompromisedKeyQuarantineV2",
            PREFIX + "AWSCompromisedKeyQuarantineV3",
            PREFIX + "service-role/AmazonEC2RoleforSSM");

    /** When the sandbox says AWS created its managed policies (their versions are all v1). */
    private static final java.time.Instant AWS_CREATED = java.time.Instant.parse("2015-02-06T18:39:46Z");

    /** The document of a policy that allows everything (AdministratorAccess, the attacker's policies). */
    static final String ALLOW_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"*\",\"Resource\":\"*\"}]}";

    /** An AWS managed policy as GetPolicy/GetPolicyVersion describe it: id derived from the name, one version. */
    static ManagedPolicy aws(String arn) {
        String name = name(arn);
        String path = arn.substring(PREFIX.length() - 1, arn.lastIndexOf('/') + 1);
        return new ManagedPolicy(arn, name, derivedId("ANPA", arn), path, AWS_CREATED, java.util.List.of(
                new ManagedPolicy.Version("v1", document(name), true, AWS_CREATED)), "aws");
    }

    /** A plausible document for an AWS managed policy the sandbox knows. */
    private static String document(String name) {
        String action = switch (name) {
            case "AdministratorAccess" -> "\"*\"";
            case "ReadOnlyAccess", "SecurityAudit" -> "[\"ec2:Describe*\",\"iam:Get*\",\"iam:List*\","
                    + "\"s3:Get*\",\"s3:List*\",\"cloudtrail:LookupEvents\"]";
            case "IAMFullAccess" -> "\"iam:*\"";
            case "IAMReadOnlyAccess" -> "[\"iam:Get*\",\"iam:List*\",\"iam:GenerateCredentialReport\"]";
            case "AmazonEC2FullAccess" -> "\"ec2:*\"";
            case "AmazonEC2ReadOnlyAccess" -> "\"ec2:Describe*\"";
            case "AmazonS3FullAccess" -> "\"s3:*\"";
            case "AmazonS3ReadOnlyAccess" -> "[\"s3:Get*\",\"s3:List*\"]";
            case "AWSCloudTrail_ReadOnlyAccess" -> "[\"cloudtrail:Get*\",\"cloudtrail:Describe*\","
                    + "\"cloudtrail:LookupEvents\"]";
            case "AmazonEC2RoleforSSM" -> "[\"ssm:*\",\"ec2messages:*\"]";
            default -> null;
        };
        if (name.startsWith("AWSCompromisedKeyQuarantine")) {
            return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":["
                    + "\"iam:AttachUserPolicy\",\"iam:CreateAccessKey\",\"iam:CreateLoginProfile\",\"iam:CreateUser\","
                    + "\"ec2:RunInstances\",\"ec2:StartInstances\",\"lambda:CreateFunction\"],\"Resource\":\"*\"}]}";
        }
        if (name.equals("PowerUserAccess")) {
            return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"NotAction\":[\"iam:*\","
                    + "\"organizations:*\",\"account:*\"],\"Resource\":\"*\"}]}";
        }
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":" + action
                + ",\"Resource\":\"*\"}]}";
    }

    /** A stable IAM unique id: {@code prefix} + 17 capitals or digits derived from {@code seed}. */
    static String derivedId(String prefix, String seed) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        java.util.Random r = new java.util.Random(seed.hashCode() * 31L + seed.length());
        StringBuilder out = new StringBuilder(prefix);
        for (int i = 0; i < 17; i++) {
            out.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /** The policy name of an ARN: the part after the last slash. */
    static String name(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }
}
