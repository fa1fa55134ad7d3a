package dev.numguard.analyzer.fix;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces a file's content while keeping the file's identity: readers see the old or the new
 * text, never half of one, and the file stays the same file.
 *
 * <ul>
 *   <li>A symbolic link is followed: its target is rewritten, the link stays a link.</li>
 *   <li>Normally the text goes to a temporary file in the same folder, which gets the original's
 *       permissions, owner and group (owner and group where the process may set them) and is then
 *       renamed over the original ({@link StandardCopyOption#ATOMIC_MOVE}).</li>
 *   <li>A file with several hard links cannot be renamed over without splitting its links, and
 *       some file systems cannot rename atomically: such a file is written in place, after a copy
 *       of the original was put beside it as a backup; the backup is removed once the new text
 *       is safely on disk.</li>
 *   <li>An interrupted run can leave a temporary file or a backup behind: {@link #recover}
 *       deletes the temporary files and puts each backup's text back into its file, so a torn
 *       in-place write never survives the next run.</li>
 * </ul>
 */
public final class AtomicFileWriter {
    static final String TEMPORARY_SUFFIX = ".numguard-tmp";
    static final String BACKUP_SUFFIX = ".numguard-backup";

    private AtomicFileWriter() {
    }

    /** Writes {@code text} as UTF-8 over {@code file} (or over the file a link points to). */
    public static void writeUtf8(Path file, String text) throws IOException {
        write(file, text, StandardCharsets.UTF_8);
    }

    /**
     * Writes {@code text} in {@code encoding} over {@code file} (or over the file a link points to),
     * or creates it (and its folders) when it does not exist yet.
     */
    public static void write(Path file, String text, java.nio.charset.Charset encoding) throws IOException {
        byte[] bytes = text.getBytes(encoding);
        if (!Files.exists(file)) {
            Path folder = file.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            Path temporary = Files.createTempFile(folder, "." + file.getFileName() + ".", TEMPORARY_SUFFIX);
            try {
                Files.write(temporary, bytes);
                Files.move(temporary, file.toAbsolutePath(), StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
            return;
        }
        Path target = file.toRealPath();
        if (linkCount(target) > 1) {
            writeInPlace(target, bytes);
            return;
        }
        Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", TEMPORARY_SUFFIX);
        try {
            Files.write(temporary, bytes);
            keepIdentity(target, temporary);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                writeInPlace(target, bytes);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Cleans up after an interrupted run in {@code folder}: deletes numguard's temporary files and
     * restores each backup into the file it was taken from (then deletes it).
     *
     * @return the files whose text was restored from a backup
     */
    public static List<Path> recover(Path folder) throws IOException {
        List<Path> restored = new ArrayList<>();
        try (DirectoryStream<Path> strays = Files.newDirectoryStream(folder,
                ".*{" + TEMPORARY_SUFFIX + "," + BACKUP_SUFFIX + "}")) {
            for (Path stray : strays) {
                String name = stray.getFileName().toString();
                if (name.endsWith(BACKUP_SUFFIX)) {
                    Path original = folder.resolve(originalName(name, BACKUP_SUFFIX));
                    if (Files.isRegularFile(original, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        overwrite(original, Files.readAllBytes(stray));
                        restored.add(original);
                    }
                }
                Files.deleteIfExists(stray);
            }
        }
        return restored;
    }

    /** ".A.java.12345.numguard-tmp" → "A.java". */
    private static String originalName(String strayName, String suffix) {
        String withoutSuffix = strayName.substring(1, strayName.length() - suffix.length());
        return withoutSuffix.substring(0, withoutSuffix.lastIndexOf('.'));
    }

    private static void writeInPlace(Path target, byte[] bytes) throws IOException {
        Path backup = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", BACKUP_SUFFIX);
        Files.copy(target, backup, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel channel = FileChannel.open(backup, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        overwrite(target, bytes);
        Files.delete(backup);
    }

    private static void overwrite(Path target, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.truncate(bytes.length);
            channel.force(true);
        }
    }

    private static int linkCount(Path file) throws IOException {
        try {
            return ((Number) Files.getAttribute(file, "unix:nlink")).intValue();
        } catch (UnsupportedOperationException | IllegalArgumentException notUnix) {
            return 1;
        }
    }

    /** Gives the replacement the original's permissions, then its owner and group where allowed. */
    private static void keepIdentity(Path original, Path replacement) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(original, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        PosixFileAttributes attributes = view.readAttributes();
        PosixFileAttributeView replacementView = Files.getFileAttributeView(replacement, PosixFileAttributeView.class);
        try {
            replacementView.setGroup(attributes.group());
            replacementView.setOwner(attributes.owner());
        } catch (IOException | SecurityException notPermitted) {
            // only the owner's own files or root's: a file of someone else keeps our ownership
        }
        // after chown: changing the owner may clear set-id bits
        replacementView.setPermissions(attributes.permissions());
    }
}
