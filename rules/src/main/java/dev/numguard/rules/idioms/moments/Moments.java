package dev.numguard.rules.idioms.moments;

import dev.numguard.rules.facts.CalleeWrites;
import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.facts.ReductionKind;
import dev.numguard.rules.facts.StreamPipeline;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.IterationSource;
import dev.numguard.rules.model.LoopKind;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.UnaryOp;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an expression as a {@link Monomial} of power sums: accumulators in loops and fields,
 * stream sums and averages, means, squares ({@code m * m}, {@code Math.pow(m, 2)}), products and
 * quotients. A sum of deviations ({@code Σ (x - mean)²}) is not a power sum of raw values and
 * makes the whole expression unreadable (null), which is what keeps two-pass and Welford code
 * out of the variance rule.
 */
public final class Moments {
    private static final int MAX_DEPTH = 10;

    private Moments() {
    }

    /** {@code e} as a monomial of power sums, or null. */
    public static Monomial of(Expr e, MethodFacts facts) {
        return of(e, facts, 0);
    }

    private static Monomial of(Expr e, MethodFacts facts, int depth) {
        if (e == null || depth > MAX_DEPTH) {
            return null;
        }
        Optional<Reduction> reduction = accumulator(e, facts);
        if (reduction.isPresent()) {
            Reduction r = reduction.get();
            if (r.kind() == ReductionKind.COUNT || r.kind() == ReductionKind.SUM && !r.subtracted()
                    && MathCalls.isLiteral(r.term(), 1)) {              // n += 1.0 counts as well as n++
                return Monomial.scalar(e);
            }
            if (r.kind() != ReductionKind.SUM || r.subtracted()) {
                return null;
            }
            PowerSum factor = factor(r.term(), facts, null);
            return factor == null ? null : new Monomial(List.of(factor), 0, List.of(), List.of(), List.of(r));
        }
        Expr x = Nodes.stripCasts(e);
        Optional<StreamPipeline> stream = StreamPipeline.of(x);
        if (stream.isPresent()) {
            return streamMonomial(stream.get(), facts);
        }
        if (x instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL) {
            Expr resolved = Nodes.stripCasts(facts.resolve(v));
            if (resolved instanceof Expr.Literal && facts.definitionsAt(v).stream()
                    .anyMatch(d -> d.value() == null || Nodes.stripCasts(d.value()) != resolved)) {
                return Monomial.scalar(x);                      // a count bumped inside expressions (a[n++] = v)
            }
            if (resolved != x) {
                Monomial held = of(resolved, facts, depth + 1);
                boolean opaque = held != null && held.sums().isEmpty() && held.denominators().isEmpty()
                        && !(resolved instanceof Expr.Literal);
                Monomial named = opaque ? NamedMoments.ofName(v.name()) : null;
                if (named == null && opaque && held.nPower() > 1) {
                    return Monomial.scalar(x);                  // a count kept as a product: area = w * h
                }
                return named != null ? named : held;
            }
        }
        if (x instanceof Expr.Unary u && (u.op() == UnaryOp.NEGATE || u.op() == UnaryOp.PLUS)) {
            return of(u.operand(), facts, depth + 1);
        }
        if (x instanceof Expr.Literal) {
            return Monomial.constant();
        }
        if (x instanceof Expr.Binary b && b.op() == BinaryOp.MULTIPLY) {
            Monomial l = of(b.left(), facts, depth + 1);
            Monomial r = of(b.right(), facts, depth + 1);
            return l == null || r == null ? null : l.times(r);
        }
        if (x instanceof Expr.Binary b && b.op() == BinaryOp.DIVIDE) {
            Monomial l = of(b.left(), facts, depth + 1);
            Monomial r = of(b.right(), facts, depth + 1);
            // a divisor the analysis cannot read (a total weight built from sums) still normalises
            return l == null ? null : l.dividedBy(r == null ? Monomial.scalar(b.right()) : r);
        }
        Optional<Expr.Call> pow = MathCalls.call(x, "pow", 2);
        if (pow.isPresent() && MathCalls.isLiteral(pow.get().args().get(1), 2)) {
            Monomial base = of(pow.get().args().get(0), facts, depth + 1);
            return base == null ? null : base.times(base);
        }
        List<CalleeWrites.Write> filled = x instanceof Expr.ArrayElement element ? CalleeWrites.at(element, facts) : List.of();
        if (FilledSums.accumulates(filled)) {
            return FilledSums.of(filled);                       // null: sums of something else (deviations)
        }
        if (containsSum(x, facts)) {
            return null;
        }
        Monomial named = NamedMoments.of(x);
        return named != null ? named : Monomial.scalar(x);
    }

