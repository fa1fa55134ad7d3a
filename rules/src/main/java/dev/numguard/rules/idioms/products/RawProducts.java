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
import java.util.Optional;
import java.util.Set;

/**
 * Products over data that stay in linear space: {@code p *= q} (or {@code p = p * q}) in a loop over
 * data, into a local or an array element that the loop does not index, and the unscaled
 * forward/backward recursion of a hidden Markov model, where each entry of row t is a sum of
 * products with row t ∓ 1 of the same table. Products that are logged, compared with a small
 * threshold and reset, or handed (as an array or row) to a helper that can rescale them in place
 * are not raw.
 */
public final class RawProducts {
    private static final int MAX_DEPTH = 4;

    private RawProducts() {
    }

    /**
     * The running product {@code assign} updates, when it is the first update of a raw product
     * over data: its target, and whether its factors are probability-like.
     */
    public static Optional<Boolean> runningProduct(Stmt.Assign assign, MethodFacts facts) {
        Expr target = Nodes.stripCasts(assign.target());
        Expr factor = factor(assign, target);
        String name = rootName(target);
        if (factor == null || name == null || !target.type().numeric().isFloatingPoint()) {
            return Optional.empty();
        }
        List<Stmt.Loop> loops = facts.enclosingLoops(assign.span());
        if (loops.isEmpty()) {
            return Optional.empty();
        }
        Stmt.Loop loop = loops.get(loops.size() - 1);
        String induction = loop.inductionVariable();
        boolean carried = target instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL
                ? facts.declaration(name) == null || !loop.span().contains(facts.declaration(name).span())
                : target instanceof Expr.ArrayElement e && (induction == null || !Nodes.mentions(e.index(), induction));
        if (!carried || !Factors.overData(loop) || !firstUpdate(assign, target, facts) || rescaledOrLogged(name, facts)
                || storedInto(name, facts).stream().anyMatch(table -> rescaledOrLogged(table, facts))) {
            return Optional.empty();
        }
        return Optional.of(Factors.probabilityName(name) || Factors.probabilityLike(factor, facts));
    }

    /**
     * True when writing {@code value} into row {@code row} of {@code table} ({@code alpha[t][j] = v} or
     * {@code alpha.set(t, j, v)}) is an unscaled HMM recursion: the value multiplies an entry of
     * another row of the same table ({@code alpha[t - 1][k]}), directly or through locals that only
     * sum or pick such products, and nothing rescales the table.
     */
    public static boolean unscaledRecursion(String table, Expr row, Expr value, MethodFacts facts) {
        if (table == null || facts.enclosingLoops(value.span()).size() < 2 || rescaledOrLogged(table, facts)) {
            return false;
        }
        return productWith(value, table, text(row, facts), facts, 0, new HashSet<>());
    }

    /** The table and written row of {@code alpha[t][j]}, or null. */
    public static Expr[] rowOf(Expr target) {
        if (target instanceof Expr.ArrayElement cell && Nodes.stripCasts(cell.array()) instanceof Expr.ArrayElement row
                && Nodes.stripCasts(row.array()) instanceof Expr.VarRead table && table.kind() != VarKind.FIELD) {
            return new Expr[] {table, row.index()};
        }
        return null;
    }

    /** A multiplication one of whose operands reads another row of {@code table}, following locals; false in log space. */
    private static boolean productWith(Expr e, String table, String row, MethodFacts facts, int depth, Set<String> seen) {
        if (e == null || depth > MAX_DEPTH) {
            return false;
        }
        boolean found = false;
        for (Expr x : Nodes.expressions(e)) {
            if (MathCalls.logArgument(x).isPresent() || MathCalls.expArgument(x).isPresent()) {
                return false;
            }
            if (x instanceof Expr.Binary b && b.op() == BinaryOp.MULTIPLY
                    && (readsOtherRow(b.left(), table, row, facts, depth) || readsOtherRow(b.right(), table, row, facts, depth))) {
                found = true;
            }
            if (!found && x instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL && seen.add(v.name())) {
                for (Definition d : facts.definitions(v.name())) {
                    if (d.op() == AssignOp.SUBTRACT || d.op() == AssignOp.DIVIDE) {
                        return false;                       // an elimination step (LU), not a sum of products
                    }
                    if (!d.element() && productWith(d.value(), table, row, facts, depth + 1, seen)) {
                        found = true;
                    }
                }
            }
        }
        return found;
    }

