package dev.numguard.rules.idioms.moments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PowerSumTest {
    @Test
    void aProductIsTheSameTermInEitherOrder() {
        assertThat(PowerSum.second("y[]", "x[]")).isEqualTo(PowerSum.second("x[]", "y[]"));
        assertThat(PowerSum.second("x[]", "y[]").values()).containsExactly("x[]", "y[]");
        assertThat(PowerSum.second("x[]", "x[]")).isNotEqualTo(PowerSum.first("x[]"));
    }

    @Test
    void valuesThatContainOperatorsStayWhole() {
        // the textual form could not be split back at '*'; the typed term never is
        PowerSum term = PowerSum.second("f(a*b)", "c[]");
        assertThat(term.values()).containsExactly("c[]", "f(a*b)");
        assertThat(term.degree()).isEqualTo(2);
    }

    @Test
    void firstSumsSortBeforeSecondSums() {
        List<PowerSum> sorted = List.of(PowerSum.second("a[]", "a[]"), PowerSum.first("z[]"), PowerSum.first("b[]"))
                .stream().sorted().toList();
        assertThat(sorted).extracting(PowerSum::toString).containsExactly("S1(b[])", "S1(z[])", "S2(a[]*a[])");
    }

    @Test
    void aWeightedTermKeepsEveryFactor() {
        assertThatThrownBy(() -> new PowerSum(List.of())).isInstanceOf(IllegalArgumentException.class);
        PowerSum weighted = new PowerSum(List.of("x[]", "w[]", "x[]"));
        assertThat(weighted.degree()).isEqualTo(3);
        assertThat(weighted.values()).containsExactly("w[]", "x[]", "x[]");
        assertThat(weighted.minus(PowerSum.second("x[]", "x[]"))).containsExactly("w[]");
        assertThat(PowerSum.first("w[]").with("x[]")).isEqualTo(PowerSum.second("x[]", "w[]"));
    }
}
