package dev.numguard.rules.idioms.moments;

import dev.numguard.rules.facts.CallerArguments;
import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.UnaryOp;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the values a moment formula sums are logarithms: {@code log(x)}, {@code log10(x)},
 * {@code log1p(x)}, sums and differences of them and constants, through locals, the elements of a
 * local array or list filled with them, and the list or array parameters of a private method
 * whose every caller in the class passes such a list.
 *
 * <p>Why it matters: E[X²] − E[X]² loses about 2·log10(|mean|/std) digits. Raw data can sit far
 * from zero (timestamps, prices, coordinates), but a logarithm cannot: |log x| is at most 745 in
 * double, so losing every digit needs std(log x) below about 745·10^-8, data agreeing to five or
 * six significant digits, and data that is logged spans scales instead. The cancellation is not
 * reachable on the inputs such code is written for.
 */
public final class LogarithmValues {
    private static final int MAX_DEPTH = 6;

    private LogarithmValues() {
    }

    /** True when every sum the cancellation reads is a sum of products of logarithms and constants. */
    public static boolean allSummed(Cancellation c, MethodFacts facts) {
        List<Object> reductions = new ArrayList<>(c.left().reductions());
        reductions.addAll(c.right().reductions());
        if (reductions.isEmpty()) {
            return false;
        }
        for (Object r : reductions) {
            if (!(r instanceof Reduction reduction) || reduction.term() == null
                    || !product(reduction.term(), facts, 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean product(Expr term, MethodFacts facts, int depth) {
        Expr t = Nodes.stripCasts(term);
        if (t instanceof Expr.Binary b && b.op() == BinaryOp.MULTIPLY && depth < MAX_DEPTH) {
            return product(b.left(), facts, depth + 1) && product(b.right(), facts, depth + 1);
        }
        return isLogarithm(t, facts, depth);
    }

    /** {@code e} is a logarithm, a constant, or a sum or difference of those. */
    static boolean isLogarithm(Expr e, MethodFacts facts, int depth) {
        Expr x = Nodes.stripCasts(e);
        if (x == null || depth > MAX_DEPTH) {
            return false;
        }
        if (x instanceof Expr.Literal || isConstant(x, facts)) {
            return true;
        }
        if (MathCalls.call(x, "log", 1).isPresent() || MathCalls.call(x, "log10", 1).isPresent()
                || MathCalls.call(x, "log1p", 1).isPresent()) {
            return true;
        }
        if (x instanceof Expr.Unary u && (u.op() == UnaryOp.NEGATE || u.op() == UnaryOp.PLUS)) {
            return isLogarithm(u.operand(), facts, depth + 1);
        }
        if (x instanceof Expr.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUBTRACT)) {
            return isLogarithm(b.left(), facts, depth + 1) && isLogarithm(b.right(), facts, depth + 1);
        }
        if (x instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL) {
            List<Definition> defs = facts.definitionsAt(v);
            return !defs.isEmpty() && defs.stream().allMatch(d -> d.value() != null && d.isPlain()
                    && isLogarithm(d.value(), facts, depth + 1));
        }
        if (x instanceof Expr.ArrayElement element) {
            return holdsLogarithms(element.array(), facts, depth + 1);
        }
        if (x instanceof Expr.Call get && get.name().equals("get") && get.args().size() == 1 && get.target() != null) {
            return holdsLogarithms(get.target(), facts, depth + 1);
        }
        return false;
    }

    /** A read of a static final field (of this class or one the project declares). */
    private static boolean isConstant(Expr x, MethodFacts facts) {
        if (!(x instanceof Expr.VarRead v) || v.kind() != VarKind.FIELD) {
            return false;
        }
        if (v.ownerType() != null && v.ownerType().equals(facts.context().clazz().qualifiedName())) {
            return facts.context().clazz().fields().stream()
                    .anyMatch(f -> f.name().equals(v.name()) && f.isStatic() && f.isFinal());
        }
        return facts.context().project().classesNamed(v.ownerType() == null ? "" : v.ownerType()).stream()
                .flatMap(c -> c.clazz().fields().stream())
                .anyMatch(f -> f.name().equals(v.name()) && f.isStatic() && f.isFinal());
    }

    /**
     * The local array or collection {@code container} only ever receives logarithms (element
     * writes, {@code add}, {@code set}); or it is a parameter of a private method and every call in
     * this class passes a container that does.
     */
    private static boolean holdsLogarithms(Expr container, MethodFacts facts, int depth) {
        if (!(Nodes.stripCasts(container) instanceof Expr.VarRead v) || depth > MAX_DEPTH) {
            return false;
        }
        if (v.kind() == VarKind.LOCAL) {
            return localHoldsLogarithms(v.name(), facts, depth);
        }
        if (v.kind() == VarKind.PARAMETER) {
            return callersPassLogarithms(v.name(), facts, depth);
        }
        return false;
    }

    private static boolean localHoldsLogarithms(String name, MethodFacts facts, int depth) {
        List<Expr> stored = new ArrayList<>();
        for (Definition d : facts.elementWritesAll(name)) {
            if (!d.isPlain() || d.value() == null) {
                return false;
            }
            stored.add(d.value());
        }
        for (Object node : facts.nodes()) {
            if (node instanceof Expr.Call call && call.target() != null
                    && Nodes.stripCasts(call.target()) instanceof Expr.VarRead target
                    && target.kind() == VarKind.LOCAL && target.name().equals(name)) {
                if (call.name().equals("add") || call.name().equals("set") || call.name().equals("addLast")
                        || call.name().equals("push")) {
                    stored.add(call.args().get(call.args().size() - 1));
                } else if (call.name().startsWith("add") || call.name().equals("replaceAll")) {
                    return false;                               // addAll, a bulk write the analysis cannot read
                }
            }
        }
        return !stored.isEmpty() && stored.stream().allMatch(s -> isLogarithm(s, facts, depth + 1));
    }

    private static boolean callersPassLogarithms(String parameter, MethodFacts facts, int depth) {
        return CallerArguments.of(facts, parameter)
                .filter(calls -> calls.stream().allMatch(c -> holdsLogarithms(c.argument(), c.caller(), depth + 1)))
                .isPresent();
    }
}
