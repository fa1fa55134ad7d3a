package dev.numguard.examples.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class PairwiseRankerTest {

    @Test
    void preferenceIsTheSigmoidOfTheScoreDifference() {
        PairwiseRanker ranker = new PairwiseRanker(new double[] {2, -1});
        assertThat(ranker.score(new double[] {1, 1})).isEqualTo(1.0);
        // sigmoid(1 - 0)
        assertThat(ranker.preference(new double[] {1, 1}, new double[] {0, 0}))
                .isCloseTo(0.7310585786300049, within(1e-16));
    }

    @Test
    void pairLossIsTheCrossEntropyOfTheTargetPreference() {
        PairwiseRanker ranker = new PairwiseRanker(new double[] {1});
        // softplus(-1), softplus(1) and their mean for a tie
        assertThat(ranker.pairLoss(new double[] {1}, new double[] {0}, 1)).isCloseTo(0.3132616875182228, within(1e-15));
        assertThat(ranker.pairLoss(new double[] {1}, new double[] {0}, 0)).isCloseTo(1.3132616875182228, within(1e-15));
        assertThat(ranker.pairLoss(new double[] {1}, new double[] {0}, 0.5)).isCloseTo(0.8132616875182228, within(1e-15));
    }

    @Test
    void marginPenaltyIsASmoothHinge() {
        PairwiseRanker ranker = new PairwiseRanker(new double[] {1});
        // softplus(1 - 3) and softplus(1 - (-3))
        assertThat(ranker.marginPenalty(new double[] {3}, new double[] {0}, 1)).isCloseTo(0.1269280110429725, within(1e-15));
        assertThat(ranker.marginPenalty(new double[] {-3}, new double[] {0}, 1)).isCloseTo(4.0181499279178094, within(1e-15));
    }

    @Test
    void trainingOrdersItemsByTheirPreferences() {
        double[][] better = {{2, 1}, {1.5, 2}, {3, 0.5}};
        double[][] worse = {{-2, -1}, {-1, -2.5}, {-3, 0}};
        PairwiseRanker ranker = new PairwiseRanker(2);
        for (int epoch = 0; epoch < 100; epoch++) {
            for (int i = 0; i < better.length; i++) {
                ranker.trainStep(better[i], worse[i], 1, 0.1);
            }
        }
        for (int i = 0; i < better.length; i++) {
            assertThat(ranker.preference(better[i], worse[i])).isGreaterThan(0.9);
            assertThat(ranker.pairLoss(better[i], worse[i], 1)).isLessThan(0.1);
        }
    }

    @Test
    @Tag("hostile")
    void confidentPairsKeepAFiniteLoss() {
        PairwiseRanker ranker = new PairwiseRanker(new double[] {1});
        double[] top = {50};
        double[] bottom = {0};
        // score difference 50: sigmoid(50) rounds to 1, but the loss is softplus(-50) = 1.9287498479639178e-22
        // when the order is right, and softplus(50) = 50 when it is wrong
        assertThat(ranker.pairLoss(top, bottom, 1)).isCloseTo(1.9287498479639178e-22, within(1e-34));
        assertThat(ranker.pairLoss(top, bottom, 0)).isCloseTo(50.0, within(1e-13));
        assertThat(ranker.pairLoss(bottom, top, 0)).isCloseTo(1.9287498479639178e-22, within(1e-34));
    }

    @Test
    @Tag("hostile")
    void marginPenaltyOfABadlyMisorderedPairGrowsLinearly() {
        PairwiseRanker ranker = new PairwiseRanker(new double[] {1});
        // softplus(1 - (-1000)) = 1001 to double precision; exp(1001) overflows
        assertThat(ranker.marginPenalty(new double[] {-1000}, new double[] {0}, 1)).isCloseTo(1001.0, within(1e-12));
    }
}
