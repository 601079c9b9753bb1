package dev.irshell.action.aws;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileLocation;
import software.amazon.awssdk.profiles.ProfileFileSystemSetting;

/**
 * Says, in the operator's terms, why the credentials did not work and what to do about it: which
 * profile was in use and where it came from (--profile or AWS_PROFILE), whether it exists, whether
 * it signs in through IAM Identity Center (SSO), whether temporary keys from the environment ran
 * out. It looks where the SDK's default chain looks (its variables and profile files), only after
 * a failure, and never shows the SDK's own dump of every provider it tried.
 */
final class CredentialAdvice {
    /** Profile keys that give a profile credentials of some kind. */
    private static final List<String> CREDENTIAL_KEYS = List.of("aws_access_key_id", "sso_session", "sso_start_url",
            "role_arn", "credential_process", "web_identity_token_file");
    private static final Set<String> EXPIRED = Set.of("ExpiredToken", "ExpiredTokenException", "RequestExpired");

    /**
     * What the default chain reads, as the SDK reads it.
     *
     * @param envProfile   AWS_PROFILE (or the aws.profile property), or null
     * @param envKeys      AWS_ACCESS_KEY_ID is set
     * @param envSession   AWS_SESSION_TOKEN is set
     * @param profiles     every profile of the config and credentials files, with its properties
     */
    record Sources(String envProfile, boolean envKeys, boolean envSession, Map<String, Map<String, String>> profiles,
                   Path configFile, Path credentialsFile) {
        static Sources current() {
            Map<String, Map<String, String>> profiles = new LinkedHashMap<>();
            try {
                for (Map.Entry<String, Profile> p : ProfileFile.defaultProfileFile().profiles().entrySet()) {
                    profiles.put(p.getKey(), p.getValue().properties());
                }
            } catch (RuntimeException e) {
                // an unreadable profile file reads as no profiles; the SDK reports it on its own
            }
            return new Sources(ProfileFileSystemSetting.AWS_PROFILE.getNonDefaultStringValue().filter(s -> !s.isBlank()).orElse(null),
                    SdkSystemSetting.AWS_ACCESS_KEY_ID.getStringValue().filter(s -> !s.isBlank()).isPresent(),
                    SdkSystemSetting.AWS_SESSION_TOKEN.getStringValue().filter(s -> !s.isBlank()).isPresent(),
                    profiles, ProfileFileLocation.configurationFilePath(), ProfileFileLocation.credentialsFilePath());
        }
    }

    /** The problem, and what the operator should do next. */
    record Diagnosis(String problem, String whatToDo) {
        String message() {
            return problem + ". What to do: " + whatToDo;
        }
    }

    private static final String CHOOSE = "choose a profile with --profile NAME or export AWS_PROFILE=NAME (run"
            + " `aws sso login --profile NAME` first if it uses IAM Identity Center), or export AWS_ACCESS_KEY_ID and"
            + " AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary credentials)";

    private CredentialAdvice() {}

    /**
     * When the SDK could not find or load credentials at all (nothing was sent to AWS).
     *
     * @param flagProfile --profile, or null
     * @param sdkMessage  the SDK's message, for the SSO and profile cases it names
     */
    static Diagnosis unresolved(String flagProfile, String sdkMessage, Sources s) {
        // the SDK's SSO errors say "SSO"; its dumps of profile files only ever say sso_... in lower case
        boolean ssoError = sdkMessage != null && sdkMessage.contains("SSO");
        if (flagProfile == null && s.envKeys()) {
            return new Diagnosis("AWS_ACCESS_KEY_ID is set, but the credentials in the environment are incomplete ("
                    + firstSentence(sdkMessage) + ")", "export AWS_SECRET_ACCESS_KEY too (and AWS_SESSION_TOKEN for"
                    + " temporary credentials), or unset AWS_ACCESS_KEY_ID and use a profile: --profile NAME or AWS_PROFILE=NAME");
        }
        String profile = flagProfile != null ? flagProfile : s.envProfile();
        String from = flagProfile != null ? "--profile" : "AWS_PROFILE";
        if (profile == null && s.profiles().containsKey("default")) {
            profile = "default";
            from = null;
        }
        if (profile == null) {
            String where = s.profiles().isEmpty() ? " (and those files define no profiles)"
                    : " (the profiles there: " + String.join(", ", s.profiles().keySet()) + ")";
            return new Diagnosis("no AWS credentials found: AWS_ACCESS_KEY_ID is not set, AWS_PROFILE is not set, and"
                    + " there is no [default] profile with credentials in " + s.configFile() + " or " + s.credentialsFile()
                    + where, CHOOSE);
        }
        String named = named(profile, from);
        Map<String, String> props = s.profiles().get(profile);
        if (props == null) {
            String there = s.profiles().isEmpty() ? "those files define no profiles"
                    : "the profiles there are: " + String.join(", ", s.profiles().keySet());
            return new Diagnosis(named + " does not exist in " + s.configFile() + " or " + s.credentialsFile() + " (" + there
                    + ")", "give an existing profile with --profile NAME (or AWS_PROFILE=NAME), or create this one with"
                    + " `aws configure sso --profile " + profile + "` (IAM Identity Center) or `aws configure --profile "
                    + profile + "` (access keys)");
        }
        if (isSso(props) || ssoError) {
            return new Diagnosis(named + " signs in through IAM Identity Center (SSO), and there is no valid SSO login"
                    + " for it (the cached token is missing or has expired)", ssoLogin(profile));
        }
        if (CREDENTIAL_KEYS.stream().noneMatch(props::containsKey)) {
            return new Diagnosis(named + " has no credentials: it sets none of " + String.join(", ", CREDENTIAL_KEYS),
                    "configure it with `aws configure sso --profile " + profile + "` or `aws configure --profile " + profile
                            + "`, or choose another profile with --profile NAME");
        }
        return new Diagnosis("the credentials of " + named + " could not be loaded (" + firstSentence(sdkMessage) + ")",
                "check profile '" + profile + "' in " + s.configFile() + " and " + s.credentialsFile()
                        + ", or choose another with --profile NAME");
    }

