package dev.numguard.analyzer.facts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.Stmt;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Numbers kept in objects reach the facts as arrays and operators: accessors decided by their bodies,
 * only when every accessor of a field indexes it alike; arithmetic methods only when their body is the
 * operation; BigDecimal never.
 */
class ObjectLoweringTest {
    private static final String SOURCE = """
            package p;

            import java.math.BigDecimal;

            public class Objects {
                static final class Vec {
                    private final double[] data = new double[8];
                    private final double[] prior = new double[8];
                    double get(int i) { return data[i]; }
                    void set(int i, double v) { data[i] = v; }
                    double priorAt(int i) { return prior[i]; }
                    void clear() { for (int i = 0; i < data.length; i++) { data[i] = 0; } }
                }

                static final class Grid {
                    private final double[] cells = new double[16];
                    private final int n = 4;
                    double get(int r, int c) { return at(r * n + c); }
                    double at(int k) { return cells[k]; }
                    void set(int r, int c, double v) { cells[r * n + c] = v; }
                }

                /** Reads the transpose of what it writes: no pair of its accessors is one location. */
                static final class Skewed {
                    private final double[] cells = new double[16];
                    private final int n = 4;
                    double get(int r, int c) { return cells[c * n + r]; }
                    void set(int r, int c, double v) { cells[r * n + c] = v; }
                }

                static final class Value {
                    final double v;
                    Value(double v) { this.v = v; }
                    Value plus(Value o) { return new Value(v + o.v); }
                    Value minus(Value o) { return new Value(Math.abs(v - o.v)); }
                }

                static double vec(Vec m, double x) {
                    m.set(0, Math.exp(x));
                    m.clear();
                    return m.get(0) + m.priorAt(0);
                }

                static double grid(Grid g, Skewed s, double x) {
                    g.set(1, 2, x);
                    s.set(1, 2, x);
                    return g.get(1, 2) + s.get(1, 2);
                }

                static double values(Value a, Value b, BigDecimal c, BigDecimal d) {
                    return a.plus(b).v + a.minus(b).v + c.add(d).doubleValue();
                }
            }
            """;
    private static LoweredProject project;

    @BeforeAll
    static void lower(@TempDir Path dir) {
        project = LoweredProject.of(dir, SOURCE);
    }

    private static List<Stmt> statements(String method) {
        MethodFacts facts = project.method("p.Objects", method);
        return Nodes.statements(facts.method().body());
    }

    private static List<Expr> expressions(String method) {
        return Nodes.expressions(project.method("p.Objects", method).method().body());
    }

    private static List<String> calls(String method) {
        return expressions(method).stream().filter(e -> e instanceof Expr.Call).map(e -> ((Expr.Call) e).name()).toList();
    }

    @Test
    void aSetterStatementIsAnElementWriteAndAGetterAnElementRead() {
        List<Stmt.Assign> writes = statements("vec").stream().filter(s -> s instanceof Stmt.Assign)
                .map(s -> (Stmt.Assign) s).toList();
        assertThat(writes).hasSize(2);
        Stmt.Assign stored = writes.get(0);
        assertThat(stored.op()).isEqualTo(AssignOp.ASSIGN);
        assertThat(stored.target()).isInstanceOfSatisfying(Expr.ArrayElement.class,
                e -> assertThat(((Expr.VarRead) e.array()).name()).isEqualTo("m"));
        assertThat(stored.value()).isInstanceOf(Expr.Call.class);
        // clear() writes elements of the same array: an unknown element is overwritten, the stored exp does not survive it
        assertThat(writes.get(1).target()).isInstanceOf(Expr.ArrayElement.class);
        assertThat(writes.get(1).value()).isInstanceOfSatisfying(Expr.Other.class,
                o -> assertThat(o.kind()).isEqualTo("element-rewritten"));
        assertThat(calls("vec")).containsExactly("exp");          // get and priorAt are element reads now
        assertThat(expressions("vec").stream().filter(e -> e instanceof Expr.ArrayElement)).hasSize(4);
    }

    @Test
    void twoIndexAccessorsDelegatingAlikeAreOneLocationAndInconsistentOnesStayCalls() {
        assertThat(calls("grid")).containsExactlyInAnyOrder("set", "get");     // Skewed's accessors stay calls
        assertThat(statements("grid").stream().filter(s -> s instanceof Stmt.Assign)).hasSize(1);
        Expr.ArrayElement read = expressions("grid").stream().filter(e -> e instanceof Expr.ArrayElement)
                .map(e -> (Expr.ArrayElement) e).filter(e -> e.array() instanceof Expr.VarRead v && v.name().equals("g"))
                .reduce((first, second) -> second).orElseThrow();
        assertThat(read.index()).isInstanceOfSatisfying(Expr.Other.class, o -> assertThat(o.children()).hasSize(2));
    }

    @Test
    void onlyMethodsWhoseBodyIsTheOperationBecomeOperators() {
        assertThat(expressions("values").stream().filter(e -> e instanceof Expr.Binary b && b.op() == BinaryOp.ADD
                && b.left() instanceof Expr.VarRead l && l.name().equals("a"))).hasSize(1);
        assertThat(calls("values")).contains("minus", "add", "doubleValue").doesNotContain("plus");
    }

    @Test
    void aClassWithNothingToLowerIsTheFrontEndsOwn() {
        dev.numguard.rules.model.ClassModel given = project.files().get(0).classes().stream()
                .filter(c -> c.qualifiedName().endsWith("Value")).findFirst().orElseThrow();
        assertThat(project.clazz(given.qualifiedName()).clazz()).isSameAs(given);
    }
}
