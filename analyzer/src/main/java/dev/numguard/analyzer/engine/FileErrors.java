package dev.numguard.analyzer.engine;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.ReadOnlyFileSystemException;
import java.util.Locale;

/**
 * Says in words what went wrong with a file: the JDK's exceptions print as
 * {@code java.nio.file.FileSystemException: /a/B.java: Is a directory}, which reads like a crash.
 * The file the system call failed on is named in parentheses, since it is not always the one the
 * message is about (a temporary file next to it, a folder above it).
 */
public final class FileErrors {
    private FileErrors() {
    }

    /** A short lower-case reason, e.g. "permission denied (/src/.A.java.1.numguard-tmp)". */
    public static String inWords(Exception e) {
        String reason;
        if (e instanceof NoSuchFileException) {
            reason = "no such file or folder";
        } else if (e instanceof AccessDeniedException || e instanceof SecurityException) {
            reason = "permission denied";
        } else if (e instanceof FileSystemLoopException) {
            reason = "symbolic link loop";
        } else if (e instanceof NotDirectoryException) {
            reason = "not a folder";
        } else if (e instanceof FileAlreadyExistsException) {
            reason = "already exists";
        } else if (e instanceof DirectoryNotEmptyException) {
            reason = "a folder that is not empty";
        } else if (e instanceof ReadOnlyFileSystemException) {
            reason = "the file system is read-only";
        } else if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null
                && !fileSystem.getReason().isEmpty()) {
            String text = fileSystem.getReason();
            reason = Character.toLowerCase(text.charAt(0)) + text.substring(1);
        } else if (e instanceof FileSystemException) {
            reason = e.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        } else {
            reason = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        }
        if (e instanceof FileSystemException fileSystem && fileSystem.getFile() != null) {
            String other = fileSystem.getOtherFile() == null ? "" : " -> " + fileSystem.getOtherFile();
            return reason + " (" + fileSystem.getFile() + other + ")";
        }
        return reason;
    }
}