    /**
     * When AWS refused the credentials (expired, unknown key, bad signature).
     *
     * @param code AWS's error code
     */
    static Diagnosis refused(String flagProfile, String code, String awsMessage, Sources s) {
        boolean expired = code != null && EXPIRED.contains(code);
        String said = " (AWS said: " + awsMessage + ")";
        if (flagProfile == null && s.envKeys()) {
            String what = s.envSession() ? "the temporary credentials in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and"
                    + " AWS_SESSION_TOKEN" : "the access key in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY";
            return new Diagnosis(what + (expired ? " have expired" : " are not accepted by AWS (unknown, deactivated or"
                    + " deleted key, or a secret that does not match)") + said,
                    "export fresh ones (from the IAM Identity Center portal or `aws sts assume-role`), or unset them and"
                            + " use a profile: --profile NAME or AWS_PROFILE=NAME (`aws sso login --profile NAME` first if"
                            + " it uses SSO)");
        }
        if (flagProfile == null && s.envProfile() == null && !s.profiles().containsKey("default")) {
            return new Diagnosis("the credentials the default chain found (no profile and no AWS_ACCESS_KEY_ID: an"
                    + " instance, container or web-identity role) " + (expired ? "have expired" : "are not accepted by AWS")
                    + said, CHOOSE);
        }
        String from = flagProfile != null ? "--profile" : s.envProfile() != null ? "AWS_PROFILE" : null;
        String profile = flagProfile != null ? flagProfile : s.envProfile() != null ? s.envProfile() : "default";
        String named = named(profile, from);
        Map<String, String> props = s.profiles().get(profile);
        if (props != null && isSso(props)) {
            return new Diagnosis("the IAM Identity Center (SSO) credentials of " + named
                    + (expired ? " have expired" : " are not accepted by AWS") + said, ssoLogin(profile));
        }
        return new Diagnosis("the credentials of " + named + (expired ? " have expired" : " are not accepted by AWS"
                + " (unknown, deactivated or deleted key, or a secret that does not match)") + said,
                "refresh the keys of profile '" + profile + "' (`aws configure --profile " + profile + "`), run `aws sso"
                        + " login --profile " + profile + "` if it uses SSO, or choose another profile with --profile NAME"
                        + " (or AWS_PROFILE=NAME)");
    }

    /** {@code profile 'x' (from --profile)}, {@code profile 'x' (from AWS_PROFILE)}, or the default profile. */
    private static String named(String profile, String from) {
        return from == null ? "the default profile" : "profile '" + profile + "' (from " + from + ")";
    }

    private static boolean isSso(Map<String, String> props) {
        return props.containsKey("sso_session") || props.containsKey("sso_start_url");
    }

    private static String ssoLogin(String profile) {
        return "run `aws sso login --profile " + profile + "`, then run irshell again with --profile " + profile
                + " (or retry the step in a running session)";
    }

    /** The SDK's message up to its first sentence, without the provider dump that follows. */
    static String firstSentence(String m) {
        if (m == null || m.isBlank()) {
            return "no detail";
        }
        String one = m.lines().findFirst().orElse(m).trim();
        List<String> cuts = new ArrayList<>(List.of(": [", ". ", "(", ": "));
        for (String c : cuts) {
            int i = one.indexOf(c);
            if (i > 20) {
                one = one.substring(0, i);
            }
        }
        return one.length() > 200 ? one.substring(0, 200) + "…" : one;
    }
}
