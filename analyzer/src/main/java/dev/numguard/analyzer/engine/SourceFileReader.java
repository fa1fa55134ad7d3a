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

    /**
     * Returns the decoded text of {@code file}.
     *
     * @throws IOException when the file cannot be read, or is not valid UTF-8 (the message then
     *     gives the byte offset of the first bad byte)
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
            throw new IOException("not valid UTF-8 (bad byte at offset " + in.position()
                    + "); numguard reads sources as UTF-8 only", e);
        } catch (CharacterCodingException e) {
            throw new IOException("not valid UTF-8: " + e.getMessage(), e);
        }
    }
}
