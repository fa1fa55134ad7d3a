package dev.numguard.analyzer.facts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.facts.ReductionKind;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.VarKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flow-sensitive reaching definitions, variable identity and sign facts over sources lowered by Spoon. */
class FlowFactsTest {
    private static final String FLOW = """
            package p;

            public class Flow {
                private double sum;

                double shadowing(double[] x) {
                    double sum = 0;
                    for (double v : x) {
                        sum += v;
                    }
                    return sum + this.sum;
                }

                double overwritten(double[] x) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (double v : x) {
                        max = Math.max(max, v);
                    }
                    max = 0;
                    double s = 0;
                    for (double v : x) {
                        s += Math.exp(v - max);
                    }
                    return s;
                }

                double shifted(double[] x) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (double v : x) {
                        max = Math.max(max, v);
                    }
                    double s = 0;
                    for (double v : x) {
                        double scaled = v - max;
                        s += Math.exp(scaled);
                    }
                    return s;
                }

                double branches(double a, boolean c) {
                    double y = 1;
                    if (c) {
                        y = a;
                    }
                    return y;
                }

                double carried(double[] x) {
                    double prev = 0;
                    double out = 0;
                    for (int i = 0; i < x.length; i++) {
                        out += prev;
                        prev = x[i];
                    }
                    return out;
                }

                double inExpression(double[] v, double[] h) {
                    double s = 0;
                    for (int i = 0; i < v.length; i++) {
                        s += (h[i] = Math.exp(v[i]));
                    }
                    return h[0] / s;
                }

                double afterReturn(double a) {
                    double y = 1;
                    if (a > 0) {
                        y = 2;
                        return y;
                    }
                    return y;
                }

                double continued(double[] x) {
                    double last = 0;
                    for (double v : x) {
                        last = 1;
                        if (v > 0) {
                            continue;
                        }
                        last = 2;
                    }
                    return last;
                }

                double signs(double z, double d) {
                    double a = -Math.abs(d);
                    double b = Math.min(z, 0);
                    double c = z < 0 ? z : -z;
                    if (z <= 0) {
                        return Math.exp(z) + a + b + c;
                    }
                    return z;
                }
            }
            """;

    private static LoweredProject project;

    @BeforeAll
    static void lower(@TempDir Path dir) {
        project = LoweredProject.of(dir, FLOW);
    }

    private static MethodFacts method(String name) {
        return project.method("p.Flow", name);
    }

    /**
     * The {@code n}-th read (from 0, in source order) of variable {@code name} in {@code facts}' method;
     * the target of an assignment is not a read.
     */
    private static Expr.VarRead read(MethodFacts facts, String name, int n) {
        java.util.Set<Expr> targets = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        facts.nodes().forEach(x -> {
            if (x instanceof dev.numguard.rules.model.Stmt.Assign a) {
                targets.add(a.target());
            }
        });
        List<Expr.VarRead> reads = facts.nodes().stream()
                .filter(x -> x instanceof Expr.VarRead v && v.name().equals(name) && !targets.contains(v))
                .map(Expr.VarRead.class::cast).toList();
        return reads.get(n);
    }

    private static List<String> values(MethodFacts facts, List<Definition> defs) {
        return defs.stream().map(d -> d.value() == null ? "<no value>" : facts.context().text(d.value())).toList();
    }

    @Test
    void aLocalShadowingAFieldIsAnotherVariable() {
        MethodFacts facts = method("shadowing");
        Expr.VarRead local = read(facts, "sum", 0);
        Expr.VarRead field = read(facts, "sum", 1);
        assertThat(local.kind()).isEqualTo(VarKind.LOCAL);
        assertThat(field.kind()).isEqualTo(VarKind.FIELD);
        assertThat(local.id()).isNotEqualTo(field.id());
        assertThat(local.id().isResolved()).isTrue();
        assertThat(facts.reductionAt(local)).map(Reduction::kind).contains(ReductionKind.SUM);
        assertThat(facts.definitionsOf(local.id())).hasSize(2);
    }

    @Test
    void aShiftOverwrittenBeforeUseIsNoShift() {
        MethodFacts facts = method("overwritten");
        Expr.VarRead max = read(facts, "max", 1);
        assertThat(values(facts, facts.definitionsAt(max))).containsExactly("0");
        Expr shift = facts.nodes().stream().filter(x -> x instanceof Expr.Binary b && facts.context().text(b).equals("v - max"))
                .map(Expr.class::cast).findFirst().orElseThrow();
        assertThat(facts.isNonPositive(shift)).isFalse();
    }

    @Test
    void aShiftByTheMaximumThroughALocalIsNonPositive() {
        MethodFacts facts = method("shifted");
        Expr.VarRead scaled = read(facts, "scaled", 0);
        assertThat(facts.isNonPositive(scaled)).isTrue();
    }

    @Test
    void branchesJoinAndLoopsCarryDefinitionsRound() {
        MethodFacts branches = method("branches");
        assertThat(values(branches, branches.definitionsAt(read(branches, "y", 0)))).containsExactlyInAnyOrder("1", "a");
        MethodFacts carried = method("carried");
        assertThat(values(carried, carried.definitionsAt(read(carried, "prev", 0)))).containsExactlyInAnyOrder("0", "x[i]");
    }

    @Test
    void assignmentsInsideExpressionsDefineTheirTarget() {
        MethodFacts facts = method("inExpression");
        Expr h0 = facts.nodes().stream().filter(x -> x instanceof Expr.ArrayElement a && facts.context().text(a).equals("h[0]"))
                .map(Expr.class::cast).findFirst().orElseThrow();
        List<Definition> defs = facts.definitionsAt(h0);
        assertThat(values(facts, defs)).contains("Math.exp(v[i])");
        assertThat(defs.stream().filter(Definition::element)).hasSize(1);
    }

    @Test
    void returnEndsAPathAndContinueReachesTheHead() {
        MethodFacts afterReturn = method("afterReturn");
        assertThat(values(afterReturn, afterReturn.definitionsAt(read(afterReturn, "y", 1)))).containsExactly("1");
        MethodFacts continued = method("continued");
        assertThat(values(continued, continued.definitionsAt(read(continued, "last", 0))))
                .containsExactlyInAnyOrder("0", "1", "2");
    }

    @Test
    void signFacts() {
        MethodFacts facts = method("signs");
        assertThat(facts.isNonPositive(read(facts, "a", 0))).isTrue();
        assertThat(facts.isNonPositive(read(facts, "b", 0))).isTrue();
        assertThat(facts.isNonPositive(read(facts, "c", 0))).isTrue();
        // z is read inside if (z <= 0): non-positive there, not in the final return
        List<Expr.VarRead> zs = facts.nodes().stream().filter(x -> x instanceof Expr.VarRead v && v.name().equals("z"))
                .map(Expr.VarRead.class::cast).toList();
        Expr.VarRead inBranch = zs.get(zs.size() - 2);
        assertThat(facts.isNonPositive(inBranch)).isTrue();
        assertThat(facts.isNonPositive(zs.get(zs.size() - 1))).isFalse();
        assertThat(Optional.of(facts.isNonPositive(read(facts, "d", 0)))).contains(false);
    }
}
