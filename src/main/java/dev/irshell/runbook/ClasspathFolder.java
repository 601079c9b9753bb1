package dev.irshell.runbook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Lists the files directly in a classpath folder, whether it is a directory ({@code file:} URL)
 * or inside a jar, including the nested jars of a Spring Boot 3.2+ executable jar, whose
 * connection is a {@link JarURLConnection} too.
 */
final class ClasspathFolder {
    /** A file found in the folder. */
    record Entry(String name, byte[] content) {}

    private ClasspathFolder() {}

    /**
     * The files of {@code folder} (e.g. {@code runbooks}) ending in {@code suffix}, by name,
     * merged over every classpath root that has the folder (the first root wins a name).
     */
    static List<Entry> list(ClassLoader loader, String folder, String suffix) throws IOException {
        TreeMap<String, Entry> found = new TreeMap<>();
        Enumeration<URL> roots = loader.getResources(folder);
        for (URL url : Collections.list(roots)) {
            for (Entry e : listOne(url, suffix)) {
                found.putIfAbsent(e.name(), e);
            }
        }
        return List.copyOf(found.values());
    }

    private static List<Entry> listOne(URL url, String suffix) throws IOException {
        if ("file".equals(url.getProtocol())) {
            Path dir;
            try {
                dir = Path.of(url.toURI());
            } catch (URISyntaxException e) {
                throw new IOException("cannot read classpath folder " + url, e);
            }
            List<Entry> out = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(Files::isRegularFile)
                        .filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList()) {
                    out.add(new Entry(f.getFileName().toString(), Files.readAllBytes(f)));
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            return out;
        }
        URLConnection conn = url.openConnection();
        if (conn instanceof JarURLConnection jar) {
            jar.setUseCaches(false);
            String prefix = jar.getEntryName() == null ? "" : jar.getEntryName();
            if (!prefix.isEmpty() && !prefix.endsWith("/")) {
                prefix += "/";
            }
            List<Entry> out = new ArrayList<>();
            try (JarFile jf = jar.getJarFile()) {
                for (JarEntry e : Collections.list(jf.entries())) {
                    String n = e.getName();
                    if (e.isDirectory() || !n.startsWith(prefix) || !n.endsWith(suffix)) {
                        continue;
                    }
                    String rest = n.substring(prefix.length());
                    if (rest.contains("/")) {
                        continue;
                    }
                    try (InputStream in = jf.getInputStream(e)) {
                        out.add(new Entry(rest, in.readAllBytes()));
                    }
                }
            }
            return out;
        }
        throw new IOException("cannot list classpath folder " + url + ": neither a directory nor a jar");
    }
}
