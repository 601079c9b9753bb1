package dev.irshell.crosscheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.irshell.sandbox.Credentials;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the real {@code aws} command (AWS CLI v1 or v2) against one endpoint on 127.0.0.1, signed
 * with one key pair, with nothing of the machine's AWS setup: the inherited {@code AWS_*} and proxy
 * variables are dropped, config and credentials files point at empty temp files, no pager, no
 * instance metadata lookups, one attempt per call (so a retry never hides what the server said).
 */
final class AwsCli {
    static final String NOT_INSTALLED = "AWS CLI not installed: apt-get install awscli";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ERROR_CODE = Pattern.compile("An error occurred \\(([^)]+)\\)");
    private static final long TIMEOUT_SECONDS = 120;

    private final Path executable;
    private final URI endpoint;
    private final Credentials credentials;
    private final Path emptyConfig;
    private final Path emptyCredentials;

    private AwsCli(Path executable, URI endpoint, Credentials credentials, Path emptyConfig, Path emptyCredentials) {
        this.executable = executable;
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.emptyConfig = emptyConfig;
        this.emptyCredentials = emptyCredentials;
    }

    /** Skips the calling test, saying {@link #NOT_INSTALLED}, when there is no {@code aws} on the PATH. */
    static void assumeInstalled() {
        Assumptions.assumeTrue(executable() != null, NOT_INSTALLED);
    }

    /** The {@code aws} on the PATH, or the calling test is skipped with {@link #NOT_INSTALLED}. */
    static AwsCli at(URI endpoint, Credentials credentials, Path tempDir) {
        assumeInstalled();
        Path exe = executable();
        try {
            Path config = Files.createTempFile(tempDir, "aws-config-", "");
            Path creds = Files.createTempFile(tempDir, "aws-credentials-", "");
            return new AwsCli(exe, endpoint, credentials, config, creds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same CLI signing with other keys. */
    AwsCli as(Credentials other) {
        return new AwsCli(executable, endpoint, other, emptyConfig, emptyCredentials);
    }

    static Path executable() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, "aws");
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** {@code aws --endpoint-url E --region R --output json ARGS...}. */
    Result run(String region, String... args) {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--endpoint-url", endpoint.toString(),
                "--region", region, "--output", "json"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.equalsIgnoreCase("http_proxy")
                || k.equalsIgnoreCase("https_proxy") || k.equalsIgnoreCase("all_proxy"));
        env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        env.put("AWS_CONFIG_FILE", emptyConfig.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", emptyCredentials.toString());
        env.put("AWS_PAGER", "");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_MAX_ATTEMPTS", "1");
        env.put("AWS_CLI_AUTO_PROMPT", "off");
        env.put("NO_PROXY", "127.0.0.1,localhost");
        env.put("no_proxy", "127.0.0.1,localhost");
        try {
            // read through pipes, not files: the CLI prints new secret keys, which must not reach the disk
            Process p = pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            java.util.concurrent.CompletableFuture<String> out = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> drain(p.getInputStream()));
            java.util.concurrent.CompletableFuture<String> err = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> drain(p.getErrorStream()));
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("aws " + String.join(" ", args) + " did not finish in " + TIMEOUT_SECONDS + "s");
            }
            return new Result(String.join(" ", args), p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running aws", e);
        }
    }

    private static String drain(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What one {@code aws} run produced. Exit codes differ between CLI v1 (255 for a service error)
     * and v2 (254), so tests check "non-zero" plus the error code the CLI prints on stderr.
     */
    record Result(String command, int exitCode, String stdout, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }

        /** stdout parsed as JSON; fails the test with stderr when the command failed or printed no JSON. */
        JsonNode json() {
            if (exitCode != 0) {
                throw new AssertionError("aws " + command + " exited " + exitCode + ": " + stderr);
            }
            try {
                return JSON.readTree(stdout);
            } catch (IOException e) {
                throw new AssertionError("aws " + command + " printed no JSON: " + stdout + "\nstderr: " + stderr, e);
            }
        }

        /** The code in "An error occurred (CODE) when calling the Op operation: ...", or null. */
        String errorCode() {
            Matcher m = ERROR_CODE.matcher(stderr);
            return m.find() ? m.group(1) : null;
        }

        @Override
        public String toString() {
            return "aws " + command + " -> exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    /**
     * A timestamp as either CLI prints it: v1 keeps the wire form (ISO-8601 text from query/ec2
     * services, epoch seconds from JSON services), v2 prints ISO-8601 with an offset.
     */
    static Instant instant(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            throw new AssertionError("no timestamp");
        }
        if (n.isNumber()) {
            return Instant.ofEpochMilli(Math.round(n.asDouble() * 1000));
        }
        String s = n.asText();
        if (s.matches("\\d+(\\.\\d+)?")) {
            return Instant.ofEpochMilli(Math.round(Double.parseDouble(s) * 1000));
        }
        return OffsetDateTime.parse(s).toInstant();
    }
}
