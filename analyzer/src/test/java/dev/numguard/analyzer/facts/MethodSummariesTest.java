package dev.numguard.analyzer.facts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.MethodSummary;
import dev.numguard.rules.facts.MethodSummary.Effect;
import dev.numguard.rules.facts.MethodSummary.Place;
import dev.numguard.rules.facts.MethodSummary.Shape;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.VarId;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Method summaries over real sources lowered by Spoon: what each helper computes from its inputs. */
class MethodSummariesTest {
    private static final String STATS = """
            package p;

            public class Stats {
                private double total;

                static double sumExp(double[] x) {
                    double s = 0;
                    for (double v : x) {
                        s += Math.exp(v);
                    }
                    return s;
                }

                static double sum(double[] x) {
                    double s = 0;
                    for (int i = 0; i < x.length; i++) {
                        s += x[i];
                    }
                    return s;
                }

                static double sumOfSquares(float[] x) {
                    double s = 0;
                    for (float v : x) {
                        s += v * v;
                    }
                    return s;
                }

                static double mean(double[] x) {
                    return sum(x) / x.length;
                }

                static double product(double[] p) {
                    double r = 1;
                    for (double q : p) {
                        r *= q;
                    }
                    return r;
                }

                static double max(double[] x) {
                    double m = Double.NEGATIVE_INFINITY;
                    for (double v : x) {
                        m = Math.max(m, v);
                    }
                    return m;
                }

                static void expInPlace(double[] x) {
                    for (int i = 0; i < x.length; i++) {
                        x[i] = Math.exp(x[i]);
                    }
                }

                static void normalise(double[] x) {
                    double s = 0;
                    for (double v : x) {
                        s += v;
                    }
                    for (int i = 0; i < x.length; i++) {
                        x[i] /= s;
                    }
                }

                static double sigmoid(double z) {
                    return 1.0 / (1.0 + Math.exp(-z));
                }

                static double logSumExp(double[] x) {
                    double m = max(x);
                    double s = 0;
                    for (double v : x) {
                        s += Math.exp(v - m);
                    }
                    return m + Math.log(s);
                }

                static double naiveLogSumExp(double[] x) {
                    return Math.log(sumExp(x));
                }

                static double[] softmax(double[] x) {
                    double[] e = new double[x.length];
                    double s = 0;
                    for (int i = 0; i < x.length; i++) {
                        e[i] = Math.exp(x[i]);
                        s += e[i];
                    }
                    for (int i = 0; i < e.length; i++) {
                        e[i] /= s;
                    }
                    return e;
                }

                static void stableSoftmaxInPlace(double[] x) {
                    double m = max(x);
                    for (int i = 0; i < x.length; i++) {
                        x[i] = Math.exp(x[i] - m);
                    }
                    normalise(x);
                }

                double total() {
                    return total;
                }

                static double forever(double[] x) {
                    return forever(x);
                }

                static double even(double[] x, int n) {
                    return n == 0 ? 0 : odd(x, n - 1);
                }

                static double odd(double[] x, int n) {
                    return even(x, n - 1);
                }

                static double streamSumExp(double[] x) {
                    return java.util.Arrays.stream(x).map(Math::exp).sum();
                }

                static double streamSquares(double[] x) {
                    return java.util.Arrays.stream(x).map(v -> v * v).sum();
                }

                static double unknown(double[] x) {
                    return x.length > 2 ? x[0] : x[1];
                }
            }
            """;

    private static final String MODEL = """
            package q;

            import p.Stats;

            public class Model {
                double[] w = new double[3];

                double score(double[] logits) {
                    return Math.log(Stats.sumExp(logits)) + helper(logits);
                }

                private double helper(double[] a) {
                    return Stats.mean(a);
                }
            }
            """;

    private static final String ND4J = """
            package q;

            import org.nd4j.linalg.api.ndarray.INDArray;
            import org.nd4j.linalg.ops.transforms.Transforms;

            public class Nd {
                static INDArray logSumExp(INDArray x) {
                    return Transforms.log(Transforms.exp(x).sum(1));
                }

                static INDArray softmax(INDArray x) {
                    INDArray e = Transforms.exp(x);
                    return e.div(e.sum(1));
                }
            }
            """;

