package dev.numguard.guards;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Checks an analytic gradient against central differences, the way {@code
 * torch.autograd.gradcheck} does.
 *
 * <p>For every parameter array {@code p} and every index {@code j}, the numeric derivative is
 *
 * <pre>{@code (f(p[j] + eps) - f(p[j] - eps)) / (2 * eps)}</pre>
 *
 * with all other entries held at their original values, and an entry passes when
 *
 * <pre>{@code |analytic - numeric| <= atol + rtol * |numeric|}</pre>
 *
 * which is {@code torch.allclose(analytic, numeric, rtol, atol)}. The defaults are PyTorch's:
 * {@code eps = 1e-6}, {@code atol = 1e-5}, {@code rtol = 1e-3}.
 *
 * <p>Edge semantics, as in {@code torch.allclose}: a NaN on either side never passes; two infinities
 * of the same sign pass; an infinity against anything else fails. The caller's arrays are never
 * modified: the function and the analytic gradient are evaluated on copies.
 *
 * <p>Central differences with {@code eps = 1e-6} lose about half of double precision to rounding,
 * so the tolerances are meant for double-precision functions; a function computed in float needs a
 * much larger {@code eps} and {@code atol}.
 *
 * <p>Instances are immutable and thread-safe; the functions they call need not be.
 */
public final class GradientCheck {

  /** PyTorch's default finite-difference step. */
  public static final double DEFAULT_EPS = 1e-6;
  /** PyTorch's default absolute tolerance. */
  public static final double DEFAULT_ATOL = 1e-5;
  /** PyTorch's default relative tolerance. */
  public static final double DEFAULT_RTOL = 1e-3;

  private static final GradientCheck DEFAULTS =
      new GradientCheck(DEFAULT_EPS, DEFAULT_ATOL, DEFAULT_RTOL);

  /** A scalar function of one or more parameter arrays. */
  @FunctionalInterface
  public interface ScalarFunction {
    /**
     * Evaluates the function.
     *
     * @param parameters the parameter arrays, in the order given to the check
     * @return the function value
     */
    double value(double[][] parameters);
  }

  /** The analytic gradient of a {@link ScalarFunction}. */
  @FunctionalInterface
  public interface GradientFunction {
    /**
     * Evaluates the gradient.
     *
     * @param parameters the parameter arrays, in the order given to the check
     * @return one array per parameter, each the length of that parameter: {@code d f / d p[j]}
     */
    double[][] gradient(double[][] parameters);
  }

  /** A vector-valued function of one or more parameter arrays. */
  @FunctionalInterface
  public interface VectorFunction {
    /**
     * Evaluates the function.
     *
     * @param parameters the parameter arrays, in the order given to the check
     * @return the outputs; the length must not depend on the parameter values
     */
    double[] value(double[][] parameters);
  }

  /** The analytic Jacobian of a {@link VectorFunction}. */
  @FunctionalInterface
  public interface JacobianFunction {
    /**
     * Evaluates the Jacobian.
     *
     * @param parameters the parameter arrays, in the order given to the check
     * @return indexed {@code [parameter][output][index]}: {@code d out[output] / d
     *     parameters[parameter][index]}
     */
    double[][][] jacobian(double[][] parameters);
  }

  /**
   * One entry whose analytic derivative is not close to the numeric one.
   *
   * <p>Components:
   * <br>{@code parameter}: which parameter array (0-based, in the order given to the check)
   * <br>{@code output}: which output (always 0 for a scalar function)
   * <br>{@code index}: which entry of that parameter array
   * <br>{@code analytic}: the caller's derivative
   * <br>{@code numeric}: the central-difference estimate
   * <br>{@code tolerance}: {@code atol + rtol * |numeric|}, the largest difference that would have passed
   */
  public static final class Mismatch {
    private final int parameter;
    private final int output;
    private final int index;
    private final double analytic;
    private final double numeric;
    private final double tolerance;

    public Mismatch(
        int parameter, int output, int index, double analytic, double numeric, double tolerance) {
      this.parameter = parameter;
      this.output = output;
      this.index = index;
      this.analytic = analytic;
      this.numeric = numeric;
      this.tolerance = tolerance;
    }

