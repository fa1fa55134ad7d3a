package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.ReductionKind;
import dev.numguard.rules.facts.StreamPipeline;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A method that runs an unscaled forward recursion over a table of its own and returns the sum of
 * the table's last row (the likelihood of the sequence),
 * {@code alpha[t][j] += alpha[t-1][k]·A[k][j]·B[j][o_t]; … return Σ_j alpha[T-1][j];}, gets a
 * twin {@code logX} (Rabiner scaling) that returns the log of that likelihood without
 * underflowing: after the loop over the states fills row t, {@code ScaledForward.rescale(alpha[t])}
 * divides the row by its sum c_t and returns log c_t, which a local adds up, and the final sum
 * becomes {@code logScale + Math.log(Σ_j alpha[T-1][j])}. Each row is a linear function of the
 * previous one (a sum of products with exactly one factor from that row, into a row that starts
 * at 0), so the scaled last row is the true one divided by Π c_t, and the log of its sum plus
 * Σ log c_t is the log of the true sum. A row of zeros is left as it is and gives −∞, as
 * {@code Math.log} of the unscaled 0 would.
 *
 * <p>{@code X} keeps its signature and returns {@code Math.exp(logX(…))}, the same value up to
 * rounding (it still underflows to 0 for long sequences), so the fix is review: callers that
 * compare or combine likelihoods should call {@code logX}.
 * Offered only when the table is a local {@code double[][]} or {@code Double[][]} read nowhere but
 * in the recursion and in the returned sum, written elsewhere only before the loop over the steps,
 * and the returned sum reads the last row written.
 */
public final class ScaledLikelihoodFix {
    private static final String SCALED_FORWARD = "dev.numguard.guards.ScaledForward";

    private ScaledLikelihoodFix() {
    }

