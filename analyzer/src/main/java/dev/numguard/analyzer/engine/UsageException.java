package dev.numguard.analyzer.engine;

/**
 * The user asked for something that cannot be done as asked: an unknown rule id, a path that does
 * not exist, a malformed option value. The CLI reports the message and exits with status 2.
 */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
