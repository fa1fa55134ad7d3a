package dev.numguard.analyzer.engine;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Says in words what went wrong with a file, for messages that already name the file: the JDK's
 * exceptions print as {@code java.nio.file.FileSystemException: /a/B.java: Is a directory}, which
 * repeats the path and reads like a crash.
 */
public final class FileErrors {
    private FileErrors() {
    }

    /** A short lower-case reason, e.g. "permission denied" or "is a directory". */
    public static String inWords(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "does not exist (deleted while numguard ran?)";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemLoopException) {
            return "symbolic link loop";
        }
        if (e instanceof NotDirectoryException) {
            return "is not a folder";
        }
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            String reason = fileSystem.getReason();
            return reason.isEmpty() ? "cannot be read" : Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? "cannot be read" : message;
    }
}
