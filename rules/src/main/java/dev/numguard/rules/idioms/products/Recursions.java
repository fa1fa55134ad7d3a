package dev.numguard.rules.idioms.products;

import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The unscaled forward, backward or Viterbi recursion of a hidden Markov model: row {@code t} of a
 * table is written, state by state, from products with the entries of row {@code t ∓ 1} summed (or
 * maximised) over the states, {@code alpha[t][j] = (Σ_k alpha[t-1][k]·A[k][j])·B[j][o_t]}.
 *
 * <p>What makes it a recursion over a sequence and not linear algebra: the written row is the
 * variable of a loop over data, the row read is that variable plus or minus a constant, the written
 * column is the variable of a loop inside it, and the entries of the previous row that are read are
 * taken at other columns than the written one (a sum over states). A rotation or reflection of
 * neighbouring cells ({@code a[k][i+1] = s·a[k][i] + c·h}), a convex combination of the cells above
 * ({@code X[j][i] = (1−a)·X[j−1][i−1] + a·X[j−1][i]}), a back-substitution into one fixed column or a
 * matrix product stored once share none of these.
 */
public final class Recursions {
    private static final int MAX_DEPTH = 4;
    /** Calls that multiply arrays or matrices element by element: Jama's arrayTimes, ND4J's mul, … */
    private static final Pattern ELEMENTWISE_PRODUCT = Pattern.compile("arrayTimes(Equals)?|times|mul|muli|multiply|mmul");

    private Recursions() {
    }

    /**
     * True when writing {@code value} at ({@code row}, {@code column}) of {@code table}
     * ({@code alpha[t][j] = v} or {@code alpha.set(t, j, v)}) is an unscaled HMM step.
     */
    public static boolean unscaled(String table, Expr row, Expr column, Expr value, MethodFacts facts) {
        List<Stmt.Loop> loops = facts.enclosingLoops(value.span());
        Expr.VarRead step = offset(row) == null ? null : offset(row).variable;
        if (table == null || step == null || Nodes.stripCasts(value) instanceof Expr.Binary d && d.op() == BinaryOp.SUBTRACT) {
            return false;                                   // a[k][j] = a[k][j] - p * z: elimination or rotation, no sum of probabilities
        }
        int sequence = indexOfLoop(loops, step.name());
        if (sequence < 0 || !Factors.overData(loops.get(sequence)) || variables(column).contains(step.name())
                || variables(column).stream().noneMatch(v -> indexOfLoop(loops, v) > sequence
                || declaredIn(v, loops.get(sequence), facts))) {
            return false;                                   // the column must run over the states within one step
        }
        return productWith(value, new Cell(table, step.name(), offset(row).constant, variables(column)), facts, 0, new HashSet<>())
                && !KeptInRange.rescaledOrLogged(table, facts);  // the whole-method scan last: it is the costly check
    }

    /** The written cell: the table, the sequence variable, the row's offset from it, the variables of the column. */
    private record Cell(String table, String step, long offset, Set<String> columnVariables) {
    }

    /** {@code t}, {@code t + 1} or {@code t - 1}: the variable and the constant added to it. */
    private record Offset(Expr.VarRead variable, long constant) {
    }

