package dev.numguard.examples.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class EmbeddingNormalizerTest {

    @Test
    void normalisesToUnitLength() {
        float[] unit = EmbeddingNormalizer.normalize(new float[] {3, 4});
        assertThat(unit[0]).isCloseTo(0.6f, within(1e-6f));
        assertThat(unit[1]).isCloseTo(0.8f, within(1e-6f));
    }

    @Test
    void similarityIsTheCosineOfTheAngle() {
        assertThat(EmbeddingNormalizer.similarity(new float[] {1, 0}, new float[] {1, 1}))
                .isCloseTo(Math.sqrt(0.5), within(1e-5));
        assertThat(EmbeddingNormalizer.similarity(new float[] {2, 0}, new float[] {-5, 0})).isCloseTo(-1.0, within(1e-5));
    }

    @Test
    void rejectsDifferentDimensions() {
        assertThatThrownBy(() -> EmbeddingNormalizer.similarity(new float[2], new float[3]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Tag("hostile")
    void anAllZeroEmbeddingStaysZeroInsteadOfNaN() {
        // padding tokens and empty documents embed to zero vectors in real indexes
        float[] unit = EmbeddingNormalizer.normalize(new float[] {0, 0, 0});
        assertThat(unit).containsExactly(0f, 0f, 0f);
        assertThat(EmbeddingNormalizer.similarity(new float[] {0, 0}, new float[] {1, 2})).isEqualTo(0.0);
    }
}
