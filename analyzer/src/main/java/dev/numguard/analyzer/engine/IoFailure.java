package dev.numguard.analyzer.engine;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.ReadOnlyFileSystemException;

/**
 * Says in words why reading or writing a file failed. Java's file exceptions often carry only a
 * path as their message ({@code AccessDeniedException: /src/A.java}), which reads as no reason.
 */
public final class IoFailure {
    private IoFailure() {
    }

    /** E.g. "permission denied (/src/.A.java.123.numguard-tmp)". */
    public static String describe(Exception e) {
        String reason;
        if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            reason = "no such file or folder";
        } else if (e instanceof NotDirectoryException) {
            reason = "not a folder";
        } else if (e instanceof FileAlreadyExistsException) {
            reason = "already exists";
        } else if (e instanceof DirectoryNotEmptyException) {
            reason = "a folder that is not empty";
        } else if (e instanceof ReadOnlyFileSystemException) {
            reason = "the file system is read-only";
        } else if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            reason = fileSystem.getReason();
        } else if (e instanceof FileSystemException) {
            reason = e.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
        } else {
            reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        if (e instanceof FileSystemException fileSystem && fileSystem.getFile() != null) {
            String other = fileSystem.getOtherFile() == null ? "" : " -> " + fileSystem.getOtherFile();
            return reason + " (" + fileSystem.getFile() + other + ")";
        }
        return reason;
    }
}
