package dev.numguard.examples.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class EluTest {

    @Test
    void identityForPositiveInputs() {
        Elu elu = new Elu();
        assertThat(elu.apply(2.5)).isEqualTo(2.5);
        assertThat(elu.derivative(2.5)).isEqualTo(1.0);
    }

    @Test
    void exponentialBranchForNegativeInputs() {
        assertThat(new Elu().apply(-1)).isCloseTo(-0.6321205588285577, within(1e-16));
        assertThat(new Elu(2).apply(-1)).isCloseTo(-1.2642411176571153, within(1e-15));
        assertThat(new Elu().derivative(-1)).isCloseTo(Math.exp(-1), within(0.0));
        assertThat(new Elu().apply(0)).isEqualTo(0.0);
    }

    @Test
    void saturatesAtMinusAlpha() {
        assertThat(new Elu(1.5).apply(-800)).isEqualTo(-1.5);
    }

    @Test
    void forwardAppliesElementWise() {
        assertThat(new Elu().forward(new double[] {3, 0, -800})).containsExactly(3.0, 0.0, -1.0);
    }

    @Test
    void propagatesNaN() {
        assertThat(new Elu().apply(Double.NaN)).isNaN();
    }

    @Test
    void rejectsNonPositiveAlpha() {
        assertThatThrownBy(() -> new Elu(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Tag("hostile")
    void isTheIdentityToFullPrecisionJustBelowZero() {
        // elu(x) = exp(x) - 1 = x + x²/2 + ...: for tiny x it must still be x, not 0 or x with noise
        Elu elu = new Elu();
        assertThat(elu.apply(-1e-12)).isCloseTo(-9.999999999995e-13, within(1e-27));
        assertThat(elu.apply(-1e-17)).isCloseTo(-1e-17, within(1e-32));
        assertThat(elu.apply(-Double.MIN_NORMAL)).isEqualTo(-Double.MIN_NORMAL);
    }
}