    /**
     * The accumulator {@code e} reads, flow-sensitively: when every definition reaching the read is
     * an update of one sum or its zero start (after its loop, or a running sum read later in the
     * iteration that updated it); else as {@link MethodFacts#reductionRead} finds it.
     */
    private static Optional<Reduction> accumulator(Expr e, MethodFacts facts) {
        if (!(Nodes.stripCasts(e) instanceof Expr.VarRead v) || v.kind() != VarKind.LOCAL) {
            return facts.reductionRead(e);
        }
        Reduction running = null;
        for (Definition d : facts.definitionsAt(v)) {
            Optional<Reduction> update = facts.reductionsOf(v.name()).stream().filter(r -> r.update() == d.site()).findFirst();
            if (update.isPresent()) {
                running = update.get();
            } else if (d.value() != null && !MathCalls.isLiteral(d.value(), 0)) {
                return facts.reductionRead(e);
            }
        }
        return running != null ? Optional.of(running) : facts.reductionRead(e);
    }

    private static boolean containsSum(Expr x, MethodFacts facts) {
        for (Expr e : Nodes.expressions(x)) {
            if (e instanceof Expr.VarRead && facts.reductionRead(e).isPresent() || StreamPipeline.of(e).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static Monomial streamMonomial(StreamPipeline stream, MethodFacts facts) {
        if (stream.kind() != ReductionKind.SUM && stream.kind() != ReductionKind.MEAN) {
            return null;
        }
        String element = keyText(stream.source(), facts) + "[]";
        PowerSum factor;
        if (stream.mappings().isEmpty()) {
            factor = PowerSum.first(element);
        } else {
            Optional<Expr.Lambda> lambda = stream.singleLambda();
            if (lambda.isEmpty()) {
                return stream.mappings().size() == 1 && stream.mappings().get(0) instanceof Expr.MethodRef ref
                        && stream.kind() == ReductionKind.SUM ? NamedMoments.ofName(ref.name()) : null;
            }
            factor = factor(lambda.get().body(), facts, new String[] {lambda.get().parameters().get(0), element});
        }
        if (factor == null) {
            return null;
        }
        return new Monomial(List.of(factor), stream.kind() == ReductionKind.MEAN ? -1 : 0, List.of(), List.of(),
                List.of(stream));
    }

    /** The sum factor of a summed term: the multiset of its factors (Σ w·x·x); null for deviations. */
    static PowerSum factor(Expr term, MethodFacts facts, String[] lambdaElement) {
        List<String> keys = new ArrayList<>();
        return term != null && collect(term, facts, lambdaElement, keys, 0) && !keys.isEmpty() ? new PowerSum(keys) : null;
    }

    private static boolean collect(Expr e, MethodFacts facts, String[] lambdaElement, List<String> keys, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        Expr t = Nodes.stripCasts(facts.resolve(e));
        if (t instanceof Expr.Binary b && b.op() == BinaryOp.MULTIPLY) {
            return collect(b.left(), facts, lambdaElement, keys, depth + 1)
                    && collect(b.right(), facts, lambdaElement, keys, depth + 1);
        }
        Optional<Expr.Call> pow = MathCalls.call(t, "pow", 2);
        if (pow.isPresent() && MathCalls.isLiteral(pow.get().args().get(1), 2)) {
            return collect(pow.get().args().get(0), facts, lambdaElement, keys, depth + 1)
                    && collect(pow.get().args().get(0), facts, lambdaElement, keys, depth + 1);
        }
        if (t instanceof Expr.Literal) {
            return true;                                        // a constant factor of every term
        }
        String k = key(t, facts, lambdaElement);
        if (k == null && Nodes.stripCasts(e) instanceof Expr.VarRead local && local.kind() == VarKind.LOCAL
                && (isIncrement(t) || isCumulativeIncrement(t, local, facts))) {
            k = keyText(local, facts);                          // a pmf from a CDF: fraction = F(i) - F(i - 1)
        }
        return k != null && keys.add(k);
    }

    /**
     * {@code f(i) − f(i − 1)} or {@code a[i] − a[i − 1]}: the increment of one function or array
     * between two arguments, a data value in its own right (not a deviation from a centre, which
     * two-pass formulas square and which must stay unreadable).
     */
    private static boolean isIncrement(Expr t) {
        if (!(t instanceof Expr.Binary b) || b.op() != BinaryOp.SUBTRACT) {
            return false;
        }
        Expr l = Nodes.stripCasts(b.left());
        Expr r = Nodes.stripCasts(b.right());
        if (l instanceof Expr.Call lc && r instanceof Expr.Call rc) {
            return lc.name().equals(rc.name()) && lc.args().size() == 1 && rc.args().size() == 1
                    && (lc.target() == null ? rc.target() == null : rc.target() != null && Nodes.sameShape(lc.target(), rc.target()))
                    && previous(lc.args().get(0), rc.args().get(0));
        }
        return l instanceof Expr.ArrayElement la && r instanceof Expr.ArrayElement ra && Nodes.sameShape(la.array(), ra.array())
                && previous(la.index(), ra.index());
    }

    /**
     * {@code d = F(i) − s} where {@code s += d} keeps the running total of the increments: s is
     * F(i − 1), so d is a frequency read off a cumulative count, not a deviation from a centre.
     */
    private static boolean isCumulativeIncrement(Expr t, Expr.VarRead local, MethodFacts facts) {
        return t instanceof Expr.Binary b && b.op() == BinaryOp.SUBTRACT
                && Nodes.stripCasts(b.right()) instanceof Expr.VarRead total && total.kind() == VarKind.LOCAL
                && facts.reductionsOf(total.name()).stream().anyMatch(r -> r.kind() == ReductionKind.SUM && !r.subtracted()
                && Nodes.isLocal(Nodes.stripCasts(r.term()), local.name()));
    }

    /** {@code before} is {@code at − 1}. */
    private static boolean previous(Expr at, Expr before) {
        return Nodes.stripCasts(before) instanceof Expr.Binary minus && minus.op() == BinaryOp.SUBTRACT
                && MathCalls.isLiteral(minus.right(), 1) && Nodes.sameShape(Nodes.stripCasts(minus.left()), Nodes.stripCasts(at));
    }

    /** What a raw value is, as text: {@code x[]} for the elements of x; null for deviations and constants. */
    private static String key(Expr value, MethodFacts facts, String[] lambdaElement) {
        Expr v = Nodes.stripCasts(facts.resolve(value));
        if (v instanceof Expr.Literal || v instanceof Expr.Binary || v instanceof Expr.Unary) {
            return null;
        }
        if (v instanceof Expr.ArrayElement element) {
            return keyText(element.array(), facts) + "[]";
        }
        if (v instanceof Expr.VarRead read && read.kind() == VarKind.LOCAL) {
            if (lambdaElement != null && read.name().equals(lambdaElement[0])) {
                return lambdaElement[1];
            }
            for (Stmt.Loop loop : facts.loops()) {
                if (loop.kind() == LoopKind.FOR_EACH && loop.element().name().equals(read.name())
                        && loop.span().contains(read.span()) && loop.source() != IterationSource.MAP_ENTRIES) {
                    return keyText(loop.iterable(), facts) + "[]";
                }
            }
        }
        return keyText(v, facts);
    }

    private static String keyText(Expr e, MethodFacts facts) {
        return facts.context().text(Nodes.stripCasts(e)).replaceAll("\\s+", "");
    }
}
