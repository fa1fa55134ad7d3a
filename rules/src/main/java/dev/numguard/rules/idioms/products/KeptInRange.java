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
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Products that cannot silently underflow, whatever their factors: logged (LogOfProduct's case),
 * seeded with 0, added term by term into a series, or watched — compared with a tiny threshold and
 * rescaled, re-seeded or stopped there ({@code if (s < 1e-280) { s *= 1e280; logScale -= … }},
 * {@code while (term > Double.MIN_NORMAL)}), or handed as an array to a method that can rescale it.
 */
public final class KeptInRange {
    /** Named thresholds that mean "about to underflow": MIN_NORMAL, EPSILON, TINY, PROB_MIN, INORM, … */
    private static final Pattern TINY_NAME = Pattern.compile("(?i).*(min|eps|tiny|small|norm|under).*");
    private static final Set<BinaryOp> COMPARISONS = EnumSet.of(BinaryOp.LESS, BinaryOp.LESS_EQUAL, BinaryOp.GREATER,
            BinaryOp.GREATER_EQUAL);

    private KeptInRange() {
    }

    /**
     * The product held in {@code name} (a local, or an array or table) is logged, compared with a
     * threshold below 1 ({@code if (d < 0.01)}, {@code term > Double.MIN_NORMAL}), written in a branch
     * taken when something falls below a tiny threshold, scaled by a large literal, or passed as an
     * array or a row to a method that can rescale it in place ({@code checkUnderflow(d)}, {@code scale(alpha[t])}).
     */
    public static boolean rescaledOrLogged(String name, MethodFacts facts) {
        return watched(name, facts) || facts.nodes().stream().anyMatch(n -> n instanceof Expr x
                && MathCalls.logArgument(x).filter(a -> Nodes.mentions(a, name)).isPresent());
    }

    /**
     * The product held in {@code name} is kept in range by the method itself: compared with a
     * threshold below 1, written in a branch taken below a tiny threshold, scaled by a large literal,
     * or handed to a method that may rescale it. Its logarithm (the log of the scale) is then fine.
     */
    public static boolean watched(String name, MethodFacts facts) {
        for (Object node : facts.nodes()) {
            if (node instanceof Stmt.Assign a && normalisedInPlace(a, name, facts)) {
                return true;
            }
            if (node instanceof Stmt.If branch && tinyTest(branch.condition()) && (writes(branch.then(), name)
                    || branch.otherwise() != null && writes(branch.otherwise(), name))) {
                return true;
            }
            if (!(node instanceof Expr x)) {
                continue;
            }
            if (x instanceof Expr.Call c && !MathCalls.isMathOwner(c.ownerType()) && mayRescale(c, name, facts)) {
                return true;
            }
            if (x instanceof Expr.Binary b && COMPARISONS.contains(b.op())
                    && (name.equals(RawProducts.rootName(b.left())) && belowOne(b.right())
                    || name.equals(RawProducts.rootName(b.right())) && belowOne(b.left()))) {
                return true;
            }
            if (x instanceof Expr.Binary b && b.op() == BinaryOp.MULTIPLY && (large(b.left()) || large(b.right()))) {
                return true;
            }
        }
        return false;
    }

    /** The local {@code name} starts at 0 and is only ever multiplied: it stays 0 (a bug of its own, not an underflow). */
    public static boolean seededWithZero(String name, MethodFacts facts) {
        Stmt.LocalDecl declaration = facts.declaration(name);
        return declaration != null && declaration.init() != null && MathCalls.isLiteral(declaration.init(), 0)
                && facts.definitions(name).stream().noneMatch(d -> d.isPlain() && d.site() != declaration
                && !MathCalls.isLiteral(d.value(), 0));
    }

    /**
     * The product is a series term: in the same loop it is added into another accumulator
     * ({@code t *= x / k; s += t;}), so a term that underflows is negligible next to the sum.
     */
    public static boolean seriesTerm(String name, Stmt.Loop loop, MethodFacts facts) {
        for (Stmt s : Nodes.statements(loop.body())) {
            if (!(s instanceof Stmt.Assign a) || name.equals(RawProducts.rootName(a.target()))
                    || facts.enclosingLoops(s.span()).stream().noneMatch(l -> l == loop)) {
                continue;
            }
            Expr value = Nodes.stripCasts(a.value());
            boolean adds = (a.op() == AssignOp.ADD || a.op() == AssignOp.SUBTRACT) && Nodes.mentions(value, name)
                    || a.op() == AssignOp.ASSIGN && value instanceof Expr.Binary b
                    && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUBTRACT)
                    && (Nodes.sameShape(Nodes.stripCasts(b.left()), Nodes.stripCasts(a.target())) && Nodes.mentions(b.right(), name)
                    || Nodes.sameShape(Nodes.stripCasts(b.right()), Nodes.stripCasts(a.target())) && Nodes.mentions(b.left(), name));
            if (adds) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code c} is handed the array {@code name} (or a row of it) and may rescale it in place: its
     * body is not in the analysed tree (and it is not the JDK's), or it writes elements of that
     * parameter. A sampler that only reads the array ({@code nextDiscrete(probabilities)}) does not.
     */
    private static boolean mayRescale(Expr.Call c, String name, MethodFacts facts) {
        for (int i = 0; i < c.args().size(); i++) {
            Expr a = c.args().get(i);
            if (a.type().arrayDimensions() == 0 || !name.equals(RawProducts.rootName(Nodes.stripCasts(a)))) {
                continue;
            }
            var callee = facts.context().callee(c);
            if (c.ownerType().startsWith("java.")) {
                continue;                                   // Arrays.fill, System.arraycopy: the JDK rescales nothing
            }
            if (callee.isEmpty() || i >= callee.get().method().parameters().size()) {
                return true;
            }
            String parameter = callee.get().method().parameters().get(i).name();
            if (callee.get().statements().stream().anyMatch(s -> s instanceof Stmt.Assign w
                    && w.target() instanceof Expr.ArrayElement && parameter.equals(RawProducts.rootName(w.target())))) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code alpha[t][j] /= scale} where {@code scale} is a local that adds up cells of the same
     * table ({@code scale += alpha[t][j]}): each row is normalised by its sum in place (the hand
     * form of Rabiner scaling).
     */
    private static boolean normalisedInPlace(Stmt.Assign a, String name, MethodFacts facts) {
        if (a.op() != AssignOp.DIVIDE || !(Nodes.stripCasts(a.target()) instanceof Expr.ArrayElement)
                || !name.equals(RawProducts.rootName(a.target())) || !(Nodes.stripCasts(a.value()) instanceof Expr.VarRead scale)
                || scale.kind() != VarKind.LOCAL) {
            return false;
        }
        return facts.definitions(scale.name()).stream().anyMatch(d -> d.op() == AssignOp.ADD && d.value() != null
                && name.equals(RawProducts.rootName(Nodes.stripCasts(d.value()))));
    }

    private static boolean writes(Stmt branch, String name) {
        for (Stmt s : Nodes.statements(branch)) {
            if (s instanceof Stmt.Assign a && name.equals(RawProducts.rootName(a.target()))) {
                return true;
            }
        }
        return false;
    }

    /** A comparison with a tiny literal (at most 1e-30) or a constant named like MIN_NORMAL or EPSILON. */
    private static boolean tinyTest(Expr condition) {
        for (Expr x : Nodes.expressions(condition)) {
            if (x instanceof Expr.Binary b && COMPARISONS.contains(b.op()) && (tiny(b.left()) || tiny(b.right()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean tiny(Expr e) {
        Expr x = Nodes.stripCasts(e);
        return x instanceof Expr.Literal l && l.value() instanceof Number n && n.doubleValue() > 0 && n.doubleValue() <= 1e-30
                || x instanceof Expr.VarRead v && v.kind() == VarKind.FIELD && v.name().matches("[A-Z][A-Z0-9_]*")
                && TINY_NAME.matcher(v.name()).matches();
    }

    private static boolean belowOne(Expr e) {
        return tiny(e) || Nodes.stripCasts(e) instanceof Expr.Literal l && l.value() instanceof Number n
                && n.doubleValue() > 0 && n.doubleValue() < 1;
    }

    private static boolean large(Expr e) {
        return Nodes.stripCasts(e) instanceof Expr.Literal l && l.value() instanceof Number n && n.doubleValue() >= 1e10;
    }
}
