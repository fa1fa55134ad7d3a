package dev.numguard.analyzer.spoon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a source file as strict UTF-8: a file that is not valid UTF-8 is an error, never guessed at. */
final class SourceText {
    private SourceText() {
    }

    /**
     * The decoded text of {@code file}.
     *
     * @throws CharacterCodingException when the bytes are not valid UTF-8
     * @throws IOException when the file cannot be read
     */
    static String read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }
}
