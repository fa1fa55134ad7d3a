package dev.numguard.rules.core;

import dev.numguard.rules.Finding;
import dev.numguard.rules.Fix;
import dev.numguard.rules.Rule;
import dev.numguard.rules.RuleInfo;
import dev.numguard.rules.Severity;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.fixes.ProductDivisorGuard;
import dev.numguard.rules.fixes.SourceEdits;
import dev.numguard.rules.idioms.guards.TestedOrigins;
import dev.numguard.rules.idioms.norms.ConstructedVectors;
import dev.numguard.rules.idioms.norms.DrawnVectors;
import dev.numguard.rules.idioms.norms.NormDivisors;
import dev.numguard.rules.idioms.norms.NormDivisors.NormDivisor;
import dev.numguard.rules.idioms.norms.NormQuotients;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Division by a norm or a standard deviation with no ε and no zero guard. */
@RuleInfo(
        summary = "dividing by a norm or standard deviation without an epsilon is 0/0 = NaN for a zero or constant input",
        severity = Severity.ERROR,
        whatItDoes = """
                Flags a division (`/`, `/=`, `divide(…)`, also `divide(…)` on `this` written without a target) by a norm \
                or a standard deviation: `Math.sqrt` of a sum of squares or of a variance, `Math.pow(m2, 1.5)`, a \
                product of norms (cosine similarity), a same-class helper returning one, a call named for a norm \
                that is handed the data (`BLAS.norm(v, p)`, `l2Norm(x)`), or a value named `norm`, `std`, `sigma`…, a field caching one lazily (NaN until computed, every other write a norm), \
                `sqrt(getVariance())`, when there is no ε (`sqrt(var + eps)`, \
                `Math.max(norm, tiny)`, `ss += eps;` before the root) and no guard on it (`if (norm == 0) return`, `std > 0 ? … : …`). Divisors that \
                cannot be 0 are left alone: an int or long divisor (a count), `sqrt(c + x*x)` with a positive constant `c` (a literal or a final \
                constant field), `sqrt(c - x*x)` (a sine or complement such as `sqrt(1 - r*r)`, not a variance); \
                so are the cosine and sine of a plane rotation `a / sqrt(a*a + b*b)` of floating-point values and \
                every other quotient by that radius in the method (`z = rhs / r` beside `c = a / r; s = b / r`), \
                a cosine or a correlation `covar / (sx * sy)` whose numerator is tested first (`if (covar != 0)`: by \
                Cauchy–Schwarz neither factor is then 0), \
                a parameter or field whose every source tests it before passing it (every call that can reach \
                the method runs under `if (beta > 0)` or after `if (beta == 0) return;`, or the factory builds \
                the object holding `std` only in the else-part of `if (std < CLOSE_TO_ZERO)`; non-zero literals \
                count as tested), \
                a constant or the sample mean over a sample standard deviation computed once in the method and never \
                applied element by element (`1 / (0.78 * sqrt(var))`, `-mean / sd`: a moment estimate, ±Infinity \
                for a constant sample), a sample moment over a power of the variance computed once (`m3 / pow(m2, \
                1.5)`: a skewness or kurtosis, undefined for a constant sample by definition), and the norm of a vector of uniform draws, filled in the method or returned by \
                a helper of the project (`double[] p = uniform(3); p[i] /= norm(p)`: 0 only if every draw is); \
                nor is the norm of a vector that is no data: one the project constructs from integers and constants \
                alone (a lattice of reference directions `k / parts`, a grid of weights), followed from the division \
                through locals, the callers of private methods, the rows of a field and every write of that field, to \
                a generator of the project that, with every method it calls, reads no floating-point or array field, \
                no parameter a caller outside it can pass, no count kept outside a constructor and no number from a \
                library; the vector's elements only rescaled on the way (`w[i] = w[i] / n`). Its zero-ness is decided \
                by the code, not by an input.""",
        whyIsThisBad = """
                A constant input has standard deviation exactly 0 and a zero vector has norm exactly 0, so \
                standardisation, layer or batch normalisation, L2 normalisation and cosine similarity compute \
                0/0 = NaN (or x/0 = ±Infinity) on them, and the NaN spreads through everything downstream. A \
                constant feature column, an all-zero embedding or a padded sequence is ordinary data.""",
        example = """
                double[] standardise(double[] x, double mean, double sumsq) {
                    double std = Math.sqrt(sumsq / x.length);
                    double[] z = new double[x.length];
                    for (int i = 0; i < x.length; i++) {
                        z[i] = (x[i] - mean) / std;
                    }
                    return z;
                }""",
        useInstead = """
                double[] standardise(double[] x, double mean, double sumsq) {
                    double std = Math.sqrt(sumsq / x.length + 1e-5);
                    double[] z = new double[x.length];
                    for (int i = 0; i < x.length; i++) {
                        z[i] = (x[i] - mean) / std;
                    }
                    return z;
                }""",
        fixSafety = """
                Needs review: adding ε = 1e-5 inside the square root (the layer-norm convention) changes every \
                result slightly, by about ε/(2·variance) relative, and may not be the ε the model was trained \
                with. Offered where the divisor is a `Math.sqrt(…)` written in the method; elsewhere (a \
                product of norms, a power) a divisor that cannot be negative becomes \
                `Math.max(d, Double.MIN_NORMAL)` (`Float.MIN_NORMAL` for a float), and a named divisor of \
                unknown sign a zero guard `d == 0 ? 0 : n / d`, also for a product of norms of unknown sign \
                (`Math.sqrt(xx) * normY`, read twice, so only of plain reads and math functions of them); \
                either changes only a zero (or subnormal) \
                divisor: a zero vector or a constant input then gives 0 instead of NaN.""",
        knownLimits = """
                Norms and standard deviations are recognised by their form in the method or a same-class helper, \
                or by the name of the value divided by; one computed elsewhere under another name is missed, and \
                a value named `norm` that is never 0 is flagged. A guard is any test of the divisor (or what it \
                is computed from) around or before the division; its direction is not checked. Divisions inside \
                array APIs (`scal(1 / norm)`) are seen only when written with `/`. A test in a caller or a factory \
                counts only when it reads the variable passed at every call or write the analysis finds in the \
                sources (one untested caller keeps the finding; its direction is not checked either). Not known, \
                and reported: vectors non-zero by construction from data or from a public parameter (a weight vector \
                the user configures, directions passed to a constructor), a sum named `norm` \
                of terms kept positive by rescaling elsewhere, a step norm a solver keeps positive by its own \
                logic (MINPACK's dogleg and Broyden update), a bandwidth `sqrt(width*width) * factor` from a \
                configuration, a norm over a collection whose emptiness also skips the division; nor is the use \
                of a quotient. A norm asked of an object with no argument (`v.getNorm()`) counts only by \
                the name of the value it is stored in.""")
