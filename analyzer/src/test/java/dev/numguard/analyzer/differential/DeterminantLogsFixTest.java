package dev.numguard.analyzer.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.numguard.rules.fixtures.RuleFixture;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * LogOfProduct's fix of the log of a product with determinants as factors (the DeterminantOfArray
 * fixture and its fixed twin, compiled and run) on covariance matrices {@code L·Lᵀ} built from a
 * lower-triangular {@code L} with a chosen diagonal, whose log-determinant is
 * {@code 2·Σ log l_ii} (up to the rounding of forming {@code L·Lᵀ}). On small matrices both
 * versions give that value; on 300 dimensions of scale 0.1 or 10 the determinants are 10^-600 or
 * 10^600, outside the double range: the original returns -Infinity, +Infinity or NaN, the fixed
 * one the reference.
 */
class DeterminantLogsFixTest {
    private static final Path FIXTURES = RuleFixture.root().resolve("LogOfProduct");

    @Test
    void logDeterminantsAgreeOnSmallMatricesAndStayFiniteOnLargeOnes() throws Exception {
        Method original = logNormaliser(FIXTURES.resolve("positive/DeterminantOfArray.java"));
        Method fixed = logNormaliser(FIXTURES.resolve("fixed/DeterminantOfArray.java"));
        SplittableRandom random = new SplittableRandom(17);
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + random.nextInt(8);
            Covariance a = Covariance.random(random, n, 0.5 + random.nextDouble());
            Covariance b = Covariance.random(random, n, 0.5 + random.nextDouble());
            double variance = 0.1 + random.nextDouble();
            double reference = Math.log(variance) + a.logDeterminant() - b.logDeterminant();
            double before = (double) original.invoke(null, variance, a.matrix(), b.matrix());
            double after = (double) fixed.invoke(null, variance, a.matrix(), b.matrix());
            assertThat(before).isCloseTo(reference, within(1e-10 * Math.max(1, Math.abs(reference))));
            assertThat(after).isCloseTo(reference, within(1e-10 * Math.max(1, Math.abs(reference))));
        }
        int compared = 0;
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(6);                  // general matrices: determinants of either sign
            double[][] a = square(random, n);
            double[][] b = square(random, n);
            double before = (double) original.invoke(null, 0.7, a, b);
            double after = (double) fixed.invoke(null, 0.7, a, b);
            if (Double.isFinite(before)) {                  // where the signs cancel, or both are positive
                compared++;
                assertThat(after).isCloseTo(before, within(1e-9 * Math.max(1, Math.abs(before))));
            }
        }
        assertThat(compared).isGreaterThan(50);
        double[][] scales = {{0.1, 1}, {1, 10}, {0.1, 10}, {10, 0.1}};
        for (double[] scale : scales) {
            Covariance a = Covariance.random(random, 300, scale[0]);
            Covariance b = Covariance.random(random, 300, scale[1]);
            double reference = Math.log(2.5) + a.logDeterminant() - b.logDeterminant();
            double before = (double) original.invoke(null, 2.5, a.matrix(), b.matrix());
            double after = (double) fixed.invoke(null, 2.5, a.matrix(), b.matrix());
            assertThat(before).isNotCloseTo(reference, within(1.0));
            assertThat(after).isFinite().isCloseTo(reference, within(1e-10 * Math.abs(reference)));
        }
    }

    private static Method logNormaliser(Path source) throws Exception {
        return InMemoryCompiler.compileAndLoad(source).getMethod("logNormaliser", double.class, double[][].class,
                double[][].class);
    }

    /** An n×n matrix of entries uniform in (-1, 1). */
    private static double[][] square(SplittableRandom random, int n) {
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = random.doubles(n, -1, 1).toArray();
        }
        return a;
    }

    /** {@code L·Lᵀ} and the log of its determinant, {@code 2·Σ log l_ii}. */
    private record Covariance(double[][] matrix, double logDeterminant) {
        static Covariance random(SplittableRandom random, int n, double scale) {
            double[][] lower = new double[n][n];
            double logDeterminant = 0;
            for (int i = 0; i < n; i++) {
                lower[i][i] = scale * (1 + random.nextDouble());
                logDeterminant += 2 * Math.log(lower[i][i]);
                for (int j = 0; j < i; j++) {
                    lower[i][j] = scale * random.nextDouble(-0.1, 0.1) / Math.sqrt(n);
                }
            }
            double[][] product = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (int k = 0; k <= Math.min(i, j); k++) {
                        sum += lower[i][k] * lower[j][k];
                    }
                    product[i][j] = sum;
                }
            }
            return new Covariance(product, logDeterminant);
        }
    }
}