    /** {@code table[r][k]} or {@code table.get(r, k)} with r other than the written row, directly or through a local. */
    private static boolean readsOtherRow(Expr e, String table, String row, MethodFacts facts, int depth) {
        for (Expr x : Nodes.expressions(e)) {
            Expr index = null;
            if (x instanceof Expr.ArrayElement a && Nodes.stripCasts(a.array()) instanceof Expr.VarRead v
                    && v.name().equals(table)) {
                index = a.index();
            } else if (x instanceof Expr.Call c && c.target() != null && Nodes.stripCasts(c.target()) instanceof Expr.VarRead v
                    && v.name().equals(table) && !c.args().isEmpty()) {
                index = c.args().get(0);
            }
            if (index != null && !text(index, facts).equals(row)) {
                return true;
            }
            if (x instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL && depth < MAX_DEPTH
                    && facts.definitions(v.name()).stream().anyMatch(d -> !d.element() && d.value() != null
                    && readsOtherRow(d.value(), table, row, facts, depth + 1))) {
                return true;
            }
        }
        return false;
    }

    private static String text(Expr e, MethodFacts facts) {
        return facts.context().text(Nodes.stripCasts(e)).replaceAll("\\s+", "");
    }

    /** The factor of {@code p *= q} or {@code p = p * q} / {@code p = q * p}; null otherwise. */
    private static Expr factor(Stmt.Assign assign, Expr target) {
        if (assign.op() == AssignOp.MULTIPLY) {
            return assign.value();
        }
        if (assign.op() == AssignOp.ASSIGN && Nodes.stripCasts(assign.value()) instanceof Expr.Binary b
                && b.op() == BinaryOp.MULTIPLY) {
            if (Nodes.sameShape(Nodes.stripCasts(b.left()), target)) {
                return b.right();
            }
            if (Nodes.sameShape(Nodes.stripCasts(b.right()), target)) {
                return b.left();
            }
        }
        return null;
    }

    private static boolean firstUpdate(Stmt.Assign assign, Expr target, MethodFacts facts) {
        for (Stmt s : facts.statements()) {
            if (s == assign) {
                return true;
            }
            if (s instanceof Stmt.Assign other && factor(other, Nodes.stripCasts(other.target())) != null
                    && Nodes.sameShape(Nodes.stripCasts(other.target()), target)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The product named {@code name} is logged (LogOfProduct's case), compared with a threshold
     * below 1 ({@code if (d < 0.01)}), scaled by a large literal, or passed as an array or a row to a
     * method that can rescale it in place ({@code checkUnderflow(d)}, {@code scale(alpha[t])}).
     */
    private static boolean rescaledOrLogged(String name, MethodFacts facts) {
        for (Object node : facts.nodes()) {
            if (!(node instanceof Expr x)) {
                continue;
            }
            if (MathCalls.logArgument(x).filter(a -> Nodes.mentions(a, name)).isPresent()) {
                return true;
            }
            if (x instanceof Expr.Call c && !MathCalls.isMathOwner(c.ownerType()) && c.args().stream()
                    .anyMatch(a -> a.type().arrayDimensions() > 0 && name.equals(rootName(Nodes.stripCasts(a))))) {
                return true;
            }
            if (x instanceof Expr.Binary b && mentionsOnly(b.left(), name) && small(b.right())
                    && (b.op() == BinaryOp.LESS || b.op() == BinaryOp.LESS_EQUAL)) {
                return true;
            }
            if (x instanceof Expr.Binary b && b.op() == BinaryOp.MULTIPLY && (large(b.left()) || large(b.right()))) {
                return true;
            }
        }
        return false;
    }

    /** The arrays the local {@code name} is stored into ({@code upProbs[node][i] = prob}). */
    private static List<String> storedInto(String name, MethodFacts facts) {
        return facts.statements().stream().filter(s -> s instanceof Stmt.Assign a && a.op() == AssignOp.ASSIGN
                        && a.target() instanceof Expr.ArrayElement && Nodes.stripCasts(a.value()) instanceof Expr.VarRead v
                        && v.name().equals(name))
                .map(s -> rootName(((Stmt.Assign) s).target())).filter(n -> n != null).toList();
    }

    private static boolean mentionsOnly(Expr e, String name) {
        return name.equals(rootName(Nodes.stripCasts(e)));
    }

    private static boolean small(Expr e) {
        return Nodes.stripCasts(e) instanceof Expr.Literal l && l.value() instanceof Number n
                && n.doubleValue() > 0 && n.doubleValue() < 1;
    }

    private static boolean large(Expr e) {
        return Nodes.stripCasts(e) instanceof Expr.Literal l && l.value() instanceof Number n && n.doubleValue() >= 1e10;
    }

    /** The variable at the root of {@code x}, {@code x[i]}, {@code x[i][j]}. */
    static String rootName(Expr e) {
        Expr x = Nodes.stripCasts(e);
        while (x instanceof Expr.ArrayElement a) {
            x = Nodes.stripCasts(a.array());
        }
        return x instanceof Expr.VarRead v ? v.name() : null;
    }
}