public final class NormalizeWithoutEpsilon implements Rule {
    private static final Set<String> DIVIDE_CALLS = Set.of("divide", "div", "divi");

    @Override
    public Optional<Finding> matchBinary(Expr.Binary division, MethodFacts facts) {
        return division.op() == BinaryOp.DIVIDE ? check(division, division.left(), division.right(), facts)
                : Optional.empty();
    }

    @Override
    public Optional<Finding> matchAssign(Stmt.Assign assign, MethodFacts facts) {
        if (assign.op() != AssignOp.DIVIDE) {
            return Optional.empty();
        }
        return check(assign.value(), assign.target(), assign.value(), facts).map(f -> finding(facts, assign.span())
                .message(f.message()).fix(f.fix().orElse(null)).build());
    }

    @Override
    public Optional<Finding> matchCall(Expr.Call call, MethodFacts facts) {
        // divide(norm) with no target is this.divide(norm): a vector normalising itself
        return DIVIDE_CALLS.contains(call.name()) && call.args().size() == 1 && (call.target() != null || !call.isStatic())
                ? check(call, call.target(), call.args().get(0), facts) : Optional.empty();
    }

    private Optional<Finding> check(Expr site, Expr numerator, Expr divisor, MethodFacts facts) {
        Optional<NormDivisor> norm = NormDivisors.of(divisor, facts);
        if (norm.isEmpty() || NormDivisors.guarded(site, norm.get().names(), facts)
                || NormDivisors.isCount(divisor)
                || DrawnVectors.only(norm.get().divisor(), facts)
                || ConstructedVectors.only(norm.get().divisor(), facts)
                || numeratorTested(site, numerator, divisor, facts)
                || NormQuotients.isRotation(numerator, norm.get(), facts)
                || radiusOfRotation(norm.get(), facts)
                || TestedOrigins.holds(norm.get().divisor(), facts)
                || NormQuotients.isScaleEstimate(site, numerator, norm.get(), facts)) {
            return Optional.empty();
        }
        return finding(facts, site.span())
                .message("division by a norm or standard deviation '" + facts.context().text(divisor) + "' with no "
                        + "epsilon and no zero guard: for a zero or constant input it is 0, and the result 0/0 = NaN "
                        + "(or x/0 = Infinity).")
                .handFix("guard the zero case (if (norm == 0) …) or divide by Math.max(norm, tiny); for a standard "
                        + "deviation add eps inside the square root, sqrt(variance + 1e-5).")
                .fix(Optional.ofNullable(epsilonFix(norm.get().sqrt(), facts))
                        .or(() -> Optional.ofNullable(guardFix(site, divisor, facts)))
                        .or(() -> ProductDivisorGuard.of(site, divisor, facts)).orElse(null))
                .asMatch();
    }

