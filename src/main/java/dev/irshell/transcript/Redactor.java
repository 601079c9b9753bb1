package dev.irshell.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets before they reach the transcript (or any other output that asks).
 *
 * <p>Three rules: a field whose name says it holds a secret is masked whatever its value; a value
 * registered with {@link #addSecret} is masked wherever it appears inside a string; a secret access
 * key (or session token) written after its label inside text (XML, INI, env, JSON in a string) is
 * masked. Access key ids ({@code AKIA…}, {@code ASIA…}) are evidence and stay visible.
 */
public final class Redactor {
    public static final String MASK = "[REDACTED]";

    /** Registered values shorter than this are ignored: masking them would mangle ordinary text. */
    private static final int MIN_SECRET_LENGTH = 8;

    /** Field names normalised by {@link #normalise}: lower case, without '_' and '-'. */
    private static final Set<String> SECRET_NAMES = Set.of(
            "secretaccesskey", "secretkey", "sessiontoken", "securitytoken", "password", "newpassword",
            "oldpassword", "privatekey", "credentials.secretaccesskey", "xamzsecuritytoken", "authorization");

    /** Label, separator (quotes, spaces, ':' '=' or '>'), then a 40-character AWS secret key. */
    private static final Pattern LABELLED_SECRET_KEY = Pattern.compile(
            "(?i)((?:aws[_-]?)?secret[_-]?access[_-]?key[\\\\\"'\\s]*[:=>][\\\\\"'\\s]*)"
                    + "([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])");

    /** Session tokens have no fixed length; anything token-shaped after the label goes. */
    private static final Pattern LABELLED_SESSION_TOKEN = Pattern.compile(
            "(?i)((?:aws[_-]?|x-amz-)?(?:session|security)[_-]?token[\\\\\"'\\s]*[:=>][\\\\\"'\\s]*)"
                    + "([A-Za-z0-9/+=%]{16,})");

    /** Registered values, longest first so that a secret containing another is masked whole. */
    private volatile List<String> secrets = List.of();

    public Redactor() {}

    /**
     * Any later occurrence of this exact value in any string is masked (values shorter than 8 chars
     * are ignored; so is null). Its URL-encoded form is masked too. Thread-safe.
     */
    public void addSecret(String value) {
        if (value == null || value.length() < MIN_SECRET_LENGTH) {
            return;
        }
        String urlEncoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
        synchronized (this) {
            List<String> next = new ArrayList<>(secrets);
            for (String v : urlEncoded.equals(value) ? List.of(value) : List.of(value, urlEncoded)) {
                if (!next.contains(v)) {
                    next.add(v);
                }
            }
            next.sort(Comparator.comparingInt(String::length).reversed());
            secrets = List.copyOf(next);
        }
    }

    /**
     * Deep copy with secrets masked: every field whose name matches the secret-name rule gets
     * {@link #MASK} as its value (whatever the value type, unless null), and every registered secret
     * value inside any string (field names included) is replaced by {@link #MASK}. The argument is
     * not changed. Returns null for null.
     */
    public JsonNode redact(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                JsonNode value = field.getValue();
                boolean masked = isSecretName(field.getKey()) && !value.isNull();
                copy.set(redact(field.getKey()), masked ? copy.textNode(MASK) : redact(value));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
            node.forEach(element -> copy.add(redact(element)));
            return copy;
        }
        if (node.isTextual()) {
            String text = node.textValue();
            String redacted = redact(text);
            return redacted.equals(text) ? node : JsonNodeFactory.instance.textNode(redacted);
        }
        return node.deepCopy();
    }

    /** The text with registered values and labelled secret keys masked. Returns null for null. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        result = maskLabelled(LABELLED_SECRET_KEY, result);
        return maskLabelled(LABELLED_SESSION_TOKEN, result);
    }

    /** Whether a field of this name holds a secret (case-insensitive, ignoring '_' and '-'). */
    static boolean isSecretName(String fieldName) {
        return SECRET_NAMES.contains(normalise(fieldName));
    }

    private static String normalise(String name) {
        return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    private static String maskLabelled(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + MASK)) : text;
    }
}
