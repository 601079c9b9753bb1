package dev.irshell.testsupport;

import dev.irshell.action.CallListener;
import dev.irshell.action.aws.AwsClients;
import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A {@code moto_server} (mock AWS over real HTTP) shared by the whole test JVM.
 *
 * <p>Use it as an extension: {@code @ExtendWith(MotoServer.class)} on a test class starts the
 * server once per JVM (on 127.0.0.1 and a free port), resets its state before the class, and can
 * inject the {@code MotoServer} into constructors and test methods. Without the extension,
 * {@link #shared()} does the same. When {@code moto_server} is not on the PATH the tests are
 * skipped (not failed) with a message saying so. The process is stopped when the JVM exits.
 *
 * <p>Moto accepts any credentials: use {@link #credentials()}; its account is {@link #ACCOUNT}.
 */
public final class MotoServer implements BeforeAllCallback, ParameterResolver {
    public static final String ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    public static final String SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    /** The account moto answers for unless told otherwise. */
    public static final String ACCOUNT = "123456789012";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private static MotoServer instance;
    private static String unavailable;

    private final Process process;
    private final URI endpoint;
    private final Path log;

    /** For JUnit's {@code @ExtendWith}; the server itself is the shared instance. */
    public MotoServer() {
        this.process = null;
        this.endpoint = null;
        this.log = null;
    }

    private MotoServer(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /**
     * The JVM's moto server, started on first use. Aborts the calling test (assumption) when
     * {@code moto_server} is not on the PATH or does not start.
     */
    public static synchronized MotoServer shared() {
        if (instance == null && unavailable == null) {
            try {
                instance = start();
            } catch (RuntimeException e) {
                unavailable = e.getMessage();
            }
        }
        Assumptions.assumeTrue(instance != null, () -> "moto tests skipped: " + unavailable);
        return instance;
    }

    /** True when {@code moto_server} is on the PATH (without starting it). */
    public static boolean installed() {
        return executable() != null;
    }

    private static Path executable() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, "moto_server");
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static MotoServer start() {
        Path exe = executable();
        if (exe == null) {
            throw new IllegalStateException("`moto_server` is not on the PATH (install it with"
                    + " `pip install 'moto[server]'`; CI does)");
        }
        try {
            int port = freePort();
            Path log = Files.createTempFile("moto_server-", ".log");
            Process p = new ProcessBuilder(exe.toString(), "-H", "127.0.0.1", "-p", String.valueOf(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            MotoServer m = new MotoServer(p, URI.create("http://127.0.0.1:" + port), log);
            Runtime.getRuntime().addShutdownHook(new Thread(m::stop, "moto_server-stop"));
            m.awaitReady();
            return m;
        } catch (IOException e) {
            throw new IllegalStateException("could not start moto_server: " + e.getMessage(), e);
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (request("GET", "/moto-api/data.json") == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for moto_server", e);
            }
        }
        stop();
        throw new IllegalStateException("moto_server did not answer within " + START_TIMEOUT.toSeconds() + "s; see " + log);
    }

    private int request(String method, String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) endpoint.resolve(path).toURL().openConnection();
        c.setRequestMethod(method);
        c.setConnectTimeout(2000);
        c.setReadTimeout(30000);
        if (method.equals("POST")) {
            c.setDoOutput(true);
            c.getOutputStream().close();
        }
        try {
            int status = c.getResponseCode();
            (status >= 400 ? c.getErrorStream() : c.getInputStream()).readAllBytes();
            return status;
        } finally {
            c.disconnect();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /** Forgets every resource moto holds (POST /moto-api/reset). */
    public void reset() {
        try {
            int status = request("POST", "/moto-api/reset");
            if (status != 200) {
                throw new IllegalStateException("moto reset answered " + status);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not reset moto_server: " + e.getMessage(), e);
        }
    }

    /** e.g. {@code http://127.0.0.1:54321}: give it as the endpoint override of every service. */
    public URI endpoint() {
        return endpoint;
    }

    public AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
    }

    /**
     * Client settings for this server: every service at {@link #endpoint()}, moto's dummy
     * credentials, the given region (us-east-1 when null), read-only or not, and the listener.
     */
    public AwsClients.Config clientConfig(String region, boolean readOnly, CallListener listener) {
        return new AwsClients.Config(null, region == null ? "us-east-1" : region, endpoint, Map.of(), credentials(),
                readOnly, "irshell-test/0 session/moto", listener);
    }

    /** Where moto_server's output goes, for diagnosing a failing test. */
    public Path log() {
        return log;
    }

    private void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    // --- JUnit 5 extension ---

    @Override
    public void beforeAll(ExtensionContext context) {
        shared().reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == MotoServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return shared();
    }
}
