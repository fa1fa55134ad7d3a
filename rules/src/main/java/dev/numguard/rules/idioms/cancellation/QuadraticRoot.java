package dev.numguard.rules.idioms.cancellation;

import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.fixes.SourceEdits;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.UnaryOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The numerator of a root of {@code a·x² + b·x + c} by the textbook formula, {@code −b ± sqrt(b² − 4ac)}
 * (also {@code sqrt(…) − b}), with the discriminant and its square root followed through locals.
 * The {@code +} root cancels when {@code b > 0}, the {@code −} root when {@code b < 0}; whichever sign
 * {@code b} has at run time, one of the two roots loses its digits once {@code |4ac| ≪ b²}.
 *
 * @param numerator the {@code −b ± sqrt(…)} expression
 * @param b the linear coefficient as written in the numerator
 * @param squareRoot the square root as written in the numerator (a call or a local holding it)
 * @param plusRoot true for {@code −b + sqrt(…)}
 * @param a the quadratic coefficient from the discriminant, or null when it is not {@code b² − 4·a·c}
 * @param c the constant coefficient, or null likewise
 */
public record QuadraticRoot(Expr numerator, Expr b, Expr squareRoot, boolean plusRoot, Expr a, Expr c) {

    /** {@code numerator} as a textbook root whose cancelling sign is not excluded by how b is built. */
    public static Optional<QuadraticRoot> of(Expr.Binary numerator, MethodFacts facts) {
        Expr left = Nodes.stripCasts(numerator.left());
        Expr right = Nodes.stripCasts(numerator.right());
        Expr b;
        Expr root;
        boolean plus;
        if (numerator.op() == BinaryOp.ADD && negated(left) != null) {
            b = negated(left);
            root = right;
            plus = true;
        } else if (numerator.op() == BinaryOp.ADD && negated(right) != null) {
            b = negated(right);
            root = left;
            plus = true;
        } else if (numerator.op() == BinaryOp.SUBTRACT && negated(left) != null) {
            b = negated(left);
            root = right;
            plus = false;
        } else if (numerator.op() == BinaryOp.SUBTRACT) {
            b = right;
            root = left;
            plus = true;
        } else {
            return Optional.empty();
        }
        Optional<Expr> radicand = MathFunctions.sqrtArgument(facts.resolve(root));
        if (radicand.isEmpty() || !(Nodes.stripCasts(facts.resolve(radicand.get())) instanceof Expr.Binary disc)
                || disc.op() != BinaryOp.SUBTRACT || !isSquareOf(disc.left(), b) || signExcludesCancellation(b, plus, facts)
                || guardedToStableSign(numerator, b, plus, facts)) {
            return Optional.empty();
        }
        List<Expr> factors = new ArrayList<>();
        flattenProduct(disc.right(), factors);
        if (factors.stream().noneMatch(f -> MathCalls.isLiteral(f, 4))) {
            return Optional.empty();
        }
        factors.removeIf(f -> MathCalls.isLiteral(f, 4));
        boolean coefficients = factors.size() == 2;
        return Optional.of(new QuadraticRoot(numerator, b, root, plus, coefficients ? factors.get(0) : null,
                coefficients ? factors.get(1) : null));
    }

    /**
     * The Citardauq form of the root {@code whole} (the numerator over {@code 2·a}): where the textbook
     * form cancels, {@code 2c / (−b ∓ sqrt(…))}; elsewhere the original. Empty when a coefficient is
     * unknown or not safe to write twice.
     */
    public Optional<String> stableForm(Expr whole, MethodFacts facts) {
        if (c == null || !MathFunctions.isPure(b) || !MathFunctions.isPure(c) || !MathFunctions.isPure(squareRoot)) {
            return Optional.empty();
        }
        var context = facts.context();
        String bText = SourceEdits.asFactor(b, context);
        String rootText = SourceEdits.asFactor(squareRoot, context);
        String cancels = plusRoot ? bText + " > 0" : bText + " < 0";
        String citardauq = "2 * " + SourceEdits.asFactor(c, context) + " / (-" + bText + (plusRoot ? " - " : " + ")
                + rootText + ")";
        return Optional.of("(" + cancels + " ? " + citardauq + " : " + context.text(whole) + ")");
    }

    /** The division by {@code 2·a} (or {@code / 2 / a}) around the numerator, if there is one. */
    public Optional<Expr> overTwoA(MethodFacts facts) {
        if (a == null) {
            return Optional.empty();
        }
        for (Expr e : Nodes.expressions(facts.method().body())) {
            if (e instanceof Expr.Binary d && d.op() == BinaryOp.DIVIDE && Nodes.stripCasts(d.left()) == numerator) {
                if (isTwoTimes(d.right(), a)) {
                    return Optional.of(d);
                }
                if (MathCalls.isLiteral(d.right(), 2)) {
                    return Nodes.expressions(facts.method().body()).stream()
                            .filter(o -> o instanceof Expr.Binary outer && outer.op() == BinaryOp.DIVIDE
                                    && outer.left() == d && Nodes.sameShape(outer.right(), a))
                            .findFirst();
                }
            }
        }
        return Optional.empty();
    }

