package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Viterbi recursion {@code delta[t][i] = (max_j delta[t-1][j]·A[j][i])·B[i][o_t]} rescaled
 * step by step: after the loop that fills row {@code t}, {@code ScaledForward.rescale(delta[t])}
 * divides the row by its sum. Scaling a row by a positive constant scales every candidate of the
 * next step's maximum alike, so each step's argmax, the back-pointers and the final argmax (the
 * path) are those of the unscaled recursion, which underflows to a row of zeros (every state tied)
 * after a few hundred steps.
 *
 * <p>Offered only for a max-product step (the written value and the locals feeding it add no
 * floating-point terms: a forward or backward sum changes meaning when its rows are scaled, since
 * their totals are likelihoods), when the loop over the states is a statement of the loop over the
 * steps, and when the table's entries are used outside the recursion only in comparisons (directly
 * or through a local that is only compared) or in the other branch of an if (a log-space variant).
 * The table's values become relative per step, so a table passed in by a caller holds something
 * else afterwards: review.
 */
public final class ViterbiScalingFix {
    private static final String SCALED_FORWARD = "dev.numguard.guards.ScaledForward";
    private static final Set<BinaryOp> COMPARISONS = EnumSet.of(BinaryOp.LESS, BinaryOp.LESS_EQUAL, BinaryOp.GREATER,
            BinaryOp.GREATER_EQUAL);
    private static final int MAX_DEPTH = 4;

    private ViterbiScalingFix() {
    }

    /** The fix for the write {@code table[row][column] = value} of an unscaled recursion. */
    public static Optional<Fix> of(Stmt.Assign write, Expr.VarRead table, Expr row, MethodFacts facts) {
        if (write.op() != AssignOp.ASSIGN || table.type().numeric() != NumericType.DOUBLE || table.type().arrayDimensions() != 2
                || addsTerms(write.value(), facts, 0, new HashSet<>())) {
            return Optional.empty();
        }
        String step = stepVariable(row);
        List<Stmt.Loop> loops = facts.enclosingLoops(write.span());
        int sequence = -1;
        for (int i = 0; i < loops.size(); i++) {
            if (step != null && step.equals(loops.get(i).inductionVariable())) {
                sequence = i;
            }
        }
        if (sequence < 0 || sequence + 1 >= loops.size()) {
            return Optional.empty();
        }
        Stmt.Loop steps = loops.get(sequence);
        Stmt.Loop states = loops.get(sequence + 1);
        if (!(steps.body() instanceof Stmt.Block body) || !body.statements().contains(states)
                || !onlyCompared(table.name(), steps, facts)) {
            return Optional.empty();
        }
        ClassFacts context = facts.context();
        String call = SCALED_FORWARD + ".rescale(" + table.name() + "[" + context.text(row) + "]);";
        TextEdit rescale = TextEdit.insert(states.span().end(), context.lineSeparator()
                + context.indentationAt(states.span().start()) + call);
        return Optional.of(Fix.review("Rescale each row of " + table.name() + " to sum 1 (ScaledForward.rescale): the "
                + "argmax of every step, and so the path, is unchanged; " + table.name() + "'s values become relative per step",
                List.of(rescale), List.of(SCALED_FORWARD)));
    }

    /** {@code t}, {@code t + 1} or {@code t - 1}: the step variable; null otherwise. */
    private static String stepVariable(Expr row) {
        Expr x = Nodes.stripCasts(row);
        if (x instanceof Expr.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUBTRACT)
                && Nodes.stripCasts(b.right()) instanceof Expr.Literal) {
            x = Nodes.stripCasts(b.left());
        }
        return x instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL ? v.name() : null;
    }

    /** A floating-point sum in {@code e} or in what the locals it reads were assigned: a forward or backward step. */
    private static boolean addsTerms(Expr e, MethodFacts facts, int depth, Set<String> seen) {
        if (depth > MAX_DEPTH) {
            return true;                                    // too deep to tell: no fix
        }
        for (Expr x : Nodes.expressions(e)) {
            if (x instanceof Expr.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUBTRACT)
                    && x.type().numeric().isFloatingPoint()) {
                return true;
            }
            if (x instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL && v.type().numeric().isFloatingPoint()
                    && seen.add(v.name())) {
                for (Definition d : facts.definitionsAt(v)) {
                    if (d.op() != AssignOp.ASSIGN || d.value() != null && addsTerms(d.value(), facts, depth + 1, seen)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Outside the loop over the steps, the table is only written cell by cell (the first row) or
     * read cell by cell into a comparison or into a local that is only compared.
     */
    private static boolean onlyCompared(String table, Stmt.Loop steps, MethodFacts facts) {
        List<Expr> allowed = new ArrayList<>();
        for (Object node : facts.nodes()) {
            if (node instanceof Expr.Binary b && COMPARISONS.contains(b.op())) {
                allowed.add(b.left());
                allowed.add(b.right());
            } else if (node instanceof Stmt.Assign a && isCell(a.target(), table)) {
                allowed.add(a.target());
            } else if (node instanceof Stmt.Assign a && a.op() == AssignOp.ASSIGN && isCell(a.value(), table)
                    && Nodes.stripCasts(a.target()) instanceof Expr.VarRead local && local.kind() == VarKind.LOCAL
                    && onlyComparedLocal(local, facts)) {
                allowed.add(a.value());
            }
        }
        for (Expr e : Nodes.expressions(facts.method().body())) {
            if (e instanceof Expr.VarRead v && v.name().equals(table) && !steps.span().contains(v.span())
                    && allowed.stream().noneMatch(a -> isCell(a, table) && a.span().contains(v.span()))
                    && !otherBranch(v, steps, facts)) {
                return false;
            }
        }
        return true;
    }

    /** {@code read} and {@code steps} lie in the two branches of one if: they never run in the same call. */
    private static boolean otherBranch(Expr.VarRead read, Stmt.Loop steps, MethodFacts facts) {
        for (Stmt s : facts.statements()) {
            if (s instanceof Stmt.If branch && branch.otherwise() != null
                    && (branch.then().span().contains(read.span()) && branch.otherwise().span().contains(steps.span())
                    || branch.otherwise().span().contains(read.span()) && branch.then().span().contains(steps.span()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean onlyComparedLocal(Expr.VarRead local, MethodFacts facts) {
        List<Expr> compared = new ArrayList<>();
        for (Object node : facts.nodes()) {
            if (node instanceof Expr.Binary b && COMPARISONS.contains(b.op())) {
                compared.add(b.left());
                compared.add(b.right());
            }
        }
        for (Expr.VarRead read : DeadCode.readsOf(local.id(), facts)) {
            boolean written = facts.statements().stream().anyMatch(s -> s instanceof Stmt.Assign a
                    && a.target().span().contains(read.span()));
            if (!written && compared.stream().noneMatch(c -> Nodes.stripCasts(c) instanceof Expr.VarRead r
                    && r.span().equals(read.span()))) {
                return false;
            }
        }
        return true;
    }

    /** {@code table[r][c]}. */
    private static boolean isCell(Expr e, String table) {
        return Nodes.stripCasts(e) instanceof Expr.ArrayElement cell && Nodes.stripCasts(cell.array()) instanceof Expr.ArrayElement row
                && Nodes.stripCasts(row.array()) instanceof Expr.VarRead v && v.name().equals(table);
    }
}
