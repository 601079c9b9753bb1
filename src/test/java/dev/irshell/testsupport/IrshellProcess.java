package dev.irshell.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * irshell run as a process of its own, as on a responder's laptop: the SDK reads credentials,
 * profiles and endpoints from the process's environment and files, which a test cannot change in
 * its own JVM. The environment holds only PATH, HOME (a temporary folder, with its own ~/.aws if
 * the test makes one), NO_COLOR, the log file, no instance metadata service, and what the case
 * sets; standard input is closed; evidence goes to {@code home/evidence}.
 */
public final class IrshellProcess {
    private IrshellProcess() {}

    public record Result(int code, String out, String err) {
        public String all() {
            return out + err;
        }
    }

    public static Result run(Path home, Map<String, String> vars, String args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"), "dev.irshell.Main"));
        cmd.addAll(List.of(args.split(" ")));
        cmd.addAll(List.of("--evidence-dir", home.resolve("evidence").toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile());
        Map<String, String> env = pb.environment();
        String path = env.get("PATH");
        env.clear();
        env.put("PATH", path == null ? "/usr/bin:/bin" : path);
        env.put("HOME", home.toString());
        env.put("NO_COLOR", "1");
        env.put("IRSHELL_LOG", home.resolve("irshell.log").toString());
        // no instance metadata service here: without this the chain waits for it before giving up
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.putAll(vars);
        Path out = home.resolve("out.txt");
        Path err = home.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("irshell " + args + " did not end within 120 s; its output so far:\n"
                    + Files.readString(out) + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
