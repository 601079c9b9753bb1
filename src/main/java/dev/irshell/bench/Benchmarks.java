package dev.irshell.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.irshell.action.Action;
import dev.irshell.action.ActionContext;
import dev.irshell.action.ActionFailure;
import dev.irshell.action.AwsCall;
import dev.irshell.action.CallListener;
import dev.irshell.action.Params;
import dev.irshell.action.aws.AwsActions;
import dev.irshell.action.aws.AwsClients;
import dev.irshell.sandbox.Credentials;
import dev.irshell.sandbox.Sandbox;
import dev.irshell.sandbox.SandboxOptions;
import dev.irshell.sandbox.Scenario;
import dev.irshell.transcript.Redactor;
import dev.irshell.transcript.TranscriptVerifier;
import dev.irshell.transcript.TranscriptWriter;
import dev.irshell.transcript.VerifyResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * irshell's benchmark: start-up (through the launcher, as an operator runs it), region-wide sweeps
 * and CloudTrail pacing against the sandbox, transcript throughput and the peak memory of a full
 * sweep session. Prints one table: each figure, its spread, its goal and pass/miss. Not a test:
 * nothing here fails a build; run it with {@code bench/run} (see BENCHMARKS.md).
 *
 * <p>Arguments: {@code --runs N} (start-up and sweep repetitions, default 7), {@code --only
 * startup,regions,cloudtrail,transcript,memory}, {@code --launcher PATH} (default ./irshell),
 * {@code --markdown FILE} (also write the table, machine and date as Markdown).
 */
public final class Benchmarks {
    private static final Duration LATENCY = Duration.ofMillis(50);
    private static final String SCENARIO = "leaked-key-cryptomining";

    /** One line of the table. */
    record Row(String section, String figure, String value, String spread, String goal, String status) {}

    private final List<Row> rows = new ArrayList<>();
    private final int runs;
    private final Path repo;
    private final String launcher;

    private Benchmarks(int runs, Path repo, String launcher) {
        this.runs = runs;
        this.repo = repo;
        this.launcher = launcher;
    }