    private static Offset offset(Expr index) {
        Expr x = Nodes.stripCasts(index);
        if (x instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL) {
            return new Offset(v, 0);
        }
        if (x instanceof Expr.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUBTRACT)
                && Nodes.stripCasts(b.left()) instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL
                && Nodes.stripCasts(b.right()) instanceof Expr.Literal l && l.value() instanceof Number n) {
            return new Offset(v, b.op() == BinaryOp.ADD ? n.longValue() : -n.longValue());
        }
        return null;
    }

    private static int indexOfLoop(List<Stmt.Loop> loops, String variable) {
        for (int i = 0; i < loops.size(); i++) {
            Stmt.Loop loop = loops.get(i);
            if (variable.equals(loop.inductionVariable()) || loop.update().stream().anyMatch(u -> u instanceof Stmt.Assign a
                    && Nodes.stripCasts(a.target()) instanceof Expr.VarRead v && v.name().equals(variable))) {
                return i;                                   // also t = t - 1, which is no increment to Loop
            }
        }
        return -1;
    }

    /** A local declared inside {@code loop}: the state of a sparse transition list ({@code int to = next[s][k]}). */
    private static boolean declaredIn(String variable, Stmt.Loop loop, MethodFacts facts) {
        Stmt.LocalDecl declaration = facts.declaration(variable);
        return declaration != null && loop.body().span().contains(declaration.span());
    }

    private static Set<String> variables(Expr e) {
        Set<String> names = new HashSet<>();
        for (Expr x : Nodes.expressions(e)) {
            if (x instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL) {
                names.add(v.name());
            }
        }
        return names;
    }

    /** A multiplication one of whose operands reads the neighbouring row, following locals; false in log space. */
    private static boolean productWith(Expr e, Cell cell, MethodFacts facts, int depth, Set<String> seen) {
        if (e == null || depth > MAX_DEPTH) {
            return false;
        }
        for (Expr x : Nodes.expressions(e)) {
            if (MathCalls.logArgument(x).isPresent() || MathCalls.expArgument(x).isPresent()) {
                return false;
            }
        }
        for (Expr x : Nodes.expressions(e)) {
            if (x instanceof Expr.Binary b && b.op() == BinaryOp.MULTIPLY
                    && (readsNeighbourRow(b.left(), cell, facts, depth) || readsNeighbourRow(b.right(), cell, facts, depth))) {
                return true;
            }
            if (x instanceof Expr.Call c && ELEMENTWISE_PRODUCT.matcher(c.name()).matches() && c.target() != null
                    && (readsNeighbourRow(c.target(), cell, facts, depth)
                    || c.args().stream().anyMatch(a -> readsNeighbourRow(a, cell, facts, depth)))) {
                return true;
            }
            if (x instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL && seen.add(v.name())) {
                for (Definition d : facts.definitionsAt(v)) {
                    if (d.op() == AssignOp.SUBTRACT || d.op() == AssignOp.DIVIDE) {
                        return false;                       // an elimination step (LU), not a sum of products
                    }
                    if (!d.element() && productWith(d.value(), cell, facts, depth + 1, seen)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * {@code table[t ∓ c][k]}, {@code table.get(t ∓ c, k)} or {@code table.getMatrix(t ∓ c, …)}, with
     * a column that does not follow the written one (a sum over states), directly or through a local.
     */
    private static boolean readsNeighbourRow(Expr e, Cell cell, MethodFacts facts, int depth) {
        for (Expr x : Nodes.expressions(e)) {
            Expr rowIndex = null;
            List<Expr> columns = List.of();
            if (x instanceof Expr.ArrayElement a && Nodes.stripCasts(a.array()) instanceof Expr.ArrayElement r
                    && Nodes.stripCasts(r.array()) instanceof Expr.VarRead v && v.name().equals(cell.table())) {
                rowIndex = r.index();
                columns = List.of(a.index());
            } else if (x instanceof Expr.Call c && c.target() != null && Nodes.stripCasts(c.target()) instanceof Expr.VarRead v
                    && v.name().equals(cell.table()) && c.args().size() >= 2) {
                rowIndex = c.args().get(0);
                columns = c.args().subList(1, c.args().size());
            }
            Offset read = rowIndex == null ? null : offset(rowIndex);
            if (read != null && read.variable().name().equals(cell.step()) && read.constant() != cell.offset()
                    && columns.stream().noneMatch(k -> variables(k).stream().anyMatch(cell.columnVariables()::contains))) {
                return true;
            }
            if (x instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL && depth < MAX_DEPTH
                    && facts.definitionsAt(v).stream().anyMatch(d -> !d.element() && d.value() != null
                    && readsNeighbourRow(d.value(), cell, facts, depth + 1))) {
                return true;
            }
        }
        return false;
    }
}
