package dev.irshell.sandbox;

/** An access key pair as a client configures it. {@code toString} never shows the secret. */
public record Credentials(String accessKeyId, String secretAccessKey) {
    @Override
    public String toString() {
        return "Credentials[" + accessKeyId + ", secret=****]";
    }
}