    /** The fix for the write {@code table[row][column] (+)= value} of an unscaled recursion. */
    public static Optional<Fix> of(Stmt.Assign write, Expr.VarRead table, Expr row, MethodFacts facts) {
        MethodModel method = facts.method();
        ClassFacts context = facts.context();
        String name = table.name();
        Stmt.LocalDecl decl = facts.declaration(name);
        if (method.body() == null || method.isConstructor() || method.isInitializer() || !method.returnType().isFloatingScalar()
                || table.kind() != VarKind.LOCAL || decl == null || decl.init() == null
                || !decl.type().name().replace(" ", "").matches("(double|(java\\.lang\\.)?Double)\\[\\]\\[\\]")) {
            return Optional.empty();
        }
        List<Stmt> top = method.body().statements();
        if (top.isEmpty() || !(top.get(top.size() - 1) instanceof Stmt.Return ret) || ret.value() == null
                || facts.statements().stream().filter(s -> s instanceof Stmt.Return && Nodes.expressions(method.body()).stream()
                        .noneMatch(e -> e instanceof Expr.Lambda l && l.span().contains(s.span()))).count() != 1) {
            return Optional.empty();
        }
        // the step loop (over the sequence) and, directly in its body, the loop over the states that fills one row
        Expr.VarRead step = stepOf(row);
        List<Stmt.Loop> loops = facts.enclosingLoops(write.span());
        int sequence = -1;
        for (int i = 0; i < loops.size(); i++) {
            if (step != null && step.name().equals(loops.get(i).inductionVariable())) {
                sequence = i;
            }
        }
        if (sequence < 0 || sequence + 1 >= loops.size()) {
            return Optional.empty();
        }
        Stmt.Loop steps = loops.get(sequence);
        Stmt.Loop states = loops.get(sequence + 1);
        if (!(steps.body() instanceof Stmt.Block stepBody) || !stepBody.statements().contains(states)
                || !top.contains(steps) || !(steps.condition() instanceof Expr.Binary bound) || bound.op() != BinaryOp.LESS
                || !Nodes.isLocal(bound.left(), step.name())) {
            return Optional.empty();
        }
        // every write of the table: in the loop over the states (the recursion), or before the steps (the first row)
        boolean startsAtZero = text(decl.init(), context).matches("newdouble(\\[[^\\]{}]+\\]){2}")
                || zeroFilled(decl.init(), context);
        List<Stmt.Assign> writes = new ArrayList<>();
        for (Stmt s : facts.statements()) {
            if (s instanceof Stmt.Assign a && rootIs(a.target(), name)) {
                if (!isCellOf(a.target(), name)) {
                    return Optional.empty();                // the table or a row reassigned
                }
                writes.add(a);
            }
        }
        for (Stmt.Assign a : writes) {
            boolean inRecursion = states.span().contains(a.span());
            if (inRecursion && a != write && !(a.op() == AssignOp.ASSIGN && MathCalls.isLiteral(a.value(), 0)
                    && a.span().start() < write.span().start() && sameCell(a.target(), write.target()))) {
                return Optional.empty();                    // only the recursion, and a reset to 0 of its cell before it
            }
            if (inRecursion && a != write) {
                startsAtZero = true;
            }
            if (!inRecursion && (a.span().start() > steps.span().start() || steps.span().contains(a.span()))) {
                return Optional.empty();
            }
        }
        if (write.op() == AssignOp.ADD && !startsAtZero || write.op() != AssignOp.ADD && write.op() != AssignOp.ASSIGN
                || !linearInPrevious(write.value(), name, step.name(), offsetOf(row))
                && !linearThroughSum(write, name, step.name(), offsetOf(row), states, facts)) {
            return Optional.empty();
        }
        // the returned value: the sum of the last row written
        long offset = offsetOf(row);
        String lastRow = offset == 0 ? text(bound.right(), context) + "-1" : offset == 1 ? text(bound.right(), context) : null;
        Optional<Stmt.Loop> sumLoop = Optional.empty();
        Expr returned = Nodes.stripCasts(ret.value());
        if (!sumOfRow(returned, name, lastRow, context)) {
            sumLoop = summedLocal(returned, name, lastRow, steps, facts);
            if (sumLoop.isEmpty()) {
                return Optional.empty();
            }
        }
        List<Stmt> linearSteps = new ArrayList<>(writes);        // the recursion, the resets, and the sum it reads
        for (Stmt st : facts.statements()) {
            if (write.op() == AssignOp.ASSIGN && st instanceof Stmt.Assign a && a.op() == AssignOp.ADD
                    && Nodes.stripCasts(a.target()) instanceof Expr.VarRead sum
                    && sum.kind() == VarKind.LOCAL && Nodes.mentions(write.value(), sum.name())) {
                linearSteps.add(a);
            }
        }
        for (Expr e : Nodes.expressions(states)) {
            if (e instanceof Expr.VarRead v && v.name().equals(name) && v.kind() == VarKind.LOCAL
                    && linearSteps.stream().noneMatch(a -> a.span().contains(v.span()))) {
                return Optional.empty();                    // the rows read for something else while they are filled
            }
        }
        for (Expr e : Nodes.expressions(method.body())) {
            if (e instanceof Expr.VarRead v && v.name().equals(name) && v.kind() == VarKind.LOCAL
                    && !states.span().contains(v.span()) && !ret.span().contains(v.span())
                    && sumLoop.map(l -> !l.span().contains(v.span())).orElse(true)
                    && writes.stream().noneMatch(a -> a.target().span().contains(v.span()))) {
                return Optional.empty();                    // the table is read elsewhere, or escapes
            }
        }
        String logScale = SourceEdits.freshName(facts, "logScale");
        String nl = context.lineSeparator();
        List<TextEdit> inBody = new ArrayList<>();
        inBody.add(TextEdit.insert(steps.span().start(), "double " + logScale + " = 0;" + nl + context.indentationAt(steps.span().start())));
        inBody.add(TextEdit.insert(states.span().end(), nl + context.indentationAt(states.span().start()) + logScale + " += "
                + SCALED_FORWARD + ".rescale(" + name + "[" + context.text(row) + "]);"));
        inBody.add(TextEdit.replace(ret.value().span(), logScale + " + Math.log(" + context.text(ret.value()) + ")"));
        String logMethod = SiblingMethod.logName(method.name());
        Optional<List<TextEdit>> split = SiblingMethod.delegate(facts, logMethod, inBody, "The natural logarithm of {@link #"
                + method.name() + "}, which does not underflow: each row of " + name + " is divided by its sum, whose logs add up"
                + " in " + logScale + ".");
        if (split.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Fix.review("Split into " + logMethod + ", the log-likelihood with each row of " + name + " rescaled to"
                + " sum 1 (ScaledForward.rescale) and the logs of the scales added back, which stays finite, and " + method.name()
                + " = exp(" + logMethod + "): callers that compare or combine these likelihoods should call " + logMethod
                + ", since the likelihood itself still underflows", split.get(), List.of(SCALED_FORWARD)));
    }