    /**
     * A cosine or a correlation, an inner product over a product of two norms, whose numerator is
     * tested where it is divided ({@code if (covar != 0) r = covar / (sx * sy)}): by Cauchy–Schwarz
     * {@code |covar| <= sx * sy}, so a non-zero numerator has neither norm 0.
     */
    private static boolean numeratorTested(Expr site, Expr numerator, Expr divisor, MethodFacts facts) {
        if (numerator == null || !(Nodes.stripCasts(divisor) instanceof Expr.Binary product)
                || product.op() != BinaryOp.MULTIPLY) {
            return false;
        }
        Set<String> names = new java.util.LinkedHashSet<>();
        for (Expr x : Nodes.expressions(numerator)) {
            if (x instanceof Expr.VarRead v && v.type().isFloatingScalar()) {
                names.add(v.name());
            }
        }
        return !names.isEmpty() && NormDivisors.guarded(site, names, facts);
    }

    /**
     * The divisor is the radius of a plane rotation the method builds ({@code c = a / r; s = b / r}
     * with {@code r = sqrt(a*a + b*b)}, also of scaled values such as {@code u1 = (b11/scale)*(b11/scale) - p}):
     * every quotient by it, the rotated right-hand side {@code rhs / r} too, belongs to the rotation,
     * which such code applies only to a pair it has not already found to be zero.
     */
    private static boolean radiusOfRotation(NormDivisor norm, MethodFacts facts) {
        if (norm.sqrt() == null) {
            return false;
        }
        List<Expr> pair = squaredPair(norm.sqrt().args().get(0), facts);
        Expr radius = Nodes.stripCasts(norm.divisor());
        return pair.size() == 2 && pair.stream().allMatch(x -> x.type().numeric().isFloatingPoint())
                && facts.nodes().stream().anyMatch(n -> n instanceof Expr.Binary d && d.op() == BinaryOp.DIVIDE
                        && Nodes.sameShape(Nodes.stripCasts(d.right()), radius)
                        && pair.stream().anyMatch(x -> Nodes.sameShape(Nodes.stripCasts(d.left()), x)));
    }