    /** Which parameter array (0-based). */
    public int parameter() {
      return parameter;
    }

    /** Which output (0 for a scalar function). */
    public int output() {
      return output;
    }

    /** Which entry of the parameter array. */
    public int index() {
      return index;
    }

    /** The caller's derivative. */
    public double analytic() {
      return analytic;
    }

    /** The central-difference estimate. */
    public double numeric() {
      return numeric;
    }

    /** The largest difference that would have passed. */
    public double tolerance() {
      return tolerance;
    }

    @Override
    public boolean equals(Object other) {
      if (!(other instanceof Mismatch)) {
        return false;
      }
      Mismatch o = (Mismatch) other;
      return parameter == o.parameter
          && output == o.output
          && index == o.index
          && Double.compare(analytic, o.analytic) == 0
          && Double.compare(numeric, o.numeric) == 0
          && Double.compare(tolerance, o.tolerance) == 0;
    }

    @Override
    public int hashCode() {
      return Objects.hash(parameter, output, index, analytic, numeric, tolerance);
    }

    /** {@code |analytic - numeric|}; NaN when either is NaN. */
    public double difference() {
      return Math.abs(analytic - numeric);
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "parameter %d, output %d, index %d: analytic %s, numeric %s (|difference| %s > tolerance %s)",
          parameter,
          output,
          index,
          analytic,
          numeric,
          difference(),
          tolerance);
    }
  }

  /**
   * The outcome of a check.
   *
   * <p>Components:
   * <br>{@code checkedEntries}: how many (output, parameter entry) pairs were compared
   * <br>{@code mismatches}: the entries that failed, in parameter, output, index order
   */
  public static final class Result {
    private final int checkedEntries;
    private final List<Mismatch> mismatches;

    /** Copies the mismatch list. */
    public Result(int checkedEntries, List<Mismatch> mismatches) {
      this.checkedEntries = checkedEntries;
      this.mismatches = Collections.unmodifiableList(new ArrayList<>(mismatches));
    }

    /** How many (output, parameter entry) pairs were compared. */
    public int checkedEntries() {
      return checkedEntries;
    }

    /** The entries that failed, in parameter, output, index order; unmodifiable. */
    public List<Mismatch> mismatches() {
      return mismatches;
    }

    @Override
    public boolean equals(Object other) {
      if (!(other instanceof Result)) {
        return false;
      }
      Result o = (Result) other;
      return checkedEntries == o.checkedEntries && mismatches.equals(o.mismatches);
    }

    @Override
    public int hashCode() {
      return 31 * checkedEntries + mismatches.hashCode();
    }

    @Override
    public String toString() {
      return "Result[checkedEntries=" + checkedEntries + ", mismatches=" + mismatches + "]";
    }

    /** Whether every compared entry was close. */
    public boolean passed() {
      return mismatches.isEmpty();
    }

    /**
     * Returns this result if it passed.
     *
     * @return this
     * @throws GradientCheckException listing every mismatch if any entry failed
     */
    public Result orThrow() {
      if (passed()) {
        return this;
      }
      StringBuilder message = new StringBuilder();
      message
          .append("Gradient check failed: ")
          .append(mismatches.size())
          .append(" of ")
          .append(checkedEntries)
          .append(" entries differ from central differences");
      for (Mismatch mismatch : mismatches) {
        message.append(System.lineSeparator()).append("  ").append(mismatch);
      }
      throw new GradientCheckException(message.toString(), mismatches);
    }
  }

  private final double eps;
  private final double atol;
  private final double rtol;

  private GradientCheck(double eps, double atol, double rtol) {
    this.eps = eps;
    this.atol = atol;
    this.rtol = rtol;
  }

  /** A checker with PyTorch's defaults: {@code eps = 1e-6, atol = 1e-5, rtol = 1e-3}. */
  public static GradientCheck defaults() {
    return DEFAULTS;
  }

  /**
   * A checker with the given settings.
   *
   * @param eps the finite-difference step; finite and greater than 0
   * @param atol the absolute tolerance; finite and at least 0
   * @param rtol the relative tolerance; finite and at least 0
   * @throws IllegalArgumentException if a setting is out of range
   */
  public static GradientCheck of(double eps, double atol, double rtol) {
    if (!(eps > 0) || !Double.isFinite(eps)) {
      throw new IllegalArgumentException("eps must be finite and > 0, got " + eps);
    }
    if (!(atol >= 0) || !Double.isFinite(atol)) {
      throw new IllegalArgumentException("atol must be finite and >= 0, got " + atol);
    }
    if (!(rtol >= 0) || !Double.isFinite(rtol)) {
      throw new IllegalArgumentException("rtol must be finite and >= 0, got " + rtol);
    }
    return new GradientCheck(eps, atol, rtol);
  }

  /** This checker with another finite-difference step. */
  public GradientCheck withEps(double newEps) {
    return of(newEps, atol, rtol);
  }

  /** This checker with another absolute tolerance. */
  public GradientCheck withAtol(double newAtol) {
    return of(eps, newAtol, rtol);
  }

  /** This checker with another relative tolerance. */
  public GradientCheck withRtol(double newRtol) {
    return of(eps, atol, newRtol);
  }

  /** The finite-difference step. */
  public double eps() {
    return eps;
  }

  /** The absolute tolerance. */
  public double atol() {
    return atol;
  }

  /** The relative tolerance. */
  public double rtol() {
    return rtol;
  }

  /**
   * Compares the analytic gradient of a scalar function with central differences.
   *
   * @param function the function; called {@code 2 * (total number of entries)} times
   * @param gradient the analytic gradient, called once at the unperturbed parameters
   * @param parameters one or more parameter arrays (empty arrays are allowed and check nothing)
   * @return every mismatch; {@link Result#passed()} when there is none
   * @throws NullPointerException if an argument or a parameter array is null
   * @throws IllegalArgumentException if no parameter is given, or the gradient's shape does not
   *     match the parameters
   */
  public Result check(ScalarFunction function, GradientFunction gradient, double[]... parameters) {
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(gradient, "gradient");
    double[][] point = copyOf(parameters);
    double[][] analytic = gradient.gradient(copyOf(point));
    requireShape(analytic, point, "gradient");

    List<Mismatch> mismatches = new ArrayList<>();
    int checked = 0;
    for (int p = 0; p < point.length; p++) {
      double[] values = point[p];
      for (int j = 0; j < values.length; j++) {
        double original = values[j];
        values[j] = original - eps;
        double below = function.value(point);
        values[j] = original + eps;
        double above = function.value(point);
        values[j] = original;
        double numeric = (above - below) / (2 * eps);
        checked++;
        compare(p, 0, j, analytic[p][j], numeric, mismatches);
      }
    }
    return new Result(checked, mismatches);
  }

  /**
   * Compares the analytic Jacobian of a vector function with central differences.
   *
   * @param function the function; its output length must be the same at every point
   * @param jacobian the analytic Jacobian, indexed {@code [parameter][output][index]}, called once
   *     at the unperturbed parameters
   * @param parameters one or more parameter arrays
   * @return every mismatch; {@link Result#passed()} when there is none
   * @throws NullPointerException if an argument, a parameter array or an output is null
   * @throws IllegalArgumentException if no parameter is given, the Jacobian's shape does not match,
   *     or the function's output length changes between calls
   */
  public Result checkJacobian(
      VectorFunction function, JacobianFunction jacobian, double[]... parameters) {
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(jacobian, "jacobian");
    double[][] point = copyOf(parameters);
    int outputs = Objects.requireNonNull(function.value(point), "function output").length;
    double[][][] analytic = jacobian.jacobian(copyOf(point));
    Objects.requireNonNull(analytic, "jacobian");
    if (analytic.length != point.length) {
      throw new IllegalArgumentException(
          "jacobian has " + analytic.length + " parameter blocks, expected " + point.length);
    }
    for (int p = 0; p < point.length; p++) {
      double[][] block = Objects.requireNonNull(analytic[p], "jacobian block " + p);
      if (block.length != outputs) {
        throw new IllegalArgumentException(
            "jacobian block " + p + " has " + block.length + " outputs, expected " + outputs);
      }
      for (int o = 0; o < outputs; o++) {
        double[] row = Objects.requireNonNull(block[o], "jacobian row");
        if (row.length != point[p].length) {
          throw new IllegalArgumentException(
              "jacobian["
                  + p
                  + "]["
                  + o
                  + "] has length "
                  + row.length
                  + ", expected "
                  + point[p].length);
        }
      }
    }

    // Collect per (parameter, index) so mismatches can be reported in parameter, output, index
    // order without evaluating the function more than twice per entry.
    List<Mismatch> mismatches = new ArrayList<>();
    int checked = 0;
    for (int p = 0; p < point.length; p++) {
      double[] values = point[p];
      double[][] numeric = new double[outputs][values.length];
      for (int j = 0; j < values.length; j++) {
        double original = values[j];
        values[j] = original - eps;
        double[] below = evaluate(function, point, outputs);
        values[j] = original + eps;
        double[] above = evaluate(function, point, outputs);
        values[j] = original;
        for (int o = 0; o < outputs; o++) {
          numeric[o][j] = (above[o] - below[o]) / (2 * eps);
        }
      }
      for (int o = 0; o < outputs; o++) {
        for (int j = 0; j < values.length; j++) {
          checked++;
          compare(p, o, j, analytic[p][o][j], numeric[o][j], mismatches);
        }
      }
    }
    return new Result(checked, mismatches);
  }

  /**
   * Like {@link #check} but throws when any entry mismatches, like {@code gradcheck} with {@code
   * raise_exception=True}.
   *
   * @throws GradientCheckException listing every mismatching entry
   */
  public void verify(ScalarFunction function, GradientFunction gradient, double[]... parameters) {
    check(function, gradient, parameters).orThrow();
  }

  /**
   * Like {@link #checkJacobian} but throws when any entry mismatches.
   *
   * @throws GradientCheckException listing every mismatching entry
   */
  public void verifyJacobian(
      VectorFunction function, JacobianFunction jacobian, double[]... parameters) {
    checkJacobian(function, jacobian, parameters).orThrow();
  }

  private void compare(
      int parameter, int output, int index, double analytic, double numeric, List<Mismatch> out) {
    double tolerance = atol + rtol * Math.abs(numeric);
    boolean close;
    if (Double.isInfinite(analytic) || Double.isInfinite(numeric)) {
      close = analytic == numeric; // allclose: only an identical infinity is close to an infinity
    } else {
      close = Math.abs(analytic - numeric) <= tolerance; // false when either is NaN
    }
    if (!close) {
      out.add(new Mismatch(parameter, output, index, analytic, numeric, tolerance));
    }
  }

  private static double[] evaluate(VectorFunction function, double[][] point, int outputs) {
    double[] value = Objects.requireNonNull(function.value(point), "function output");
    if (value.length != outputs) {
      throw new IllegalArgumentException(
          "function output length changed from " + outputs + " to " + value.length);
    }
    return value;
  }

  private static double[][] copyOf(double[][] parameters) {
    Objects.requireNonNull(parameters, "parameters");
    if (parameters.length == 0) {
      throw new IllegalArgumentException("at least one parameter array is required");
    }
    double[][] copy = new double[parameters.length][];
    for (int p = 0; p < parameters.length; p++) {
      copy[p] = Objects.requireNonNull(parameters[p], "parameter " + p).clone();
    }
    return copy;
  }

  private static void requireShape(double[][] gradient, double[][] point, String what) {
    Objects.requireNonNull(gradient, what);
    if (gradient.length != point.length) {
      throw new IllegalArgumentException(
          what + " has " + gradient.length + " arrays, expected " + point.length);
    }
    for (int p = 0; p < point.length; p++) {
      Objects.requireNonNull(gradient[p], what + " array " + p);
      if (gradient[p].length != point[p].length) {
        throw new IllegalArgumentException(
            what
                + " array "
                + p
                + " has length "
                + gradient[p].length
                + ", expected "
                + point[p].length);
      }
    }
  }
}
