package dev.irshell.shell;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses the global options (accepted anywhere on the line, as the AWS CLI does) and leaves the
 * command words, with their own options, to the command.
 */
public final class ArgParser {
    private ArgParser() {}

    /** Global options that take a value. */
    private static final List<String> VALUED = List.of("--profile", "--region", "--evidence-dir", "--runbooks", "--endpoint-url",
            "--expect-account", "--output", "--replay");

    /**
     * @param scenarios the built-in sandbox scenario names: {@code --sandbox NAME} takes the word
     *                  after it only when it is one of these or a YAML file, so
     *                  {@code irshell --sandbox run ...} still means the run command
     */
    public static LaunchOptions parse(String[] args, Map<String, String> env, List<String> scenarios) {
        String profile = null;
        String region = null;
        boolean dryRun = false;
        boolean readOnly = false;
        Path evidence = Path.of("evidence");
        Path runbooks = null;
        URI endpoint = null;
        boolean debug = false;
        boolean color = env.get("NO_COLOR") == null || env.get("NO_COLOR").isEmpty();
        String sandbox = null;
        String expectAccount = null;
        boolean json = false;
        Path replay = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0 && VALUED.contains(a.substring(0, eq))) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            if (VALUED.contains(name) && value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new UsageException(name + " needs a value: " + name + " " + placeholder(name));
                }
                value = args[++i];
            }
            switch (name) {
                case "--profile" -> profile = value;
                case "--region" -> region = value;
                case "--evidence-dir" -> evidence = Path.of(value);
                case "--runbooks" -> runbooks = Path.of(value);
                case "--endpoint-url" -> endpoint = uri(value);
                case "--replay" -> replay = Path.of(value);
                case "--output" -> {
                    if (!value.equals("json") && !value.equals("text")) {
                        throw new UsageException("--output must be text or json, got '" + value + "'");
                    }
                    json = value.equals("json");
                }
                case "--expect-account" -> {
                    if (!value.matches("\\d{12}")) {
                        throw new UsageException("--expect-account must be a 12-digit AWS account id such as 111122223333, got '"
                                + value + "'");
                    }
                    expectAccount = value;
                }
                case "--dry-run" -> dryRun = true;
                case "--read-only" -> readOnly = true;
                case "--debug" -> debug = true;
                case "--no-color" -> color = false;
                case "--sandbox" -> {
                    sandbox = "";
                    if (i + 1 < args.length && isScenario(args[i + 1], scenarios)) {
                        sandbox = args[++i];
                    } else if (i + 1 < args.length && rest.isEmpty() && !args[i + 1].startsWith("-")
                            && !isCommand(args[i + 1])) {
                        // `--sandbox NAME` where NAME is neither a scenario nor a command: a mistyped scenario
                        throw new UsageException("no sandbox scenario '" + args[i + 1] + "': the built-in ones are "
                                + String.join(", ", scenarios) + " (irshell sandbox scenarios), or give a scenario YAML"
                                + " file ending in .yaml; '" + args[i + 1] + "' is not a command either");
                    }
                }
                default -> rest.add(a);
            }
        }
        if (region != null && !dev.irshell.runbook.Regions.isKnown(region)) {
            throw new UsageException("--region must be a known AWS region code such as us-east-1, got '" + region + "'");
        }
        if (sandbox != null && endpoint != null) {
            throw new UsageException("--sandbox and --endpoint-url cannot be used together: the sandbox is its own endpoint");
        }
        if (sandbox != null && profile != null) {
            throw new UsageException("--sandbox and --profile cannot be used together: the sandbox has its own credentials");
        }
        if (replay != null && (sandbox != null || endpoint != null || profile != null || region != null)) {
            throw new UsageException("--replay takes its account, identity and region from the recording and makes no AWS"
                    + " calls: drop " + (sandbox != null ? "--sandbox" : endpoint != null ? "--endpoint-url"
                    : profile != null ? "--profile" : "--region"));
        }
        return new LaunchOptions(profile, region, dryRun, readOnly, evidence, runbooks, endpoint, debug, color, sandbox,
                expectAccount, json, List.copyOf(rest), replay);
    }

    private static boolean isCommand(String word) {
        return Help.COMMANDS.contains(word);
    }

    private static boolean isScenario(String word, List<String> scenarios) {
        return scenarios.contains(word) || word.endsWith(".yaml") || word.endsWith(".yml");
    }

    private static URI uri(String value) {
        try {
            URI u = new URI(value);
            if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")) || u.getHost() == null) {
                throw new URISyntaxException(value, "not an http(s) URL");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new UsageException("--endpoint-url must be an http(s) URL such as http://127.0.0.1:5000, got '" + value + "'");
        }
    }

    private static String placeholder(String name) {
        return switch (name) {
            case "--profile" -> "NAME";
            case "--region" -> "REGION (e.g. us-east-1)";
            case "--endpoint-url" -> "URL";
            case "--expect-account" -> "ACCOUNT_ID";
            case "--output" -> "text|json";
            case "--replay" -> "TRANSCRIPT (a transcript.jsonl or its session folder)";
            default -> "DIR";
        };
    }

    /** A command's option word without its {@code =value}: {@code --out=x} is {@code --out}. */
    public static String optionName(String a) {
        int eq = a.indexOf('=');
        return a.startsWith("--") && eq > 0 ? a.substring(0, eq) : a;
    }

    /**
     * The value of the command option at {@code args[i]}, written {@code --name=value} or
     * {@code --name value}; a usage error showing the expected {@code form} when there is none.
     */
    public static String optionValue(List<String> args, int i, String name, String form) {
        String a = args.get(i);
        if (a.startsWith(name + "=")) {
            return a.substring(name.length() + 1);
        }
        if (i + 1 >= args.size()) {
            throw new UsageException(name + " needs a value: " + name + " " + form);
        }
        return args.get(i + 1);
    }
}
