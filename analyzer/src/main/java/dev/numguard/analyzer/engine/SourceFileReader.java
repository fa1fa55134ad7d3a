package dev.numguard.analyzer.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnmappableCharacterException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads source files strictly as UTF-8: a malformed byte is an error, never a silent U+FFFD,
 * because offsets into a mis-decoded file would point at the wrong code and a fix written back
 * would corrupt it.
 */
public final class SourceFileReader {
    private SourceFileReader() {
    }

    /** A file that is not valid UTF-8, with the line of the first bad byte. */
    public static final class NotUtf8Exception extends IOException {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final int column;

        NotUtf8Exception(int line, int column, String message, Throwable cause) {
            super(message, cause);
            this.line = line;
            this.column = column;
        }

        /** The 1-based column of the first bad byte, counted in bytes from the line's start. */
        public int column() {
            return column;
        }

        /** The 1-based line of the first bad byte. */
        public int line() {
            return line;
        }
    }

    /**
     * Returns the decoded text of {@code file}.
     *
     * @throws NotUtf8Exception when the file is not valid UTF-8 (the message gives the byte offset
     *     and line of the first bad byte)
     * @throws IOException when the file cannot be read
     */
    public static String readUtf8(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return decoder.decode(in).toString();
        } catch (MalformedInputException | UnmappableCharacterException e) {
            int offset = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new NotUtf8Exception(line, offset - lineStart + 1, "not valid UTF-8 (bad byte 0x"
                    + String.format("%02X", bytes[offset] & 0xFF) + " at byte offset " + offset + ", line " + line
                    + "); numguard reads sources as UTF-8 only: convert the file (e.g. iconv -f ISO-8859-1 -t UTF-8)", e);
        } catch (CharacterCodingException e) {
            throw new IOException("not valid UTF-8: " + e.getMessage(), e);
        }
    }
}
