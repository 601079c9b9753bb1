package dev.irshell.testsupport;

import dev.irshell.sandbox.SecretLedger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redaction proved, not hoped for: after every test of the suite (registered for all of them in
 * META-INF/services), every file the test left in its temporary folders and every log and file
 * under the suite's home folder (target/test-home: logs, history) is scanned for every secret a
 * sandbox has issued or been given in this JVM ({@link SecretLedger}); one found fails the test,
 * naming the file.
 */
public final class SecretScan implements AfterEachCallback {
    /** Runs of the characters secret access keys and session tokens are made of. */
    private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/]{40,}");
    private static final long MAX_FILE = 64L * 1024 * 1024;

    @Override
    public void afterEach(ExtensionContext context) {
        Set<String> secrets = SecretLedger.all();
        if (secrets.isEmpty()) {
            return;
        }
        Set<Path> roots = new LinkedHashSet<>();
        context.getTestInstance().ifPresent(i -> roots.addAll(tempDirs(i.getClass(), i)));
        context.getTestClass().ifPresent(c -> roots.addAll(tempDirs(c, null)));
        roots.add(Path.of(System.getProperty("user.home")));
        List<String> found = scan(roots, secrets);
        if (!found.isEmpty()) {
            throw new AssertionError("a secret reached the disk:\n  " + String.join("\n  ", found));
        }
    }

    /** Files under {@code roots} holding any of {@code secrets}: "file: what" for each. */
    public static List<String> scan(Set<Path> roots, Set<String> secrets) {
        List<String> found = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String hit = find(f, secrets);
                    if (hit != null) {
                        found.add(f + ": " + hit);
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                // a folder removed while walking it is not a finding
            }
        }
        return found;
    }

    private static String find(Path f, Set<String> secrets) {
        String text;
        try {
            if (Files.size(f) > MAX_FILE) {
                return null;
            }
            text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return null;
        }
        Matcher m = BASE64_RUN.matcher(text);
        while (m.find()) {
            String run = m.group();
            for (int i = 0; i + 40 <= run.length(); i++) {
                String window = run.substring(i, i + 40);
                if (secrets.contains(window)) {
                    return "secret access key " + mask(window);
                }
            }
            for (String s : secrets) {
                if (s.length() > 40 && run.contains(s)) {
                    return "session token " + mask(s);
                }
            }
        }
        for (String s : secrets) {
            if (s.length() < 40 && text.contains(s)) {
                return "password " + mask(s);
            }
        }
        return null;
    }

    /** Enough of a secret to recognise it in the report, not enough to use it. */
    private static String mask(String s) {
        return s.substring(0, 4) + "…(" + s.length() + " chars)";
    }

    private static List<Path> tempDirs(Class<?> type, Object instance) {
        List<Path> out = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!f.isAnnotationPresent(TempDir.class) || (instance == null) != Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    Object v = f.get(instance);
                    if (v instanceof Path p) {
                        out.add(p);
                    } else if (v instanceof java.io.File file) {
                        out.add(file.toPath());
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // not readable: nothing to scan
                }
            }
        }
        return out;
    }
}