    private static LoweredProject project;

    @BeforeAll
    static void lower(@TempDir Path dir) {
        project = LoweredProject.of(dir, STATS, MODEL, ND4J);
    }

    private static MethodSummary summary(String method) {
        MethodFacts facts = project.method("p.Stats", method);
        return project.project().summary(facts);
    }

    private static void assertReturns(String method, Shape shape, int parameter) {
        assertThat(summary(method).returned()).as(method)
                .contains(new Effect(shape, Place.RETURNED, parameter, null));
    }

    @Test
    void reductionsOverAParameterAreSummarisedByShape() {
        assertReturns("sumExp", Shape.SUM_EXP, 0);
        assertReturns("sum", Shape.SUM, 0);
        assertReturns("sumOfSquares", Shape.SUM_OF_SQUARES, 0);
        assertReturns("product", Shape.PRODUCT, 0);
        assertReturns("max", Shape.MAX, 0);
    }

    @Test
    void summariesComposeThroughCallsToOtherHelpers() {
        assertReturns("mean", Shape.MEAN, 0);
        assertReturns("naiveLogSumExp", Shape.LOG_SUM_EXP, 0);
        assertReturns("logSumExp", Shape.STABLE_LOG_SUM_EXP, 0);
    }

    @Test
    void arraysWrittenElementByElementAreDescribed() {
        assertThat(summary("expInPlace").inPlace(0)).contains(new Effect(Shape.EXP, Place.IN_PLACE, 0, null));
        assertThat(summary("normalise").inPlace(0))
                .contains(new Effect(Shape.NORMALISED, Place.IN_PLACE, 0, null));
        assertReturns("softmax", Shape.SOFTMAX, 0);
        assertThat(summary("softmax").inPlace(0)).isEmpty();
        // exp(x − max) written in place, then a call that normalises in place
        assertThat(summary("stableSoftmaxInPlace").inPlace(0))
                .contains(new Effect(Shape.STABLE_SOFTMAX, Place.IN_PLACE, 0, null));
    }

    @Test
    void streamsAndArrayLibraries() {
        assertReturns("streamSumExp", Shape.SUM_EXP, 0);
        assertReturns("streamSquares", Shape.SUM_OF_SQUARES, 0);
        assertThat(project.project().summary(project.method("q.Nd", "logSumExp")).returned())
                .contains(new Effect(Shape.LOG_SUM_EXP, Place.RETURNED, 0, null));
        assertThat(project.project().summary(project.method("q.Nd", "softmax")).returned())
                .contains(new Effect(Shape.SOFTMAX, Place.RETURNED, 0, null));
    }

    @Test
    void scalarsAndFields() {
        assertReturns("sigmoid", Shape.SIGMOID, 0);
        assertThat(summary("total").returned())
                .contains(new Effect(Shape.VALUE, Place.RETURNED, -1, VarId.field("p.Stats", "total")));
    }

    @Test
    void recursionAndUnknownFormsSummariseToNothing() {
        assertThat(summary("forever").effects()).isEmpty();
        assertThat(summary("even").effects()).isEmpty();
        assertThat(summary("unknown").effects()).isEmpty();
    }

    @Test
    void callsInAnotherFileResolveToTheCalleeAndItsSummary() {
        MethodFacts score = project.method("q.Model", "score");
        Expr.Call sumExp = score.nodes().stream().filter(n -> n instanceof Expr.Call c && c.name().equals("sumExp"))
                .map(Expr.Call.class::cast).findFirst().orElseThrow();
        Optional<MethodSummary> summary = score.context().summary(sumExp);
        assertThat(summary).map(MethodSummary::method).map(m -> m.name()).contains("sumExp");
        assertThat(summary.flatMap(MethodSummary::returned).flatMap(e -> e.argument(sumExp)))
                .map(a -> score.context().text(a)).contains("logits");
        assertThat(project.project().summary(project.method("q.Model", "helper")).returned())
                .contains(new Effect(Shape.MEAN, Place.RETURNED, 0, null));
    }
}