    private static Expr negated(Expr e) {
        return e instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE ? u.operand() : null;
    }

    private static boolean isSquareOf(Expr e, Expr b) {
        Expr s = Nodes.stripCasts(e);
        if (s instanceof Expr.Binary m && m.op() == BinaryOp.MULTIPLY) {
            return Nodes.sameShape(m.left(), b) && Nodes.sameShape(m.right(), b);
        }
        return s instanceof Expr.Call pow && pow.name().equals("pow")
                && pow.args().size() == 2 && MathCalls.isLiteral(pow.args().get(1), 2)
                && Nodes.sameShape(pow.args().get(0), b);
    }

    /**
     * True when b is built with the sign that keeps this root stable: {@code b = −2·offset} (a negative
     * coefficient times a quantity the code treats as non-negative) for the {@code +} root, a literal
     * of the stable sign for either.
     */
    private static boolean signExcludesCancellation(Expr b, boolean plus, MethodFacts facts) {
        Expr value = Nodes.stripCasts(facts.resolve(b));
        if (value instanceof Expr.Literal literal) {
            return plus ? literal.numericValue() <= 0 : literal.numericValue() >= 0;
        }
        return plus && value instanceof Expr.Binary m && m.op() == BinaryOp.MULTIPLY
                && (isNegativeLiteral(m.left()) || isNegativeLiteral(m.right()));
    }

    /**
     * True inside a branch of {@code b > 0 ? … : …} (or an {@code if} on b's sign, any comparison with
     * 0) where b has the sign for which this root does not cancel: b ≤ 0 for the {@code +} root.
     */
    private static boolean guardedToStableSign(Expr numerator, Expr b, boolean plus, MethodFacts facts) {
        List<Object> guards = new ArrayList<>(Nodes.expressions(facts.method().body()));
        guards.addAll(Nodes.statements(facts.method().body()));
        for (Object node : guards) {
            Expr condition = node instanceof Expr.Conditional c ? c.condition() : node instanceof Stmt.If i ? i.condition() : null;
            SourceSpan then = node instanceof Expr.Conditional c ? c.whenTrue().span()
                    : node instanceof Stmt.If i ? i.then().span() : null;
            SourceSpan otherwise = node instanceof Expr.Conditional c ? c.whenFalse().span()
                    : node instanceof Stmt.If i && i.otherwise() != null ? i.otherwise().span() : null;
            int positiveWhenTrue = condition == null ? 0 : signWhenTrue(condition, b);
            if (positiveWhenTrue == 0) {
                continue;
            }
            boolean inThen = then.contains(numerator.span());
            boolean inOtherwise = otherwise != null && otherwise.contains(numerator.span());
            int sign = inThen ? positiveWhenTrue : inOtherwise ? -positiveWhenTrue : 0;
            if (plus ? sign < 0 : sign > 0) {
                return true;
            }
        }
        return false;
    }

    /** +1 when {@code condition} true means b ≥ 0 (b > 0, b >= 0, 0 < b), -1 when it means b ≤ 0, else 0. */
    private static int signWhenTrue(Expr condition, Expr b) {
        if (!(Nodes.stripCasts(condition) instanceof Expr.Binary cmp)) {
            return 0;
        }
        boolean bLeft = Nodes.sameShape(cmp.left(), b) && MathCalls.isLiteral(cmp.right(), 0);
        boolean bRight = Nodes.sameShape(cmp.right(), b) && MathCalls.isLiteral(cmp.left(), 0);
        if (!bLeft && !bRight) {
            return 0;
        }
        int greater = switch (cmp.op()) {
            case GREATER, GREATER_EQUAL -> 1;
            case LESS, LESS_EQUAL -> -1;
            default -> 0;
        };
        return bLeft ? greater : -greater;
    }

    private static boolean isNegativeLiteral(Expr e) {
        Expr s = Nodes.stripCasts(e);
        return s instanceof Expr.Literal l && l.numericValue() < 0
                || s instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE && Nodes.stripCasts(u.operand()) instanceof Expr.Literal;
    }

    private static boolean isTwoTimes(Expr e, Expr a) {
        return Nodes.stripCasts(e) instanceof Expr.Binary m && m.op() == BinaryOp.MULTIPLY
                && (MathCalls.isLiteral(m.left(), 2) && Nodes.sameShape(m.right(), a)
                        || MathCalls.isLiteral(m.right(), 2) && Nodes.sameShape(m.left(), a));
    }

    private static void flattenProduct(Expr e, List<Expr> factors) {
        Expr s = Nodes.stripCasts(e);
        if (s instanceof Expr.Binary m && m.op() == BinaryOp.MULTIPLY) {
            flattenProduct(m.left(), factors);
            flattenProduct(m.right(), factors);
        } else {
            factors.add(s);
        }
    }
}
