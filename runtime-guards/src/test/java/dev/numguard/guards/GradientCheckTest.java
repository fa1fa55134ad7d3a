package dev.numguard.guards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GradientCheckTest {

  /** f(x, w) = sum_i w_i * x_i^2 + sin(x_0) * w_1. */
  private static double weightedSquares(double[][] p) {
    double[] x = p[0];
    double[] w = p[1];
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += w[i] * x[i] * x[i];
    }
    return sum + Math.sin(x[0]) * w[1];
  }

  private static double[][] weightedSquaresGradient(double[][] p) {
    double[] x = p[0];
    double[] w = p[1];
    double[] dx = new double[x.length];
    double[] dw = new double[w.length];
    for (int i = 0; i < x.length; i++) {
      dx[i] = 2 * w[i] * x[i];
      dw[i] = x[i] * x[i];
    }
    dx[0] += Math.cos(x[0]) * w[1];
    dw[1] += Math.sin(x[0]);
    return new double[][] {dx, dw};
  }

  @Test
  void defaultsArePyTorchs() {
    GradientCheck check = GradientCheck.defaults();
    assertThat(check.eps()).isEqualTo(1e-6);
    assertThat(check.atol()).isEqualTo(1e-5);
    assertThat(check.rtol()).isEqualTo(1e-3);
  }

  @Test
  void correctGradientOfSeveralParametersPasses() {
    double[] x = {0.5, -1.25, 3.0};
    double[] w = {2.0, -0.75, 1.5};
    GradientCheck.Result result =
        GradientCheck.defaults()
            .check(GradientCheckTest::weightedSquares, GradientCheckTest::weightedSquaresGradient, x, w);
    assertThat(result.passed()).isTrue();
    assertThat(result.mismatches()).isEmpty();
    assertThat(result.checkedEntries()).isEqualTo(6);
    assertThat(result.orThrow()).isSameAs(result);
  }

  @Test
  void wrongEntryIsReportedAtItsParameterAndIndexWithBothValues() {
    double[] x = {0.5, -1.25, 3.0};
    double[] w = {2.0, -0.75, 1.5};
    GradientCheck.GradientFunction wrong =
        p -> {
          double[][] g = weightedSquaresGradient(p);
          g[1][2] = 7.0; // true value is x_2^2 = 9
          return g;
        };
    GradientCheck.Result result =
        GradientCheck.defaults().check(GradientCheckTest::weightedSquares, wrong, x, w);

    assertThat(result.passed()).isFalse();
    assertThat(result.mismatches()).hasSize(1);
    GradientCheck.Mismatch mismatch = result.mismatches().get(0);
    assertThat(mismatch.parameter()).isEqualTo(1);
    assertThat(mismatch.output()).isZero();
    assertThat(mismatch.index()).isEqualTo(2);
    assertThat(mismatch.analytic()).isEqualTo(7.0);
    assertThat(mismatch.numeric()).isCloseTo(9.0, within(1e-8));
    assertThat(mismatch.tolerance()).isEqualTo(1e-5 + 1e-3 * Math.abs(mismatch.numeric()));
    assertThat(mismatch.difference()).isCloseTo(2.0, within(1e-8));

    assertThatThrownBy(result::orThrow)
        .isInstanceOf(GradientCheckException.class)
        .hasMessageContaining("1 of 6 entries")
        .hasMessageContaining("parameter 1, output 0, index 2: analytic 7.0, numeric 8.99999999")
        .satisfies(
            e -> assertThat(((GradientCheckException) e).mismatches()).containsExactly(mismatch));
  }

  @Test
  void everyWrongEntryIsReportedInParameterOrder() {
    double[] x = {1.0, 2.0};
    double[] w = {1.0, 1.0};
    GradientCheck.GradientFunction allWrong =
        p -> {
          double[][] g = weightedSquaresGradient(p);
          g[0][0] += 1;
          g[0][1] -= 1;
          g[1][0] *= -1;
          return g;
        };
    GradientCheck.Result result =
        GradientCheck.defaults().check(GradientCheckTest::weightedSquares, allWrong, x, w);
    assertThat(result.mismatches())
        .extracting(GradientCheck.Mismatch::parameter, GradientCheck.Mismatch::index)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0, 0),
            org.assertj.core.groups.Tuple.tuple(0, 1),
            org.assertj.core.groups.Tuple.tuple(1, 0));
  }

  @Test
  void toleranceIsAtolPlusRtolTimesNumeric() {
    // f(x) = 2x at x = 0: 2*(+eps) and 2*(-eps) are exact, so the numeric derivative is exactly 2
    // and the tolerance exactly 1e-5 + 1e-3 * 2 = 0.00201.
    GradientCheck.ScalarFunction twice = p -> 2 * p[0][0];
    GradientCheck.Result justInside =
        GradientCheck.defaults().check(twice, p -> new double[][] {{2.002}}, new double[] {0});
    assertThat(justInside.passed()).isTrue();

    GradientCheck.Result justOutside =
        GradientCheck.defaults().check(twice, p -> new double[][] {{2.0021}}, new double[] {0});
    assertThat(justOutside.passed()).isFalse();
    assertThat(justOutside.mismatches().get(0).numeric()).isEqualTo(2.0);
    assertThat(justOutside.mismatches().get(0).tolerance()).isEqualTo(1e-5 + 1e-3 * 2.0);

    GradientCheck loose = GradientCheck.defaults().withRtol(1e-2);
    assertThat(loose.check(twice, p -> new double[][] {{2.0021}}, new double[] {0}).passed())
        .isTrue();
  }

  @Test
  void nanNeverPassesAndOnlyTheSameInfinityIsClose() {
    GradientCheck check = GradientCheck.defaults();
    GradientCheck.ScalarFunction square = p -> p[0][0] * p[0][0];
    assertThat(check.check(square, p -> new double[][] {{Double.NaN}}, new double[] {1}).passed())
        .isFalse();

    GradientCheck.ScalarFunction nanFunction = p -> Double.NaN;
    assertThat(check.check(nanFunction, p -> new double[][] {{0}}, new double[] {1}).passed())
        .isFalse();

    // A step to +Infinity above x = 0: the numeric derivative is +Infinity.
    GradientCheck.ScalarFunction step = p -> p[0][0] > 0 ? Double.POSITIVE_INFINITY : 0;
    assertThat(
            check
                .check(step, p -> new double[][] {{Double.POSITIVE_INFINITY}}, new double[] {0})
                .passed())
        .isTrue();
    GradientCheck.Result negative =
        check.check(step, p -> new double[][] {{Double.NEGATIVE_INFINITY}}, new double[] {0});
    assertThat(negative.passed()).isFalse();
    assertThat(negative.mismatches().get(0).numeric()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(
            check.check(step, p -> new double[][] {{1e300}}, new double[] {0}).passed())
        .isFalse();
  }

  @Test
  void callerArraysAreNeverModifiedAndEachEntryIsPerturbedFromItsOriginalValue() {
    double[] x = {0.1, 0.2, 0.3};
    double[] snapshot = x.clone();
    AtomicInteger calls = new AtomicInteger();
    GradientCheck.ScalarFunction sum =
        p -> {
          calls.incrementAndGet();
          int perturbed = 0;
          for (int i = 0; i < p[0].length; i++) {
            if (p[0][i] != snapshot[i]) {
              perturbed++;
              assertThat(Math.abs(p[0][i] - snapshot[i])).isCloseTo(1e-6, within(1e-15));
            }
          }
          assertThat(perturbed).isEqualTo(1);
          return p[0][0] + p[0][1] + p[0][2];
        };
    GradientCheck.GradientFunction gradient =
        p -> {
          p[0][1] = 1e9; // a misbehaving gradient may scribble on its argument
          return new double[][] {{1, 1, 1}};
        };
    GradientCheck.Result result = GradientCheck.defaults().check(sum, gradient, x);
    assertThat(result.passed()).isTrue();
    assertThat(x).containsExactly(snapshot);
    assertThat(calls.get()).isEqualTo(6);
  }

  @Test
  void emptyParameterChecksNothing() {
    GradientCheck.Result result =
        GradientCheck.defaults().check(p -> 1.0, p -> new double[][] {{}}, new double[0]);
    assertThat(result.passed()).isTrue();
    assertThat(result.checkedEntries()).isZero();
  }

  @Test
  void jacobianOfVectorFunction() {
    // out = [x0 * y0, x0 + x1^2, exp(y0)]
    GradientCheck.VectorFunction f =
        p -> new double[] {p[0][0] * p[1][0], p[0][0] + p[0][1] * p[0][1], Math.exp(p[1][0])};
    GradientCheck.JacobianFunction correct =
        p ->
            new double[][][] {
              {{p[1][0], 0}, {1, 2 * p[0][1]}, {0, 0}},
              {{p[0][0]}, {0}, {Math.exp(p[1][0])}}
            };
    double[] x = {1.5, -2.0};
    double[] y = {0.25};
    GradientCheck.Result ok = GradientCheck.defaults().checkJacobian(f, correct, x, y);
    assertThat(ok.passed()).isTrue();
    assertThat(ok.checkedEntries()).isEqualTo(3 * 2 + 3 * 1);

    GradientCheck.JacobianFunction wrong =
        p -> {
          double[][][] j = correct.jacobian(p);
          j[0][1][1] = 4.0; // true d out1 / d x1 = 2 * x1 = -4
          return j;
        };
    GradientCheck.Result bad = GradientCheck.defaults().checkJacobian(f, wrong, x, y);
    assertThat(bad.mismatches()).hasSize(1);
    GradientCheck.Mismatch m = bad.mismatches().get(0);
    assertThat(m.parameter()).isZero();
    assertThat(m.output()).isEqualTo(1);
    assertThat(m.index()).isEqualTo(1);
    assertThat(m.analytic()).isEqualTo(4.0);
    assertThat(m.numeric()).isCloseTo(-4.0, within(1e-8));
    assertThatThrownBy(() -> GradientCheck.defaults().verifyJacobian(f, wrong, x, y))
        .isInstanceOf(GradientCheckException.class)
        .hasMessageContaining("parameter 0, output 1, index 1: analytic 4.0");
  }

  @Test
  void verifyThrowsOnlyOnMismatch() {
    GradientCheck.ScalarFunction cube = p -> p[0][0] * p[0][0] * p[0][0];
    GradientCheck.defaults().verify(cube, p -> new double[][] {{3 * p[0][0] * p[0][0]}}, new double[] {2});
    assertThatThrownBy(
            () ->
                GradientCheck.defaults()
                    .verify(cube, p -> new double[][] {{2 * p[0][0] * p[0][0]}}, new double[] {2}))
        .isInstanceOf(GradientCheckException.class)
        .hasMessageContaining("parameter 0, output 0, index 0: analytic 8.0");
  }

  @Test
  void badArgumentsAreRejected() {
    GradientCheck check = GradientCheck.defaults();
    GradientCheck.ScalarFunction f = p -> 0;
    assertThatThrownBy(() -> check.check(f, p -> new double[0][]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one parameter");
    assertThatThrownBy(() -> check.check(f, p -> new double[][] {{1, 2}}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gradient array 0 has length 2, expected 1");
    assertThatThrownBy(
            () -> check.check(f, p -> new double[][] {{1}}, new double[] {1}, new double[] {2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gradient has 1 arrays, expected 2");
    assertThatThrownBy(() -> check.check(f, p -> null, new double[] {1}))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> check.check(f, p -> new double[][] {{1}}, (double[]) null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> check.check(null, p -> new double[][] {{1}}, new double[] {1}))
        .isInstanceOf(NullPointerException.class);

    int[] calls = {0};
    GradientCheck.VectorFunction shifting = p -> new double[++calls[0]];
    assertThatThrownBy(
            () ->
                check.checkJacobian(
                    shifting, p -> new double[][][] {{{0}}}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("output length changed");
    assertThatThrownBy(
            () ->
                check.checkJacobian(
                    p -> new double[2], p -> new double[][][] {{{0}}}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has 1 outputs, expected 2");

    assertThatThrownBy(() -> GradientCheck.of(0, 1e-5, 1e-3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GradientCheck.of(Double.NaN, 1e-5, 1e-3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GradientCheck.of(1e-6, -1, 1e-3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GradientCheck.of(1e-6, 1e-5, Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(GradientCheck.of(1e-3, 0, 0).eps()).isEqualTo(1e-3);
  }
}