    private static Expr.VarRead stepOf(Expr row) {
        Expr x = Nodes.stripCasts(row);
        if (x instanceof Expr.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUBTRACT)
                && Nodes.stripCasts(b.right()) instanceof Expr.Literal) {
            x = Nodes.stripCasts(b.left());
        }
        return x instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL ? v : null;
    }

    private static long offsetOf(Expr row) {
        Expr x = Nodes.stripCasts(row);
        if (x instanceof Expr.Binary b && Nodes.stripCasts(b.right()) instanceof Expr.Literal l && l.value() instanceof Number n) {
            return b.op() == BinaryOp.ADD ? n.longValue() : -n.longValue();
        }
        return 0;
    }

    private static String text(Expr e, ClassFacts context) {
        return context.text(e).replaceAll("\\s+", "");
    }

    /** The initializer fills the rows with 0 ({@code Arrays.fill(e, 0.)} in a stream that builds them). */
    private static boolean zeroFilled(Expr init, ClassFacts context) {
        boolean fill = false;
        for (Expr x : Nodes.expressions(init)) {
            if (x instanceof Expr.Call c && c.name().equals("fill") && c.args().size() == 2) {
                if (!MathCalls.isLiteral(c.args().get(1), 0)) {
                    return false;
                }
                fill = true;
            }
        }
        return fill;
    }

    /** {@code table}, {@code table[r]} or {@code table[r][c]}. */
    private static boolean rootIs(Expr e, String table) {
        Expr x = Nodes.stripCasts(e);
        while (x instanceof Expr.ArrayElement a) {
            x = Nodes.stripCasts(a.array());
        }
        return x instanceof Expr.VarRead v && v.name().equals(table) && v.kind() != VarKind.FIELD;
    }

    /** {@code table[r][c]}. */
    private static boolean isCellOf(Expr e, String table) {
        return Nodes.stripCasts(e) instanceof Expr.ArrayElement cell && Nodes.stripCasts(cell.array()) instanceof Expr.ArrayElement r
                && Nodes.stripCasts(r.array()) instanceof Expr.VarRead v && v.name().equals(table);
    }

    private static boolean sameCell(Expr a, Expr b) {
        return Nodes.sameShape(Nodes.stripCasts(a), Nodes.stripCasts(b));
    }

    /**
     * {@code value} is a product (of factors, casts and parentheses) exactly one factor of which is a
     * cell of the previous row, {@code table[t - 1][k]} for a write into row {@code t}, the others not reading the table: a term
     * linear in that row.
     */
    private static boolean linearInPrevious(Expr value, String table, String step, long written) {
        List<Expr> factors = new ArrayList<>();
        flatten(Nodes.stripCasts(value), factors);
        int cells = 0;
        for (Expr f : factors) {
            if (isCellOf(f, table)) {
                Expr rowIndex = ((Expr.ArrayElement) Nodes.stripCasts(((Expr.ArrayElement) Nodes.stripCasts(f)).array())).index();
                Expr.VarRead v = stepOf(rowIndex);
                if (v == null || !v.name().equals(step) || offsetOf(rowIndex) != written - 1) {
                    return false;
                }
                cells++;
            } else if (Nodes.mentions(f, table)) {
                return false;
            }
        }
        return cells == 1;
    }

    /**
     * {@code alpha[t][j] = sum * B[j][o_t]} where {@code sum} is a local declared in the loop over
     * the states, started at 0, only ever increased by terms linear in the previous row
     * ({@code sum += alpha[t - 1][k] * A[k][j]}) and read nowhere else: linear too.
     */
    private static boolean linearThroughSum(Stmt.Assign write, String table, String step, long written, Stmt.Loop states,
                                            MethodFacts facts) {
        if (write.op() != AssignOp.ASSIGN) {
            return false;
        }
        List<Expr> factors = new ArrayList<>();
        flatten(Nodes.stripCasts(write.value()), factors);
        Expr.VarRead sum = null;
        for (Expr f : factors) {
            if (f instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL && sum == null
                    && facts.declaration(v.name()) != null && states.span().contains(facts.declaration(v.name()).span())) {
                sum = v;
            } else if (Nodes.mentions(f, table)) {
                return false;
            }
        }
        if (sum == null) {
            return false;
        }
        String name = sum.name();
        Stmt.LocalDecl decl = facts.declaration(name);
        if (decl.init() == null || !MathCalls.isLiteral(decl.init(), 0)) {
            return false;
        }
        List<Stmt.Assign> updates = new ArrayList<>();
        for (Stmt st : facts.statements()) {
            if (st instanceof Stmt.Assign a && Nodes.isLocal(a.target(), name)) {
                if (a.op() != AssignOp.ADD || !linearInPrevious(a.value(), table, step, written)) {
                    return false;
                }
                updates.add(a);
            }
        }
        for (Expr e : Nodes.expressions(facts.method().body())) {
            if (e instanceof Expr.VarRead v && v.name().equals(name) && v.kind() == VarKind.LOCAL
                    && !write.value().span().contains(v.span()) && updates.stream().noneMatch(u -> u.target().span().contains(v.span()))) {
                return false;
            }
        }
        return !updates.isEmpty();
    }

    private static void flatten(Expr e, List<Expr> factors) {
        if (e instanceof Expr.Binary b && b.op() == BinaryOp.MULTIPLY) {
            flatten(Nodes.stripCasts(b.left()), factors);
            flatten(Nodes.stripCasts(b.right()), factors);
        } else {
            factors.add(e);
        }
    }

    /** {@code Arrays.stream(table[last]).sum()}, {@code Arrays.asList(table[last]).stream().mapToDouble(e -> e).sum()}. */
    private static boolean sumOfRow(Expr e, String table, String lastRow, ClassFacts context) {
        Optional<StreamPipeline> pipeline = StreamPipeline.of(e);
        if (pipeline.isEmpty() || pipeline.get().kind() != ReductionKind.SUM || lastRow == null) {
            return false;
        }
        for (Expr mapping : pipeline.get().mappings()) {
            boolean identity = mapping instanceof Expr.Lambda l && l.parameters().size() == 1 && l.body() != null
                    && Nodes.isLocal(l.body(), l.parameters().get(0))
                    || mapping instanceof Expr.MethodRef r && r.name().equals("doubleValue");
            if (!identity) {
                return false;
            }
        }
        Expr source = Nodes.stripCasts(pipeline.get().source());
        if (source instanceof Expr.Call asList && asList.name().equals("asList") && asList.args().size() == 1) {
            source = Nodes.stripCasts(asList.args().get(0));
        }
        return source instanceof Expr.ArrayElement r && Nodes.stripCasts(r.array()) instanceof Expr.VarRead v
                && v.name().equals(table) && text(r.index(), context).equals(lastRow);
    }

    /**
     * {@code double total = 0; for (…) total += table[last][j]; return total;} after the steps: the
     * loop that sums the last row, when {@code total} is written nowhere else.
     */
    private static Optional<Stmt.Loop> summedLocal(Expr e, String table, String lastRow, Stmt.Loop steps, MethodFacts facts) {
        if (!(e instanceof Expr.VarRead total) || total.kind() != VarKind.LOCAL || lastRow == null) {
            return Optional.empty();
        }
        Stmt.LocalDecl decl = facts.declaration(total.name());
        if (decl == null || decl.init() == null || !MathCalls.isLiteral(decl.init(), 0)) {
            return Optional.empty();
        }
        Stmt.Loop loop = null;
        for (Definition d : facts.definitions(total.name())) {
            if (d.site() == decl) {
                continue;
            }
            if (!(d.site() instanceof Stmt.Assign a) || a.op() != AssignOp.ADD
                    || !(Nodes.stripCasts(a.value()) instanceof Expr.ArrayElement cell)
                    || !(Nodes.stripCasts(cell.array()) instanceof Expr.ArrayElement r)
                    || !(Nodes.stripCasts(r.array()) instanceof Expr.VarRead v) || !v.name().equals(table)
                    || !text(r.index(), facts.context()).equals(lastRow) || loop != null) {
                return Optional.empty();
            }
            List<Stmt.Loop> around = facts.enclosingLoops(a.span());
            if (around.size() != 1 || around.get(0).span().start() < steps.span().end()) {
                return Optional.empty();
            }
            loop = around.get(0);
        }
        if (loop == null) {
            return Optional.empty();
        }
        for (Expr x : Nodes.expressions(facts.method().body())) {
            if (x instanceof Expr.VarRead v && v.name().equals(total.name()) && v.span().start() < loop.span().start()) {
                return Optional.empty();
            }
        }
        return Optional.of(loop);
    }
}
