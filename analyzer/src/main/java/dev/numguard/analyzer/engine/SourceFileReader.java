package dev.numguard.analyzer.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads source files strictly in the build's encoding: an undecodable byte is an error with its
 * line and column, never a silent U+FFFD, because offsets into a mis-decoded file would point at
 * the wrong code and a fix written back would corrupt it.
 */
public final class SourceFileReader {
    private SourceFileReader() {
    }

    /** A file whose bytes are not valid in the expected encoding, with the position of the first bad byte. */
    public static final class UndecodableException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final int column;

        UndecodableException(int line, int column, String message) {
            super(message);
            this.line = line;
            this.column = column;
        }

        /** The 1-based line of the first bad byte. */
        public int line() {
            return line;
        }

        /** The 1-based column (in decoded characters) of the first bad byte. */
        public int column() {
            return column;
        }
    }

    /** Reads {@code file} as UTF-8; see {@link #read(Path, Charset)}. */
    public static String readUtf8(Path file) throws IOException {
        return read(file, StandardCharsets.UTF_8);
    }

    /**
     * Returns the decoded text of {@code file}.
     *
     * @throws UndecodableException when a byte is not valid in {@code encoding} (the message gives
     *     line, column and byte offset of the first bad byte, and what to do)
     * @throws IOException when the file cannot be read
     */
    public static String read(Path file, Charset encoding) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        CharsetDecoder decoder = encoding.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil(bytes.length * (double) decoder.maxCharsPerByte()) + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            out.flip();
            String decoded = out.toString();
            int line = 1 + (int) decoded.chars().filter(c -> c == '\n').count();
            int column = decoded.length() - (decoded.lastIndexOf('\n') + 1) + 1;
            int offset = in.position();
            throw new UndecodableException(line, column, "not valid " + encoding.name() + ": byte 0x"
                    + String.format("%02X", bytes[offset] & 0xFF) + " at line " + line + ", column " + column
                    + " (byte offset " + offset + "); set the sources' encoding (Maven project.build.sourceEncoding,"
                    + " CLI --encoding) or convert the file");
        }
        out.flip();
        return out.toString();
    }
}
