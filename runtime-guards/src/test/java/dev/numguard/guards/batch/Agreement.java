package dev.numguard.guards.batch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Equality up to a number of units in the last place, exact on the special values: NaN only
 * matches NaN, an infinity only the same infinity, and a result that should be 0 must be 0 (or
 * within {@code ulps} of the smallest subnormal).
 */
public final class Agreement {
  private Agreement() {}

  public static void assertWithinUlps(double actual, double expected, double ulps, String where) {
    if (Double.isNaN(expected)) {
      assertThat(actual).as(where + ": expected NaN").isNaN();
      return;
    }
    if (Double.isInfinite(expected)) {
      assertThat(actual).as(where).isEqualTo(expected);
      return;
    }
    double tolerance = ulps * Math.max(Math.ulp(expected), Double.MIN_VALUE);
    assertThat(Math.abs(actual - expected))
        .as("%s: actual %s, expected %s (tolerance %s ulps)", where, actual, expected, ulps)
        .isLessThanOrEqualTo(tolerance);
  }

  public static void assertWithinUlps(float actual, float expected, double ulps, String where) {
    if (Float.isNaN(expected)) {
      assertThat(actual).as(where + ": expected NaN").isNaN();
      return;
    }
    if (Float.isInfinite(expected)) {
      assertThat(actual).as(where).isEqualTo(expected);
      return;
    }
    double tolerance = ulps * Math.max(Math.ulp(expected), Float.MIN_VALUE);
    assertThat((double) Math.abs(actual - expected))
        .as("%s: actual %s, expected %s (tolerance %s ulps)", where, actual, expected, ulps)
        .isLessThanOrEqualTo(tolerance);
  }

  /** Absolute-or-relative agreement for results whose rounding differs by summation order. */
  public static void assertClose(double actual, double expected, double relative, double absolute, String where) {
    if (Double.isNaN(expected) || Double.isInfinite(expected)) {
      assertWithinUlps(actual, expected, 0, where);
      return;
    }
    double tolerance = Math.max(absolute, relative * Math.abs(expected));
    assertThat(Math.abs(actual - expected))
        .as("%s: actual %s, expected %s (tolerance %s)", where, actual, expected, tolerance)
        .isLessThanOrEqualTo(tolerance);
  }
}
