package dev.numguard.rules.idioms.products;

import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;

/**
 * Running products over data that stay in linear space: {@code p *= q} (or {@code p = p * q}) in a
 * loop over data, into a local or an array element that the loop does not index, whose factor reads
 * the data (an element, a per-item call). Products whose factors are only loop counters (factorials,
 * Pochhammer symbols, series terms) and products {@link KeptInRange} are not raw.
 */
public final class RawProducts {
    private static final Set<BinaryOp> COMPARISONS = EnumSet.of(BinaryOp.LESS, BinaryOp.LESS_EQUAL, BinaryOp.GREATER,
            BinaryOp.GREATER_EQUAL);

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
                : target instanceof Expr.ArrayElement && (induction == null || !indexedBy(target, induction));
        if (!carried || !Factors.overData(loop) || !firstUpdate(assign, target, facts)
                || !Factors.readsData(factor, loops, facts) || KeptInRange.seededWithZero(name, facts)
                || KeptInRange.seriesTerm(name, loop, facts) || KeptInRange.rescaledOrLogged(name, facts)
                || storedInto(name, facts).stream().anyMatch(table -> KeptInRange.rescaledOrLogged(table, facts))) {
            return Optional.empty();
        }
        boolean probabilities = Factors.probabilityName(name) || Factors.probabilityLike(factor, facts);
        if (!probabilities && (relativeChange(factor) || !Factors.dataSizedExtent(loop, loops, facts))) {
            // a price index: ratios of one series are of order one; a box volume or a Pareto-front shape
            // over the M objectives of a problem has a handful of factors, not one per data item
            return Optional.empty();
        }
        return Optional.of(probabilities);
    }

    private static boolean indexedBy(Expr element, String induction) {
        for (Expr x = Nodes.stripCasts(element); x instanceof Expr.ArrayElement a; x = Nodes.stripCasts(a.array())) {
            if (Nodes.mentions(a.index(), induction)) {
                return true;
            }
        }
        return false;
    }

    /** {@code x[i] / x[i - 1]}: the ratio of two values of the same series, of order one. */
    private static boolean relativeChange(Expr factor) {
        Expr x = Nodes.stripCasts(factor);
        while (x instanceof Expr.Binary b && b.op() == BinaryOp.DIVIDE && Nodes.stripCasts(b.left()) instanceof Expr.Binary inner
                && inner.op() == BinaryOp.DIVIDE) {
            x = inner;                                      // price[i] / price[i - 1] / riskFree
        }
        return x instanceof Expr.Binary b && b.op() == BinaryOp.DIVIDE && Nodes.stripCasts(b.left()) instanceof Expr.ArrayElement
                && Nodes.stripCasts(b.right()) instanceof Expr.ArrayElement && rootName(b.left()) != null
                && rootName(b.left()).equals(rootName(b.right()));
    }

    /** The factor of {@code p *= q} or {@code p = p * q} / {@code p = q * p}; null otherwise. */
    public static Expr factor(Stmt.Assign assign) {
        return factor(assign, Nodes.stripCasts(assign.target()));
    }

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
     * The product {@code value} (a running product's variable, or a stream product) is used as a
     * score: returned, or compared with another value ({@code if (prod > best)}), directly or
     * through the local it initialises; not when it is logged (LogOfProduct's case).
     */
    public static boolean usedAsScore(Expr value, MethodFacts facts) {
        Expr x = Nodes.stripCasts(value);
        String name = rootName(x);
        for (Stmt s : facts.statements()) {
            if (s instanceof Stmt.LocalDecl d && d.init() != null && Nodes.stripCasts(d.init()) == x) {
                name = d.name();                            // double likelihood = stream.reduce(1.0, (a, b) -> a * b);
            }
        }
        String variable = name;
        if (variable != null && facts.nodes().stream().anyMatch(n -> n instanceof Expr e
                && MathCalls.logArgument(e).filter(a -> Nodes.mentions(a, variable)).isPresent())) {
            return false;
        }
        for (Object node : facts.nodes()) {
            if (node instanceof Stmt.Return r && r.value() != null && isValue(r.value(), x, variable)) {
                return true;
            }
            if (node instanceof Expr.Binary b && COMPARISONS.contains(b.op())
                    && (isValue(b.left(), x, variable) && !(Nodes.stripCasts(b.right()) instanceof Expr.Literal)
                    || isValue(b.right(), x, variable) && !(Nodes.stripCasts(b.left()) instanceof Expr.Literal))) {
                return true;
            }
        }
        return false;
    }

    /** {@code e} is (part of) the argument of a logarithm: LogOfProduct's case. */
    public static boolean logged(Expr e, MethodFacts facts) {
        return facts.nodes().stream().anyMatch(n -> n instanceof Expr x
                && MathCalls.logArgument(x).filter(a -> a.span().contains(e.span())).isPresent());
    }

    private static boolean isValue(Expr e, Expr value, String name) {
        Expr s = Nodes.stripCasts(e);
        return s == value || Nodes.sameShape(s, value) || name != null && s instanceof Expr.VarRead v && v.name().equals(name);
    }

    /** The arrays the local {@code name} is stored into ({@code upProbs[node][i] = prob}). */
    private static List<String> storedInto(String name, MethodFacts facts) {
        return facts.statements().stream().filter(s -> s instanceof Stmt.Assign a && a.op() == AssignOp.ASSIGN
                        && a.target() instanceof Expr.ArrayElement && Nodes.stripCasts(a.value()) instanceof Expr.VarRead v
                        && v.name().equals(name))
                .map(s -> rootName(((Stmt.Assign) s).target())).filter(n -> n != null).toList();
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
