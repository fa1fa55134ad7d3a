package dev.numguard.examples.mixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class GaussianMixtureTest {

    /** log(1 / sqrt(2 pi)): the log density of the standard normal at its mean. */
    private static final double LOG_STANDARD_NORMAL_AT_ZERO = -0.9189385332046728;

    private static GaussianMixture standardNormal() {
        return new GaussianMixture(new double[] {1}, new double[] {0}, new double[] {1});
    }

    private static GaussianMixture twoComponents() {
        return new GaussianMixture(new double[] {0.3, 0.7}, new double[] {0, 2}, new double[] {1, 0.5});
    }

    @Test
    void singleComponentIsTheNormalLogDensity() {
        assertThat(standardNormal().logDensity(0)).isCloseTo(LOG_STANDARD_NORMAL_AT_ZERO, within(1e-15));
        assertThat(standardNormal().logDensity(2)).isCloseTo(LOG_STANDARD_NORMAL_AT_ZERO - 2, within(1e-15));
    }

    @Test
    void twoComponentLogDensity() {
        GaussianMixture mixture = twoComponents();
        assertThat(mixture.logDensity(1)).isCloseTo(-1.5238161438437934, within(1e-14));
        assertThat(mixture.logDensity(2.5)).isCloseTo(-1.1620877182063292, within(1e-14));
        assertThat(mixture.logDensity(-3)).isCloseTo(-6.622911333405315, within(1e-14));
    }

    @Test
    void logLikelihoodSumsOverTheData() {
        GaussianMixture mixture = twoComponents();
        assertThat(mixture.logLikelihood(new double[] {1, 2.5, -3}))
                .isCloseTo(-1.5238161438437934 - 1.1620877182063292 - 6.622911333405315, within(1e-13));
        assertThat(mixture.meanLogLikelihood(new double[] {1, 2.5}))
                .isCloseTo((-1.5238161438437934 - 1.1620877182063292) / 2, within(1e-14));
        assertThat(mixture.logLikelihood(new double[0])).isEqualTo(0.0);
    }

    @Test
    void rejectsInvalidParameters() {
        assertThatThrownBy(() -> new GaussianMixture(new double[] {1}, new double[] {0}, new double[] {0}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GaussianMixture(new double[] {1, 0}, new double[] {0}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Tag("hostile")
    void logDensityFarInTheTailIsFinite() {
        // 40 standard deviations out the density is e^-800 / sqrt(2 pi): below the smallest double
        assertThat(standardNormal().logDensity(40)).isCloseTo(LOG_STANDARD_NORMAL_AT_ZERO - 800, within(1e-12));
    }

    @Test
    @Tag("hostile")
    void oneOutlierDoesNotMakeTheLogLikelihoodMinusInfinity() {
        GaussianMixture mixture = new GaussianMixture(new double[] {0.5, 0.5}, new double[] {0, 5}, new double[] {1, 1});
        assertThat(mixture.logDensity(100)).isCloseTo(-4514.112085713765, within(1e-9));
        double typical = mixture.logLikelihood(new double[] {0.1, 4.8});
        assertThat(mixture.logLikelihood(new double[] {0.1, 4.8, 100}))
                .isCloseTo(typical - 4514.112085713765, within(1e-9));
    }
}