    /** The two values squared in {@code a*a + b*b} (or {@code pow(a, 2) + pow(b, 2)}), read through a local; else empty. */
    private static List<Expr> squaredPair(Expr sum, MethodFacts facts) {
        if (!(Nodes.stripCasts(facts.resolve(sum)) instanceof Expr.Binary add) || add.op() != BinaryOp.ADD) {
            return List.of();
        }
        List<Expr> bases = new ArrayList<>();
        for (Expr term : List.of(add.left(), add.right())) {
            Expr t = Nodes.stripCasts(term);
            if (t instanceof Expr.Binary square && square.op() == BinaryOp.MULTIPLY
                    && Nodes.sameShape(square.left(), square.right())) {
                bases.add(Nodes.stripCasts(square.left()));
            } else if (t instanceof Expr.Call pow && MathCalls.call(pow, "pow", 2).isPresent()
                    && MathCalls.isLiteral(pow.args().get(1), 2)) {
                bases.add(Nodes.stripCasts(pow.args().get(0)));
            }
        }
        return bases;
    }

    /**
     * A divisor that cannot be negative (a square root, an absolute value, a power with an even or
     * fractional exponent, products of these) is floored: {@code x / Math.max(d, Double.MIN_NORMAL)}
     * changes only a zero or subnormal divisor, whose zero vector or constant input has a zero
     * numerator, so the result is 0 instead of NaN. A named divisor of unknown sign, in a division
     * {@code n / d}, gets a zero guard {@code d == 0 ? 0 : n / d} instead.
     */
    private static Fix guardFix(Expr site, Expr divisor, MethodFacts facts) {
        if (!divisor.type().isFloatingScalar() || !facts.method().span().contains(divisor.span())) {
            return null;
        }
        String text = facts.context().text(divisor);
        if (notNegative(divisor)) {
            String tiny = divisor.type().numeric() == NumericType.FLOAT ? "Float.MIN_NORMAL" : "Double.MIN_NORMAL";
            return Fix.review("Divide by at least " + tiny, List.of(SourceEdits.replaceByPrimary(divisor.span(),
                    "Math.max(" + text + ", " + tiny + ")", facts.context())), List.of());
        }
        Expr named = Nodes.stripCasts(divisor);
        boolean plain = named instanceof Expr.VarRead || named instanceof Expr.ArrayElement element
                && Nodes.stripCasts(element.index()) instanceof Expr.VarRead && element.array() instanceof Expr.VarRead;
        if (!(site instanceof Expr.Binary division) || !plain) {
            return null;
        }
        String guarded = SourceEdits.ungroupedWhereStandalone("(" + text + " == 0 ? 0 : "
                + facts.context().text(division) + ")", division, facts);
        return Fix.review("Guard the zero divisor", List.of(TextEdit.replace(division.span(), guarded)), List.of());
    }

    private static boolean notNegative(Expr divisor) {
        Expr e = Nodes.stripCasts(divisor);
        if (e instanceof Expr.Binary product && product.op() == BinaryOp.MULTIPLY) {
            return notNegative(product.left()) && notNegative(product.right());
        }
        if (!(e instanceof Expr.Call call)) {
            return false;
        }
        Optional<String> function = MathCalls.function(call);
        if (function.filter(f -> f.equals("sqrt") || f.equals("abs")).isPresent()) {
            return true;
        }
        return function.filter("pow"::equals).isPresent() && call.args().size() == 2
                && call.args().get(1) instanceof Expr.Literal exponent && exponent.value() instanceof Number n
                && (n.doubleValue() % 2 == 0 || n.doubleValue() != Math.rint(n.doubleValue()));
    }

    /** {@code sqrt(v)} becomes {@code sqrt(v + 1e-5)}. */
    private static Fix epsilonFix(Expr.Call sqrt, MethodFacts facts) {
        if (sqrt == null || !facts.method().span().contains(sqrt.span())) {
            return null;
        }
        Expr inside = sqrt.args().get(0);
        String epsilon = Nodes.stripCasts(inside).type().numeric() == NumericType.FLOAT ? "1e-5f" : "1e-5";
        String replacement = SourceEdits.asAdditiveOperand(inside, facts.context()) + " + " + epsilon;
        return Fix.review("Add epsilon " + epsilon + " inside the square root",
                List.of(TextEdit.replace(inside.span(), replacement)), List.of());
    }
}