    public static void main(String[] args) throws Exception {
        int runs = 7;
        Set<String> only = new LinkedHashSet<>(List.of("startup", "regions", "cloudtrail", "transcript", "memory"));
        String launcher = "./irshell";
        Path markdown = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--only" -> only = new LinkedHashSet<>(Arrays.asList(args[++i].split(",")));
                case "--launcher" -> launcher = args[++i];
                case "--markdown" -> markdown = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: Benchmarks [--runs N] [--only startup,regions,cloudtrail,transcript,memory]"
                            + " [--launcher PATH] [--markdown FILE]");
                    System.exit(2);
                }
            }
        }
        Benchmarks b = new Benchmarks(runs, Path.of("").toAbsolutePath(), launcher);
        for (String s : only) {
            switch (s) {
                case "startup" -> b.startup();
                case "levers" -> b.levers();
                case "regions" -> b.regions();
                case "cloudtrail" -> b.cloudTrail();
                case "transcript" -> b.transcript();
                case "memory" -> b.memory();
                default -> throw new IllegalArgumentException("unknown section " + s);
            }
        }
        String table = b.table();
        System.out.println();
        System.out.print(table);
        if (markdown != null) {
            Files.writeString(markdown, b.markdown());
            System.out.println("written to " + markdown);
        }
        System.exit(0);
    }

    // ---------------------------------------------------------------- start-up

    private void startup() throws Exception {
        progress("start-up: " + runs + " runs each through " + launcher + " (one warm-up run first, not counted)");
        List<String> validate = new ArrayList<>(List.of(launcher, "validate"));
        try (Stream<Path> files = Files.list(repo.resolve("runbooks"))) {
            files.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(p -> validate.add("runbooks/" + p.getFileName()));
        }
        timeCommand("irshell version", List.of(launcher, "version"));
        timeCommand("irshell validate runbooks/*.yaml", validate);
        timePrompt("irshell --sandbox", List.of(launcher));
    }

    /**
     * What each start-up lever buys: the same commands with the JVM started by hand, from the fat
     * jar and from the launcher's extracted layout, with and without each option.
     */
    private void levers() throws Exception {
        progress("start-up levers: " + runs + " runs each (run ./irshell once first so target/app exists)");
        Path app = repo.resolve("target/app");
        String jsa;
        try (Stream<Path> files = Files.list(app)) {
            jsa = files.map(Path::toString).filter(f -> f.endsWith(".jsa")).findFirst().orElse(null);
        }
        List<String> validate = new ArrayList<>(List.of("validate"));
        try (Stream<Path> files = Files.list(repo.resolve("runbooks"))) {
            files.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(p -> validate.add("runbooks/" + p.getFileName()));
        }
        String fat = repo.resolve("target/irshell.jar").toString();
        String thin = app.resolve("irshell.jar").toString();
        String nd = "-Dsun.net.httpserver.nodelay=true";
        Map<String, List<String>> variants = new java.util.LinkedHashMap<>();
        variants.put("fat jar, JVM defaults", List.of("java", nd, "-jar", fat));
        variants.put("fat jar, C1 only (the old launcher)", List.of("java", nd, "-XX:TieredStopAtLevel=1", "-jar", fat));
        variants.put("extracted, C1", List.of("java", nd, "-XX:TieredStopAtLevel=1", "-jar", thin));
        variants.put("extracted, C1, serial GC", List.of("java", nd, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", thin));
        if (jsa != null) {
            variants.put("extracted, C1, serial GC, AppCDS", List.of("java", nd, "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC", "-XX:SharedArchiveFile=" + jsa, "-jar", thin));
            variants.put("extracted, AppCDS, C2 (no TieredStopAtLevel)", List.of("java", nd, "-XX:+UseSerialGC",
                    "-XX:SharedArchiveFile=" + jsa, "-jar", thin));
            variants.put("C1, serial GC, AppCDS relocated (the JDK's default), -Xms32m", List.of("java", nd,
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xms32m", "-XX:SharedArchiveFile=" + jsa, "-jar", thin));
            variants.put("the launcher's: the same, AppCDS mapped where recorded", List.of("java", nd, "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC", "-Xms32m", "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0",
                    "-XX:SharedArchiveFile=" + jsa, "-jar", thin));
        }
        for (Map.Entry<String, List<String>> v : variants.entrySet()) {
            List<String> cmd = new ArrayList<>(v.getValue());
            cmd.addAll(validate);
            timeCommand("validate: " + v.getKey(), cmd);
            timePrompt("--sandbox prompt: " + v.getKey(), v.getValue());
        }
    }

    private void timeCommand(String name, List<String> command) throws Exception {
        List<Double> secs = new ArrayList<>();
        for (int i = 0; i <= runs; i++) {
            ProcessBuilder pb = new ProcessBuilder(command).directory(repo.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
            long t0 = System.nanoTime();
            Process p = pb.start();
            int rc = p.waitFor();
            double s = (System.nanoTime() - t0) / 1e9;
            if (rc != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + rc);
            }
            if (i > 0) {
                secs.add(s);
            }
        }
        Stats st = Stats.of(secs);
        add("start-up", name + " (cold JVM, to exit)", fmt(st.median(), "s"), st.spread("s"), "≤ 0.5 s", st.median() <= 0.5);
    }

    /**
     * {@code irshell --sandbox} under a pseudo-terminal (util-linux {@code script}), timed from
     * spawn to the first prompt; then types {@code whoami}, timed from the keystroke until its
     * answer is on screen: in every other run at once (the simulated account is built after the
     * prompt is drawn, so this is the longest a first command waits), in the others 1.5 s later, as
     * someone who read the banner first; then {@code exit}, and checks the process ends. Without
     * {@code script}, stdin is a pipe (JLine's dumb terminal).
     */
    private void timePrompt(String name, List<String> start) throws Exception {
        boolean pty = onPath("script");
        List<String> direct = new ArrayList<>(start);
        direct.add("--sandbox");
        List<String> cmd = pty
                ? List.of("script", "-qfec", "stty rows 40 cols 200; exec " + String.join(" ", direct), "/dev/null")
                : direct;
        List<Double> prompt = new ArrayList<>();
        List<Double> answeredAtOnce = new ArrayList<>();
        List<Double> answeredLater = new ArrayList<>();
        List<Double> total = new ArrayList<>();
        int noExit = 0;
        for (int i = 0; i <= runs; i++) {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true);
            pb.environment().put("TERM", "xterm");
            long t0 = System.nanoTime();
            Process p = pb.start();
            double[] seen = {-1, -1};
            StringBuilder out = new StringBuilder();
            Thread reader = new Thread(() -> {
                byte[] buf = new byte[8192];
                try (InputStream in = p.getInputStream()) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        synchronized (out) {
                            out.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                            if (seen[0] < 0 && out.indexOf("]>") >= 0) {
                                seen[0] = (System.nanoTime() - t0) / 1e9;
                                out.notifyAll();
                            }
                            if (seen[1] < 0 && out.indexOf("identity arn:") >= 0) {
                                seen[1] = (System.nanoTime() - t0) / 1e9;
                                out.notifyAll();
                            }
                        }
                    }
                } catch (IOException e) {
                    // process ended
                }
            });
            reader.setDaemon(true);
            reader.start();
            synchronized (out) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (seen[0] < 0 && System.nanoTime() < deadline && p.isAlive()) {
                    out.wait(100);
                }
            }
            if (seen[0] < 0) {
                p.destroyForcibly();
                throw new IllegalStateException("no prompt from " + String.join(" ", cmd) + " within 60 s; output:\n" + out);
            }
            String enter = pty ? "\r" : "\n";
            boolean atOnce = i % 2 == 1;
            double typed;
            try (OutputStream in = p.getOutputStream()) {
                if (!atOnce) {
                    Thread.sleep(1500);
                }
                typed = (System.nanoTime() - t0) / 1e9;
                in.write(("whoami" + enter).getBytes(StandardCharsets.UTF_8));
                in.flush();
                synchronized (out) {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (seen[1] < 0 && System.nanoTime() < deadline && p.isAlive()) {
                        out.wait(100);
                    }
                }
                if (seen[1] < 0) {
                    p.destroyForcibly();
                    throw new IllegalStateException("no answer to whoami within 60 s; output:\n" + out);
                }
                in.write(("exit" + enter).getBytes(StandardCharsets.UTF_8));
                in.flush();
            }
            long exitTyped = System.nanoTime();
            boolean ended = p.waitFor(30, TimeUnit.SECONDS);
            double all = (System.nanoTime() - exitTyped) / 1e9;
            if (!ended) {
                noExit++;
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            if (i > 0) {
                prompt.add(seen[0]);
                (atOnce ? answeredAtOnce : answeredLater).add(seen[1] - typed);
                total.add(all);
            }
        }
        Stats st = Stats.of(prompt);
        String how = pty ? "pty" : "piped stdin";
        add("start-up", name + " to first prompt (" + how + ")", fmt(st.median(), "s"), st.spread("s"), "≤ 0.5 s",
                st.median() <= 0.5);
        Stats now = Stats.of(answeredAtOnce);
        add("start-up", "  … `whoami` typed as the prompt appears: answered after", fmt(now.median(), "s"), now.spread("s"), "—", null);
        Stats later = Stats.of(answeredLater);
        add("start-up", "  … `whoami` typed 1.5 s after the prompt: answered after", fmt(later.median(), "s"), later.spread("s"), "—",
                null);
        Stats tt = Stats.of(total);
        add("start-up", "  … then `exit` typed: the process ended after", fmt(tt.median(), "s"),
                noExit == 0 ? tt.spread("s") : noExit + " run(s) did not exit in 30 s", "exits", noExit == 0);
    }

    // ---------------------------------------------------------------- regions

    /** A sandbox with 50 ms per call and clients on it that tell {@code calls} of every call. */
    private static final class Account implements AutoCloseable {
        final Sandbox sandbox;
        final List<Long> marks = new CopyOnWriteArrayList<>();
        final List<AwsCall> calls = new CopyOnWriteArrayList<>();
        final Map<String, List<Long>> okAt = new ConcurrentHashMap<>();
        URI endpoint;

        Account(SandboxOptions options) {
            sandbox = Sandbox.start(Scenario.builtin(SCENARIO), options);
            endpoint = sandbox.endpoint();
        }

        AwsClients clients() {
            Credentials c = sandbox.operatorCredentials();
            CallListener l = call -> {
                calls.add(call);
                if ("ok".equals(call.outcome())) {
                    okAt.computeIfAbsent(call.service() + "/" + call.operation() + "/" + call.region(),
                            k -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
                }
            };
            return new AwsClients(AwsClients.Config.emulated(endpoint, "us-east-1", c.accessKeyId(),
                    c.secretAccessKey(), false, "bench", l));
        }

        ActionContext context() {
            return new ActionContext("us-east-1", sandbox.accountId(), "bench", Clock.systemUTC(), ActionContext.Progress.NONE);
        }

        @Override
        public void close() {
            sandbox.close();
        }
    }

    private static Action action(AwsClients clients, String name) {
        return AwsActions.all(clients).stream().filter(a -> a.spec().name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no action " + name));
    }

    private void regions() {
        progress("region-wide work against the sandbox with " + LATENCY.toMillis() + " ms per call");
        try (Account acct = new Account(SandboxOptions.defaults().withLatency(LATENCY))) {
            List<String> enabled;
            try (AwsClients c = acct.clients()) {
                enabled = c.enabledRegions();
            }
            // The same calls made by hand: the longest region's chain, and all of them one after another.
            sweepAction(acct, "inventory.allRegions", Params.of(), enabled, (c, r) -> {
                Ec2Client ec2 = c.ec2(r);
                LambdaClient lambda = c.lambda(r);
                answered(() -> ec2.describeInstances(b -> b.maxResults(1000)));
                answered(() -> ec2.describeImages(b -> b.owners("self")));
                answered(() -> ec2.describeVolumes(b -> b.maxResults(500)));
                answered(() -> ec2.describeSnapshots(b -> b.ownerIds("self")));
                answered(lambda::listFunctions);
                answered(lambda::listLayers);
            }, 6);
            // an instance in no region: every region is searched, as when the attacker's is in the last one answered
            String id = "i-0123456789abcdef0";
            sweepAction(acct, "ec2.findInstance", Params.of("instanceId", id), enabled, (c, r) ->
                    answered(() -> c.ec2(r).describeInstances(b -> b.instanceIds(id))), 1);
        }
    }

    /** Makes one call; an error answer (an operation the sandbox lacks) is a round trip all the same. */
    private static void answered(Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            // answered with an error: it still cost the round trip
        }
    }

    @FunctionalInterface
    interface RegionCalls {
        void run(AwsClients clients, String region);
    }

    /**
     * Times the action {@code runs} times on fresh clients (after one warm-up), then the same
     * calls by hand on warm clients: DescribeRegions plus each region's calls one after another.
     */
    private void sweepAction(Account acct, String name, Params params, List<String> regions, RegionCalls perRegion,
                             int callsPerRegion) {
        List<Double> wall = new ArrayList<>();
        int callsSeen = 0;
        long errors = 0;
        for (int i = 0; i <= runs; i++) {
            acct.calls.clear();
            try (AwsClients c = acct.clients()) {
                Action a = action(c, name);
                long t0 = System.nanoTime();
                try {
                    a.execute(params, acct.context());
                } catch (ActionFailure expected) {
                    // e.g. "not found in any region": the whole sweep ran all the same
                }
                double s = (System.nanoTime() - t0) / 1e9;
                if (i > 0) {
                    wall.add(s);
                    callsSeen = acct.calls.size();
                    errors = acct.calls.stream().filter(x -> !"ok".equals(x.outcome())).count();
                }
            }
        }
        // By hand, warm clients: the longest region's chain and everything in a row.
        List<Double> chain = new ArrayList<>();
        List<Double> serial = new ArrayList<>();
        try (AwsClients c = acct.clients()) {
            c.enabledRegions();
            regions.forEach(r -> perRegion.run(c, r)); // build and warm every client
            for (int i = 0; i < Math.max(3, runs / 2); i++) {
                long t0 = System.nanoTime();
                c.ec2("us-east-1").describeRegions(b -> b.allRegions(true));
                double describe = (System.nanoTime() - t0) / 1e9;
                double longest = 0;
                for (String r : regions) {
                    long r0 = System.nanoTime();
                    perRegion.run(c, r);
                    longest = Math.max(longest, (System.nanoTime() - r0) / 1e9);
                }
                serial.add((System.nanoTime() - t0) / 1e9);
                chain.add(describe + longest);
            }
        }
        Stats w = Stats.of(wall);
        Stats ch = Stats.of(chain);
        Stats se = Stats.of(serial);
        double ratio = w.median() / ch.median();
        add("regions", name + ": wall time, " + regions.size() + " regions, " + callsSeen + " calls"
                        + (errors > 0 ? " (" + errors + " answered with an error)" : ""),
                fmt(w.median(), "s"), w.spread("s"), "—", null);
        add("regions", "  longest single region's chain (" + (1 + callsPerRegion) + " calls in a row)",
                fmt(ch.median(), "s"), ch.spread("s"), "—", null);
        add("regions", "  wall ÷ longest chain", String.format(Locale.ROOT, "%.2f×", ratio), "", "≤ 1.5×", ratio <= 1.5);
        add("regions", "  same calls one after another (" + fmt(se.median(), "s") + ") ÷ wall",
                String.format(Locale.ROOT, "%.1f×", se.median() / w.median()), se.spread("s") + " serial", "—", null);
    }

    // ---------------------------------------------------------------- CloudTrail

    private void cloudTrail() throws Exception {
        progress("CloudTrail LookupEvents pacing against the sandbox (2/s/region enforced)");
        List<String> regions = List.of("us-east-1", "eu-north-1", "sa-east-1", "ap-northeast-3");
        List<String> names = List.of("RunInstances", "CreateAccessKey", "ConsoleLogin", "CreateUser", "AttachUserPolicy",
                "StartInstances", "CreateKeyPair", "AuthorizeSecurityGroupIngress", "CreateFunction", "DeleteTrail");
        try (Account acct = new Account(SandboxOptions.defaults().withLatency(LATENCY));
             CountingProxy proxy = new CountingProxy(acct.sandbox.endpoint(), "\"__type\":\"ThrottlingException\"")) {
            acct.endpoint = proxy.endpoint();
            try (AwsClients c = acct.clients()) {
                ObjectNode p = JsonNodeFactory.instance.objectNode();
                p.set("regions", JsonNodeFactory.instance.arrayNode().addAll(regions.stream()
                        .map(JsonNodeFactory.instance::textNode).toList()));
                p.set("eventNames", JsonNodeFactory.instance.arrayNode().addAll(names.stream()
                        .map(JsonNodeFactory.instance::textNode).toList()));
                long t0 = System.nanoTime();
                String surfaced;
                try {
                    var result = action(c, "cloudtrail.lookupEventNames").execute(new Params(p), acct.context());
                    surfaced = result.data().toString();
                } catch (RuntimeException e) {
                    surfaced = e.toString();
                }
                double wall = (System.nanoTime() - t0) / 1e9;
                double worst = Double.MAX_VALUE;
                int ok = 0;
                for (String r : regions) {
                    List<Long> at = acct.okAt.getOrDefault("cloudtrail/LookupEvents/" + r, List.of());
                    ok += at.size();
                    if (at.size() >= 2) {
                        long first = at.stream().mapToLong(Long::longValue).min().orElseThrow();
                        long last = at.stream().mapToLong(Long::longValue).max().orElseThrow();
                        worst = Math.min(worst, (at.size() - 1) / ((last - first) / 1e9));
                    }
                }
                long failedThrottled = acct.calls.stream()
                        .filter(x -> !"ok".equals(x.outcome()) && x.errorCode() != null && x.errorCode().contains("Throttl")).count();
                long failed = acct.calls.stream().filter(x -> !"ok".equals(x.outcome())).count();
                boolean mentioned = surfaced.contains("Throttl") || surfaced.contains("Rate exceeded");
                add("cloudtrail", "lookupEventNames: " + names.size() + " names × " + regions.size() + " regions, "
                        + ok + " lookups in " + fmt(wall, "s"), String.format(Locale.ROOT, "%.2f/s", worst),
                        "slowest region", "≥ 1.9/s/region", worst >= 1.9);
                add("cloudtrail", "  throttles the sandbox answered (attempts)", String.valueOf(proxy.matches()),
                        proxy.responses() + " responses", "—", null);
                add("cloudtrail", "  throttling failures that reached the caller", String.valueOf(failedThrottled),
                        failed + " failed calls" + (mentioned ? ", result mentions throttling" : ""), "0",
                        failedThrottled == 0 && !mentioned);
            }
        }
    }

    /**
     * A TCP relay in front of the sandbox that counts responses containing {@code needle}, so that
     * throttles answered and retried inside the SDK are seen too. Bytes pass through unchanged.
     */
    static final class CountingProxy implements AutoCloseable {
        private final ServerSocket server;
        private final URI target;
        private final byte[] needle;
        private final AtomicInteger matches = new AtomicInteger();
        private final AtomicInteger responses = new AtomicInteger();

        CountingProxy(URI target, String needle) throws IOException {
            this.target = target;
            this.needle = needle.getBytes(StandardCharsets.US_ASCII);
            this.server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
            Thread t = new Thread(this::accept, "bench-proxy");
            t.setDaemon(true);
            t.start();
        }

        URI endpoint() {
            return URI.create("http://127.0.0.1:" + server.getLocalPort());
        }

        int matches() {
            return matches.get();
        }

        int responses() {
            return responses.get();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket();
                    upstream.connect(new InetSocketAddress(target.getHost(), target.getPort()));
                    pump(client.getInputStream(), upstream.getOutputStream(), false, client, upstream);
                    pump(upstream.getInputStream(), client.getOutputStream(), true, client, upstream);
                } catch (IOException e) {
                    // closed
                }
            }
        }

        private void pump(InputStream in, OutputStream out, boolean count, Socket a, Socket b) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[16384];
                byte[] tail = new byte[0];
                byte[] status = "HTTP/1.1 ".getBytes(StandardCharsets.US_ASCII);
                try {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        if (count) {
                            byte[] scan = new byte[tail.length + n];
                            System.arraycopy(tail, 0, scan, 0, tail.length);
                            System.arraycopy(buf, 0, scan, tail.length, n);
                            matches.addAndGet(occurrences(scan, needle, tail.length));
                            responses.addAndGet(occurrences(scan, status, tail.length));
                            int keep = Math.min(scan.length, needle.length - 1);
                            tail = Arrays.copyOfRange(scan, scan.length - keep, scan.length);
                        }
                        out.write(buf, 0, n);
                        out.flush();
                    }
                } catch (IOException e) {
                    // connection ended
                } finally {
                    try {
                        a.close();
                        b.close();
                    } catch (IOException e) {
                        // ignore
                    }
                }
            }, "bench-proxy-pump");
            t.setDaemon(true);
            t.start();
        }

        /** Occurrences of {@code n} in {@code h} that end at or after {@code from} (so none is counted twice). */
        static int occurrences(byte[] h, byte[] n, int from) {
            int count = 0;
            outer:
            for (int i = 0; i + n.length <= h.length; i++) {
                if (i + n.length <= from) {
                    continue;
                }
                for (int j = 0; j < n.length; j++) {
                    if (h[i + j] != n[j]) {
                        continue outer;
                    }
                }
                count++;
            }
            return count;
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    // ---------------------------------------------------------------- transcript

    private void transcript() throws IOException {
        progress("transcript: appends with a flush to disk per entry, and verifying 100,000 entries");
        Path dir = Files.createDirectories(repo.resolve("target/bench"));
        ObjectNode entry = sampleEntry();
        // appends, each forced to disk, on the disk the evidence goes to
        List<Double> rates = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            Path f = dir.resolve("append-" + ProcessHandle.current().pid() + "-" + round + ".jsonl");
            Files.deleteIfExists(f);
            try (TranscriptWriter w = TranscriptWriter.create(f, new Redactor(), Clock.systemUTC())) {
                long t0 = System.nanoTime();
                int n = 0;
                while (System.nanoTime() - t0 < TimeUnit.MILLISECONDS.toNanos(1500) || n < 50) {
                    w.append("awsCall", entry);
                    n++;
                }
                rates.add(n / ((System.nanoTime() - t0) / 1e9));
            }
            Files.deleteIfExists(f);
        }
        Stats a = Stats.of(rates);
        add("transcript", "appends/s, each forced to disk (" + dir + ")", String.format(Locale.ROOT, "%.0f/s", a.median()),
                String.format(Locale.ROOT, "%.0f–%.0f", a.min(), a.max()), "≥ 200/s", a.median() >= 200);
        // 100,000 entries to verify; written where forcing is cheap (tmpfs) when there is one
        Path shm = Path.of("/dev/shm");
        Path vdir = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : dir;
        Path big = vdir.resolve("irshell-bench-" + ProcessHandle.current().pid() + ".jsonl");
        Files.deleteIfExists(big);
        try {
            try (TranscriptWriter w = TranscriptWriter.create(big, new Redactor(), Clock.systemUTC())) {
                for (int i = 0; i < 100_000; i++) {
                    w.append("awsCall", entry);
                }
                w.seal();
            }
            List<Double> vr = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                long t0 = System.nanoTime();
                VerifyResult r = TranscriptVerifier.verify(big);
                double s = (System.nanoTime() - t0) / 1e9;
                if (r.status() != VerifyResult.Status.OK) {
                    throw new IllegalStateException("verify: " + r);
                }
                if (round > 0) {
                    vr.add(r.entries() / s);
                }
            }
            Stats v = Stats.of(vr);
            add("transcript", "verify 100,000 entries (" + Files.size(big) / (1024 * 1024) + " MiB), entries/s",
                    String.format(Locale.ROOT, "%.0f/s", v.median()), String.format(Locale.ROOT, "%.0f–%.0f", v.min(), v.max()),
                    "≥ 50,000/s", v.median() >= 50_000);
        } finally {
            Files.deleteIfExists(big);
        }
    }

    /** About the size of a recorded AWS call. */
    private static ObjectNode sampleEntry() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("service", "ec2").put("operation", "DescribeInstances").put("region", "sa-east-1").put("outcome", "ok")
                .put("httpStatus", 200).put("requestId", "5c3b0e5a-5d8e-4a43-a3a3-0a1b2c3d4e5f").put("durationMillis", 57);
        n.putObject("request").put("MaxResults", 1000);
        ObjectNode res = n.putObject("response");
        for (int i = 0; i < 4; i++) {
            res.putArray("Reservations").addObject().put("InstanceId", "i-02aabfe228f219e9" + i)
                    .put("InstanceType", "p3.16xlarge").put("LaunchTime", "2026-11-18T21:02:41Z").put("State", "running");
        }
        return n;
    }

    // ---------------------------------------------------------------- memory

    private void memory() throws Exception {
        progress("peak memory of a full sweep session through " + launcher);
        Path evidence = Files.createDirectories(repo.resolve("target/bench/evidence"));
        List<String> cmd = List.of(launcher, "--sandbox", "--evidence-dir", evidence.toString(), "run",
                "unauthorized-activity", "--approve-all");
        List<Double> mib = new ArrayList<>();
        for (int i = 0; i < Math.max(3, runs / 2); i++) {
            Process p = new ProcessBuilder(cmd).directory(repo.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            long peakKb = 0;
            Path status = Path.of("/proc/" + p.pid() + "/status");
            // the launcher execs java, so the pid stays the JVM's; VmHWM is the kernel's own high-water mark
            while (p.isAlive()) {
                try {
                    for (String line : Files.readAllLines(status)) {
                        if (line.startsWith("VmHWM:")) {
                            peakKb = Math.max(peakKb, Long.parseLong(line.replaceAll("[^0-9]", "")));
                        }
                    }
                } catch (IOException | UncheckedIOException e) {
                    // exited between the check and the read
                }
                Thread.sleep(5);
            }
            mib.add(peakKb / 1024.0);
        }
        Stats m = Stats.of(mib);
        add("memory", "peak RSS (VmHWM), irshell --sandbox run unauthorized-activity --approve-all",
                String.format(Locale.ROOT, "%.0f MiB", m.median()), String.format(Locale.ROOT, "%.0f–%.0f MiB", m.min(), m.max()),
                "< 256 MiB", m.median() < 256);
    }

    // ---------------------------------------------------------------- table

    private void add(String section, String figure, String value, String spread, String goal, Boolean pass) {
        Row r = new Row(section, figure, value, spread, goal, pass == null ? "" : pass ? "pass" : "MISS");
        rows.add(r);
        progress(String.format(Locale.ROOT, "%-10s %s: %s (%s) %s", section, figure.trim(), value, spread, r.status()));
    }

    String table() {
        int f = "figure".length();
        int v = "median".length();
        int s = "spread (min–max)".length();
        int g = "goal".length();
        for (Row r : rows) {
            f = Math.max(f, r.figure().length());
            v = Math.max(v, r.value().length());
            s = Math.max(s, r.spread().length());
            g = Math.max(g, r.goal().length());
        }
        String fmt = "%-" + f + "s  %" + v + "s  %-" + s + "s  %-" + g + "s  %s%n";
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, fmt, "figure", "median", "spread (min–max)", "goal", "result"));
        String last = null;
        for (Row r : rows) {
            if (!r.section().equals(last)) {
                b.append("-- ").append(r.section()).append('\n');
                last = r.section();
            }
            b.append(String.format(Locale.ROOT, fmt, r.figure(), r.value(), r.spread(), r.goal(), r.status()));
        }
        return b.toString();
    }

    String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("<!-- written by bench/run --markdown; ").append(ZonedDateTime.now(Clock.systemUTC())).append(" -->\n");
        b.append("Measured ").append(ZonedDateTime.now(Clock.systemUTC()).toLocalDate()).append(", ").append(runs)
                .append(" runs per start-up figure.\n\n");
        b.append("| | figure | median | spread (min–max) | goal | result |\n|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            b.append("| ").append(r.section()).append(" | ").append(r.figure().trim().replace("|", "\\|")).append(" | ")
                    .append(r.value()).append(" | ").append(r.spread()).append(" | ").append(r.goal()).append(" | ")
                    .append(r.status()).append(" |\n");
        }
        b.append("\nMachine:\n\n```\n").append(machine()).append("```\n");
        return b.toString();
    }

    private static String machine() {
        StringBuilder b = new StringBuilder();
        for (List<String> cmd : List.of(List.of("nproc"), List.of("free", "-h"), List.of("uptime"),
                List.of("java", "-version"))) {
            b.append("$ ").append(String.join(" ", cmd)).append('\n');
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                b.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                p.waitFor();
            } catch (IOException | InterruptedException e) {
                b.append("(unavailable: ").append(e.getMessage()).append(")\n");
            }
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- helpers

    record Stats(double median, double min, double max) {
        static Stats of(List<Double> xs) {
            if (xs.isEmpty()) {
                return new Stats(Double.NaN, Double.NaN, Double.NaN);
            }
            List<Double> s = new ArrayList<>(xs);
            s.sort(Double::compare);
            int n = s.size();
            double med = n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
            return new Stats(med, s.get(0), s.get(n - 1));
        }

        String spread(String unit) {
            return fmt(min, unit) + "–" + fmt(max, unit);
        }
    }

    static String fmt(double v, String unit) {
        return String.format(Locale.ROOT, "%.3f %s", v, unit);
    }

    private static boolean onPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(":")) {
            if (Files.isExecutable(Path.of(d, exe))) {
                return true;
            }
        }
        return false;
    }

    private static void progress(String line) {
        System.err.println("bench: " + line);
    }
}
