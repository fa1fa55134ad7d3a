package dev.numguard.analyzer.fix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;

/**
 * Replaces a file's content so that readers see either the old or the new file, never half of
 * one: the text goes to a temporary file in the same folder, which is then moved over the original
 * with {@link StandardCopyOption#ATOMIC_MOVE}. The original's POSIX permissions are kept.
 */
public final class AtomicFileWriter {
    private AtomicFileWriter() {
    }

    /** Writes {@code text} as UTF-8 over {@code file}. */
    public static void writeUtf8(Path file, String text) throws IOException {
        write(file, text, StandardCharsets.UTF_8);
    }

    /**
     * Writes {@code text} in {@code encoding} over {@code file}, or creates it (and its folders)
     * when it does not exist yet.
     */
    public static void write(Path file, String text, java.nio.charset.Charset encoding) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path folder = absolute.getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, "." + absolute.getFileName() + ".", ".numguard-tmp");
        try {
            Files.write(temporary, text.getBytes(encoding));
            PosixFileAttributeView permissions = Files.getFileAttributeView(absolute, PosixFileAttributeView.class);
            if (permissions != null && Files.exists(absolute)) {
                Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(absolute));
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
