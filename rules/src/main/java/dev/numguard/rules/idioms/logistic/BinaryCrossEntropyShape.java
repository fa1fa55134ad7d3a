package dev.numguard.rules.idioms.logistic;

import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.UnaryOp;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The binary cross-entropy written from a probability: {@code t·log(p) + (1 - t)·log(1 - p)},
 * its negation {@code -(…)}, and {@code -t·log(p) - (1 - t)·log(1 - p)}, in either term order and
 * with the factors on either side.
 *
 * @param whole the expression that equals the loss or minus the loss (the sum, or the negation around it)
 * @param isLoss whether {@code whole} is the loss ({@code -t·log(p) - …}) rather than its negation
 * @param target {@code t}
 * @param probability {@code p}
 * @param logOfProbability the call {@code log(p)}
 * @param logOfComplement the call {@code log(1 - p)}
 */
public record BinaryCrossEntropyShape(Expr whole, boolean isLoss, Expr target, Expr probability,
                                      Expr.Call logOfProbability, Expr.Call logOfComplement) {

    /** The cross-entropy one of whose two logarithms is {@code log}, if {@code log} sits in one. */
    public static Optional<BinaryCrossEntropyShape> around(Expr.Call log, MethodFacts facts) {
        for (Found found : facts.index(InMethod.class, InMethod::new).byLog.getOrDefault(log, List.of())) {
            if (found.sum().span().contains(log.span())) {
                return Optional.of(found.shape());
            }
        }
        return Optional.empty();
    }

    private record Found(Expr.Binary sum, BinaryCrossEntropyShape shape) {
    }

    /**
     * Every cross-entropy of one method by its two logarithms, in source order: found once per method,
     * as every logarithm of a large method asks.
     */
    private static final class InMethod {
        final Map<Expr.Call, List<Found>> byLog = new IdentityHashMap<>();

        InMethod(MethodFacts facts) {
            for (Object node : facts.nodes()) {
                if (node instanceof Expr.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUBTRACT)) {
                    of(b, facts).ifPresent(shape -> {
                        byLog.computeIfAbsent(shape.logOfProbability(), k -> new ArrayList<>()).add(new Found(b, shape));
                        byLog.computeIfAbsent(shape.logOfComplement(), k -> new ArrayList<>()).add(new Found(b, shape));
                    });
                }
            }
        }
    }

    private static Optional<BinaryCrossEntropyShape> of(Expr.Binary sum, MethodFacts facts) {
        Optional<Term> left = Term.of(sum.left());
        Optional<Term> right = Term.of(sum.right()).map(t -> sum.op() == BinaryOp.SUBTRACT ? t.negated() : t);
        if (left.isEmpty() || right.isEmpty() || left.get().negative() != right.get().negative()) {
            return Optional.empty();
        }
        Term plain = left.get();
        Term complement = right.get();
        if (oneMinus(plain.log().args().get(0)).isPresent()) {
            plain = right.get();
            complement = left.get();
        }
        Optional<Expr> p = oneMinus(complement.log().args().get(0));
        Optional<Expr> t = oneMinus(complement.weight());
        if (p.isEmpty() || t.isEmpty() || !Nodes.sameShape(p.get(), plain.log().args().get(0))
                || !Nodes.sameShape(t.get(), plain.weight())) {
            return Optional.empty();
        }
        boolean negative = plain.negative();
        Expr whole = sum;
        for (Object node : facts.nodes()) {
            if (node instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE && Nodes.stripCasts(u.operand()) == sum) {
                whole = u;
                negative = !negative;
            }
        }
        return Optional.of(new BinaryCrossEntropyShape(whole, negative, plain.weight(), plain.log().args().get(0),
                plain.log(), complement.log()));
    }

    /** The {@code x} of {@code 1 - x}, casts looked through. */
    public static Optional<Expr> oneMinus(Expr e) {
        return Nodes.stripCasts(e) instanceof Expr.Binary d && d.op() == BinaryOp.SUBTRACT
                && MathCalls.isLiteral(d.left(), 1) ? Optional.of(d.right()) : Optional.empty();
    }

    /** {@code w·log(a)} or {@code log(a)·w}, where a negated weight makes the term negative. */
    private record Term(Expr weight, Expr.Call log, boolean negative) {
        static Optional<Term> of(Expr e) {
            Expr x = Nodes.stripCasts(e);
            boolean negative = false;
            if (x instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
                x = Nodes.stripCasts(u.operand());
                negative = true;
            }
            if (!(x instanceof Expr.Binary product) || product.op() != BinaryOp.MULTIPLY) {
                return Optional.empty();
            }
            Expr weight = MathCalls.logArgument(product.right()).isPresent() ? product.left() : product.right();
            Expr log = weight == product.left() ? product.right() : product.left();
            if (!(Nodes.stripCasts(log) instanceof Expr.Call call) || MathCalls.logArgument(call).isEmpty()) {
                return Optional.empty();
            }
            if (Nodes.stripCasts(weight) instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
                weight = u.operand();
                negative = !negative;
            }
            return Optional.of(new Term(weight, call, negative));
        }

        Term negated() {
            return new Term(weight, log, !negative);
        }
    }
}
