package dev.numguard.analyzer.spoon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a source file strictly in its encoding: a byte that does not decode is an error, never guessed at. */
final class SourceText {
    private SourceText() {
    }

    /**
     * The decoded text of {@code file}.
     *
     * @throws CharacterCodingException when the bytes are not valid in {@code encoding}
     * @throws IOException when the file cannot be read
     */
    static String read(Path file, java.nio.charset.Charset encoding) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return encoding.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }
}
