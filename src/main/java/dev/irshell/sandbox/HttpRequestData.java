package dev.irshell.sandbox;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request as it arrived, detached from the JDK server so codecs and the signature check
 * can be tested on plain values. Header names are lower-cased.
 */
record HttpRequestData(
        String method,
        String rawPath,
        String rawQuery,
        Map<String, List<String>> headers,
        byte[] body,
        String sourceIp) {

    HttpRequestData {
        TreeMap<String, List<String>> lower = new TreeMap<>();
        headers.forEach((k, v) -> lower.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new java.util.ArrayList<>()).addAll(v));
        headers = lower;
        rawQuery = rawQuery == null ? "" : rawQuery;
        rawPath = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
    }

    /** The first value of a header, or null. */
    String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
