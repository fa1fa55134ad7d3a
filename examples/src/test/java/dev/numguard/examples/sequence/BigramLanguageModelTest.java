package dev.numguard.examples.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class BigramLanguageModelTest {

    /** A model over 10 tokens in which every token has probability 0.1 whatever came before. */
    private static BigramLanguageModel uniformOverTenTokens() {
        double[] initial = new double[10];
        Arrays.fill(initial, 0.1);
        double[][] transition = new double[10][];
        for (int u = 0; u < 10; u++) {
            transition[u] = initial.clone();
        }
        return new BigramLanguageModel(initial, transition);
    }

    private static int[] tokens(int length) {
        int[] tokens = new int[length];
        for (int i = 0; i < length; i++) {
            tokens[i] = (7 * i + 3) % 10;
        }
        return tokens;
    }

    @Test
    void logLikelihoodOfAShortSentence() {
        // 20 tokens of probability 0.1: 20 ln 0.1
        assertThat(uniformOverTenTokens().logLikelihood(tokens(20))).isCloseTo(-46.051701859880914, within(1e-12));
    }

    @Test
    void perplexityOfTheUniformModelIsTheVocabularySize() {
        assertThat(uniformOverTenTokens().perplexity(tokens(20))).isCloseTo(10.0, within(1e-12));
    }

    @Test
    void emptySequenceHasLogLikelihoodZero() {
        assertThat(uniformOverTenTokens().logLikelihood(new int[0])).isEqualTo(0.0);
    }

    @Test
    void fitsSmoothedBigramProbabilities() {
        int[][] corpus = {{0, 1, 1}, {0, 2}};
        BigramLanguageModel model = BigramLanguageModel.fit(corpus, 3, 1.0);
        // from token 0: one 0→1 and one 0→2, so (0+1)/(2+3), (1+1)/(2+3), (1+1)/(2+3)
        assertThat(model.transitionProbability(0, 0)).isCloseTo(0.2, within(1e-15));
        assertThat(model.transitionProbability(0, 1)).isCloseTo(0.4, within(1e-15));
        // first tokens: two 0s, so P(t1 = 0) = (2+1)/(2+3)
        assertThat(model.logLikelihood(new int[] {0})).isCloseTo(Math.log(0.6), within(1e-15));
        assertThat(model.logLikelihood(new int[] {0, 1, 1}))
                .isCloseTo(Math.log(0.6) + Math.log(0.4) + Math.log(2.0 / 4.0), within(1e-15));
    }

    @Test
    void impossibleTransitionHasLogLikelihoodMinusInfinity() {
        BigramLanguageModel model = new BigramLanguageModel(new double[] {1, 0}, new double[][] {{1, 0}, {0.5, 0.5}});
        assertThat(model.logLikelihood(new int[] {0, 1})).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void rejectsTokensOutsideTheVocabulary() {
        assertThatThrownBy(() -> uniformOverTenTokens().logLikelihood(new int[] {3, 10}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Tag("hostile")
    void logLikelihoodOfALongDocumentIsFinite() {
        // 400 tokens of probability 0.1: the probability 1e-400 is below the smallest double
        assertThat(uniformOverTenTokens().logLikelihood(tokens(400))).isCloseTo(-921.0340371976183, within(1e-9));
    }

    @Test
    @Tag("hostile")
    void perplexityDoesNotDependOnTheDocumentLength() {
        assertThat(uniformOverTenTokens().perplexity(tokens(400))).isCloseTo(10.0, within(1e-9));
        assertThat(uniformOverTenTokens().perplexity(tokens(5000))).isCloseTo(10.0, within(1e-9));
    }
}
