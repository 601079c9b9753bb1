package dev.irshell.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/** Writing a report to disk. */
public final class Reports {
    private Reports() {}

    /**
     * Writes {@code text} (UTF-8) to a new file, readable by its owner only where POSIX permissions
     * exist, like the transcript it comes from: a report names the account, its users and what was
     * found. Throws FileAlreadyExistsException rather than overwrite anything.
     */
    public static void writeNew(Path file, String text) throws IOException {
        boolean posix = file.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        Files.createFile(file, attributes);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            w.write(text);
        }
    }
}
