package dev.numguard.analyzer.spoon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.numguard.rules.fixtures.RuleFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import spoon.Launcher;
import spoon.reflect.CtModel;
import spoon.reflect.code.CtFieldAccess;
import spoon.reflect.code.CtVariableAccess;
import spoon.reflect.declaration.CtType;
import spoon.reflect.declaration.CtVariable;
import spoon.reflect.visitor.filter.TypeFilter;
import spoon.support.compiler.VirtualFile;

/**
 * The one-walk resolution of locals and parameters ({@link LocalDeclarations}) must name the same
 * declaration as Spoon's own {@code getDeclaration()} for every read it answers, so that the
 * {@code VarId}s of the model do not drift; and it must answer nearly every read itself, or
 * lowering is quadratic again.
 */
class LocalDeclarationsTest {
    /** Shadowing, sibling scopes, every kind of declaration, and reads that cross a class boundary. */
    private static final String TRICKY = """
            package p;

            import java.util.function.BiFunction;
            import java.util.function.DoubleUnaryOperator;

            class Tricky {
                double field = 1;
                DoubleUnaryOperator inField = v -> { double w = v * v; return w + field; };

                double f(double x, double[] xs) {
                    double s = 0;
                    for (int i = 0; i < xs.length; i++) { double t = xs[i] * x; s += t; }
                    for (int i = 0; i < 2; i++) { double t = i; s -= t; }
                    { double u = s; s = u * 2; }
                    { double u = -s; s = u; }
                    try { s += Math.log(x); } catch (RuntimeException e) { double k = e.hashCode(); s += k; }
                    catch (Error e) { s += e.hashCode(); }
                    switch ((int) x) {
                        case 0: double w = 1; s += w; break;
                        case 1: w = 2; s += w; break;
                        default: break;
                    }
                    s += switch ((int) x) {
                        case 0 -> { double w2 = 3; yield w2 + x; }
                        default -> { double w2 = 4; yield w2 - x; }
                    };
                    Object o = xs;
                    if (o instanceof double[] arr && arr.length > 0) { s += arr[0]; }
                    if (!(o instanceof double[] arr2)) { return s; }
                    s += arr2.length;
                    final double captured = s;
                    Runnable r = new Runnable() {
                        double own = 2;
                        public void run() {
                            double x = captured + own;
                            double inner = x * captured;
                            own = inner;
                        }
                    };
                    class Local {
                        double g(double s) { return s + captured; }
                    }
                    record Pair(double s, double t) {
                        Pair { s = Math.abs(s); }
                        double sum() { return s + t; }
                    }
                    try (java.io.StringReader reader = new java.io.StringReader("a")) { s += reader.hashCode(); }
                    catch (java.io.IOException e) { s += e.hashCode(); }
                    for (double v : xs) { s += v; }
                    BiFunction<Double, Double, Double> add = (a, b) -> { double c = a + b; return c; };
                    DoubleUnaryOperator twice = v -> v + v;
                    return s + field + new Local().g(captured) + add.apply(s, x) + twice.applyAsDouble(x)
                            + new Pair(x, s).sum();
                }

                static double g(double y) {
                    double z = y;
                    for (int i = 0; i < 3; i++) { z = z * y + i; }
                    return z;
                }
            }
            """;

    @Test
    void agreesWithSpoonOnEveryReadOfATrickyFile() {
        Comparison c = compare(model(List.of(new VirtualFile(TRICKY, "p/Tricky.java"))));
        assertThat(c.disagreements).isEmpty();
        // left to Spoon by design: captured locals read inside a local or anonymous class, and pattern
        // variables (their scope follows the condition's flow)
        assertThat(c.leftToSpoon).containsExactlyInAnyOrder("arr", "arr", "arr2", "captured", "captured", "captured");
        assertThat(c.answered).isGreaterThan(50);
    }

    @Test
    void agreesWithSpoonOnEveryReadOfTheRuleFixtures() {
        int answered = 0;
        int leftToSpoon = 0;
        for (String kind : List.of("positive", "negative", "fixed")) {
            List<VirtualFile> files = RuleFixture.all(kind).stream()
                    .map(f -> new VirtualFile(f.text(), f.ruleId() + "/" + f.fileName())).toList();
            Comparison c = compare(model(files));
            assertThat(c.disagreements).as(kind).isEmpty();
            answered += c.answered;
            leftToSpoon += c.leftToSpoon.size();
        }
        assertThat(answered).isGreaterThan(1_000);
        assertThat(leftToSpoon).as("reads left to Spoon of " + answered).isLessThan(answered / 50);
    }

    @Test
    void answersEveryReadOfALargeGeneratedMethodItself() {
        String statements = IntStream.range(0, 200).mapToObj(i -> i % 3 == 0
                ? "        { double t = s * " + i + "; s += Math.log(1 + t * x); }\n"
                : i % 3 == 1 ? "        for (int i = 0; i < " + i + "; i++) { s += x * i; }\n"
                : "        double v" + i + " = s - x; s = v" + i + " * 0.5;\n").collect(Collectors.joining());
        String text = "class Big {\n    double f(double x) {\n        double s = 0;\n" + statements
                + "        return s;\n    }\n}\n";
        Comparison c = compare(model(List.of(new VirtualFile(text, "Big.java"))));
        assertThat(c.disagreements).isEmpty();
        assertThat(c.leftToSpoon).isEmpty();
        assertThat(c.answered).isGreaterThan(800);
    }

    /** What the walk answered, what it left to Spoon, and where it named another declaration than Spoon. */
    private static final class Comparison {
        int answered;
        final List<String> leftToSpoon = new ArrayList<>();
        final List<String> disagreements = new ArrayList<>();
    }

    private static Comparison compare(CtModel model) {
        Comparison c = new Comparison();
        for (CtType<?> type : model.getAllTypes()) {
            LocalDeclarations walk = LocalDeclarations.of(type);
            for (CtVariableAccess<?> access : type.getElements(new TypeFilter<CtVariableAccess<?>>(CtVariableAccess.class))) {
                if (access instanceof CtFieldAccess<?>) {
                    continue;
                }
                CtVariable<?> viaSpoon = access.getVariable().getDeclaration();
                CtVariable<?> viaWalk = walk.foundInWalk(access);
                if (viaWalk == null) {
                    c.leftToSpoon.add(access.getVariable().getSimpleName());
                    assertThat(walk.of(access)).isSameAs(viaSpoon);
                } else if (viaWalk != viaSpoon) {
                    c.disagreements.add(access + " at " + access.getPosition() + ": walk " + viaWalk.getPosition()
                            + ", Spoon " + (viaSpoon == null ? "none" : viaSpoon.getPosition()));
                } else {
                    c.answered++;
                }
            }
        }
        return c;
    }

    private static CtModel model(List<VirtualFile> files) {
        Launcher launcher = new Launcher();
        files.forEach(launcher::addInputResource);
        launcher.getEnvironment().setNoClasspath(true);
        launcher.getEnvironment().setComplianceLevel(21);
        launcher.getEnvironment().setCommentEnabled(true);
        return launcher.buildModel();
    }
}
