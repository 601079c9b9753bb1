package dev.irshell.sandbox;

import java.util.Map;

/** One HTTP response to send. */
record HttpResponseData(int status, Map<String, String> headers, byte[] body) {
}
