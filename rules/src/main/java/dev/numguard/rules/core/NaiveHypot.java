package dev.numguard.rules.core;

import dev.numguard.rules.Finding;
import dev.numguard.rules.Fix;
import dev.numguard.rules.Rule;
import dev.numguard.rules.RuleInfo;
import dev.numguard.rules.Severity;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.fixes.DeadCode;
import dev.numguard.rules.fixes.IndexedNorm;
import dev.numguard.rules.fixes.IterableNorm;
import dev.numguard.rules.fixes.PrefixNorm;
import dev.numguard.rules.fixes.ValueAtUse;
import dev.numguard.rules.fixes.WholeArrayIdiom;
import dev.numguard.rules.idioms.norms.GuardedMagnitude;
import dev.numguard.rules.idioms.norms.NormInputs;
import dev.numguard.rules.idioms.norms.SaturatingUse;
import dev.numguard.rules.idioms.norms.SquaredOrigins;
import dev.numguard.rules.idioms.norms.SumOfSquares;
import dev.numguard.rules.messages.SquareThresholds;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code sqrt(x*x + y*y)} and {@code sqrt(Σ x[i]²)} of unscaled values: use {@code Math.hypot} / {@code Statistics.norm2}. */
@RuleInfo(
        summary = "sqrt of a sum of squares is Infinity or 0 where the norm is representable; use Math.hypot or Statistics.norm2",
        severity = Severity.WARNING,
        whatItDoes = """
                Flags the square root of a sum of squares of floating-point values squared in their own type: \
                `Math.sqrt(x * x + y * y)`, `Math.pow(x, 2)` terms, up to four terms, directly or through a local \
                holding the sum; `Math.sqrt(s)` after a loop `s += x[i] * x[i]`; a single square shifted by a \
                constant, `Math.sqrt(x * x + 1)` (asinh, secant), which overflows where the root is about |x|; and \
                the root of a sum of squares a method returns by its name (`Math.sqrt(m.sumSq())`, \
                `Math.sqrt(getLengthSquared())`). A double reaches 1.34e154 or 1.49e-154, where its square \
                overflows or underflows, only when something lets it, so the policy is by whose choice the \
                magnitude of the values squared is. Reported as a warning: a caller's values read without \
                arithmetic (a parameter of a method other code can call or of a lambda, an element of such \
                an array, a field or an index accessor of such an object (`v.get(i)`, `a.getX()`), a field of \
                the object that a constructor or setter stores a parameter in, or the difference of two such \
                values, as in a distance; followed through locals, running sums, `abs`/`min`/`max`, and from \
                a private helper to its callers' arguments): a public norm, distance, cosine or `asinh` must \
                accept every double; also magnitudes the code grows (`exp`, `sinh`, `cosh`, a power with a \
                computed exponent, a product accumulated in a loop, a quotient by a caller's value). \
                Reported as a note, naming the value: values read from a library, whose scale the code does \
                not show. Left alone: values the application computes from others (shifted, scaled, rotated \
                or centred values, objectives of decision variables, model and distribution parameters, a \
                norm of arguments stored straight into a field), whose magnitude is set by what they mean, \
                and values whose origin bounds them, followed across methods (through private helpers to \
                their callers' arguments, through calls of the analysed code to what they return, through \
                arrays to the values written into them): float, int or long values widened to double (also \
                through locals, differences, sums, products and means of them: pixel and atom coordinates, \
                counts); uniform or Gaussian draws, sines, cosines, tanh, logarithms (at most 745 in \
                magnitude); constants, also fields whose value is computed; entries of an orthonormal factor of a decomposition (`evd.getV()`, \
                `svd.getU()`, `qr.getQ()`, `getEigenvector(k)` read element by element: within [-1, 1]); \
                values divided by a scale first (`x[k] /= scale; h += x[k] * x[k]`, or an array of quotients \
                handed to a private helper). A single shifted square is left alone when a comparison \
                on the path keeps the value below the overflow point of its type: a ratio taken under a \
                comparison of magnitudes (`if (Math.abs(f) >= Math.abs(g)) { c = g / f; r = Math.sqrt(c * c + 1); }`, \
                as Givens rotations and LAPACK do, also as a conditional or after an early return: |c| <= 1), or \
                a value tested against a constant (`if (Math.abs(x) < 1e20) z = Math.sqrt(2 + x * x)`: safe in \
                double, still reported in float, whose squares overflow above 1.84e19); an unguarded ratio is \
                reported. Norms whose value is only compared (`sqrt(..) < limit`, also a sum of norms held in \
                a local), exponentiated (`exp(-c * sqrt(..))`) or converted to an integer \
                (`(int) Math.round(sqrt(..))`: a pixel count, a number of steps) are left alone too: \
                Infinity and 0 give what the true norm would.""",
        whyIsThisBad = """
                The squares overflow to Infinity once a value exceeds 1.34e154 in double (1.84e19 in float) and \
                underflow to 0 below 1.49e-154 (1.08e-19 in float), so the norm comes out Infinity or 0 (and a \
                normalisation by it NaN) although the norm itself is an ordinary number. `Math.hypot` and a \
                scaled norm (Blue's algorithm, as LAPACK's dnrm2) never form the squares unscaled. Doubles \
                rarely reach these magnitudes, hence a warning; float values do sooner.""",
        example = """
                double magnitude(double re, double im) {
                    return Math.sqrt(re * re + im * im);
                }""",
        useInstead = """
                double magnitude(double re, double im) {
                    return Math.hypot(re, im);
                }""",
        fixSafety = """
                Safe for the written-out sum: `Math.hypot` is correctly rounded to within one ulp and differs from \
                the original only where that rounded the squares; it is slower than a square root (about 10-40 ns). \
                Needs review for the accumulated sum: `Statistics.norm2(x)` sums in another order (results may differ \
                in the last bits) and returns a float for a float array; it replaces the accumulation when the \
                method does nothing else, and only the square root otherwise. The first n elements of an array held by \
                an object (`desc.data[i]` for `i < desc.size()` or `i < n`) become `Statistics.norm2(desc.data, 0, n)` \
                when nothing between the loop and the root writes a field or an element or calls a method; the loop \
                is deleted when the sum fed only the root. A sum over an enhanced-for of a collection, of values \
                that are a function of the element alone (`for (Number n : map.values()) { double v = \
                n.doubleValue(); s += v * v; }`), becomes `Statistics.norm2(map.values(), n -> n.doubleValue())` \
                when neither the loop nor anything up to the root calls a method (other than Math's and the element's \
                getters) or writes anything but locals: the values are read again, once each. The root of a sum of squares \
                a vector class returns by name (`Math.sqrt(getLengthSquared())`) becomes \
                `Statistics.norm2(size(), this::get)` where the class analysed is that vector and declares an instance \
                `int size()` and `double get(int)` (or `getX`, `getQuick`, `getEntry`): this takes the name at its word \
                (the squared length is the sum of the squares of the elements) and reads every element, also of a \
                sparse vector. Other sums over part of an array or a field get advice instead.""",
        knownLimits = """
                Sums of squares made by array APIs (`map(x, e -> e * e)`) are not seen, nor is scaling done in place by \
                another method, nor a sum of squares returned by a method not named for one. Float squares \
                (overflow at 1.84e19) keep the older policy: reported whenever some value can be caller data. \
                The policy trades a few true findings for silence on computed values: a norm of values the \
                application transforms before squaring (`x - mean` of unbounded data, a rotation of a \
                caller's vector, a Givens ratio taken from computed values) is left alone even where the \
                caller could make them huge, and a norm stored straight into a field (`this.length = \
                Math.sqrt(x * x + y * y)` in a constructor) is taken for a derived parameter. Values the \
                policy does report although their meaning bounds them: coordinates in pixels or Ångström \
                read from public geometry objects (`a.getX() - b.getX()`); model embeddings and audio spectra \
                held in float arrays; a value read from a library whose own magnitude is bounded (a note). \
                A static helper that converts a parameter (`decode(solution)`) is not an accessor: its \
                result counts as computed. Origins are followed \
                for at most 40 searches of 400 steps per norm; past that, the values count as caller data. A value \
                the analysed code hands to a library and reads back (an FFT done in place) counts as internal \
                state and gives a note. A `getV()` of a type whose name does not say decomposition (eigen, SVD, \
                QR, spectral) is not taken for an orthonormal factor. A range test is read only where it sits on \
                the path (an enclosing branch, an earlier early return) and only for a single shifted square; a \
                variable reassigned between the test and the root is not followed.""")
public final class NaiveHypot implements Rule {
    private static final String STATISTICS = "dev.numguard.guards.Statistics";
    private static final SquaredOrigins.Verdict CALLER_DATA = new SquaredOrigins.Verdict(SquaredOrigins.Scale.CALLER_DATA, null);

    @Override
    public Optional<Finding> matchCall(Expr.Call sqrt, MethodFacts facts) {
        if (MathCalls.call(sqrt, "sqrt", 1).isEmpty()) {
            return Optional.empty();
        }
        Expr argument = sqrt.args().get(0);
        Optional<SumOfSquares> sum = SumOfSquares.of(argument, facts);
        if (sum.isEmpty() || SaturatingUse.of(sqrt, facts)) {
            return Optional.empty();
        }
        if (sum.get().shift() != null && boundedOnPath(sum.get(), sqrt, facts)) {
            return Optional.empty();
        }
        boolean accumulated = sum.get().reduction() != null;
        SquaredOrigins.Verdict origins = sum.get().fromMethod() ? CALLER_DATA
                : SquaredOrigins.of(accumulated ? List.of(sum.get().base()) : sum.get().components(), sum.get().type(),
                        sum.get().shift() == null, facts);
        if (origins.scale() == SquaredOrigins.Scale.BOUNDED) {
            return Optional.empty();
        }
        if (!sum.get().fromMethod() && sum.get().type() == NumericType.DOUBLE) {
            origins = NormInputs.of(sqrt, accumulated ? List.of(sum.get().base()) : sum.get().components(), facts);
            if (origins == null) {
                return Optional.empty();
            }
        }
        if (sum.get().fromMethod()) {
            return finding(facts, sqrt.span())
                    .message("sqrt of the sum of squares '" + facts.context().text(sum.get().base()) + "': "
                            + SquareThresholds.sentence(sum.get().type())
                            + ", so the norm is Infinity or 0 where it is representable.")
                    .handFix("take a scaled norm (Statistics.norm2, BLAS dnrm2, the library's norm2()) instead of "
                            + "the root of the squared one.")
                    .fix(IndexedNorm.arguments((Expr.Call) sum.get().base(), facts)
                            .map(arguments -> Fix.review("Use Statistics.norm2 over the elements", List.of(TextEdit.replace(
                                    sqrt.span(), STATISTICS + ".norm2(" + arguments + ")")), List.of(STATISTICS)))
                            .orElse(null))
                    .asMatch();
        }
        if (sum.get().shift() != null) {
            return doubted(finding(facts, sqrt.span()), origins)
                    .message("sqrt(x*x + c): " + SquareThresholds.overflowSentence(sum.get().type())
                            + ", so the root is Infinity where it is about |x|.")
                    .handFix("use Math.hypot(x, Math.sqrt(c)) (Math.hypot(x, 1) for x*x + 1).")
                    .fix(shiftedHypotFix(sqrt, argument, sum.get(), facts)).asMatch();
        }
        String message = (accumulated ? "sqrt of an accumulated sum of squares: " : "sqrt(x*x + y*y): ")
                + SquareThresholds.sentence(sum.get().type()) + ", so the norm is Infinity or 0 where it is representable.";
        Fix fix = accumulated ? arrayFix(sqrt, sum.get(), facts) : hypotFix(sqrt, argument, sum.get(), facts);
        return doubted(finding(facts, sqrt.span()), origins).message(message)
                .handFix(accumulated ? "use Statistics.norm2(x) for a whole array, or scale by the largest |x[i]| first."
                        : "use Math.hypot(x, y) (nested for more terms).")
                .fix(fix).asMatch();
    }

    /**
     * Reported as a note when no value squared comes from a caller: the values are the program's own
     * state (a library's result, an array filled elsewhere), whose scale the code does not show.
     */
    private static Finding.Builder doubted(Finding.Builder finding, SquaredOrigins.Verdict origins) {
        return origins.scale() != SquaredOrigins.Scale.INTERNAL ? finding
                : finding.lowered(Severity.INFO, "no value squared is a caller's argument; they come from '"
                        + origins.source() + "', whose scale the code does not show");
    }

    /**
     * {@code sqrt(x*x + c)} where a comparison on the path keeps |x| below the overflow point of the
     * square: a ratio taken under a comparison of magnitudes (|x| <= 1), or a value tested against a
     * constant small enough. The constant keeps the sum from underflowing, so overflow is all there is.
     */
    private static boolean boundedOnPath(SumOfSquares sum, Expr.Call sqrt, MethodFacts facts) {
        Expr x = sum.components().get(0);
        double overflowPoint = sum.type() == NumericType.FLOAT ? Math.sqrt(Float.MAX_VALUE) : Math.sqrt(Double.MAX_VALUE);
        return GuardedMagnitude.ratioAtMostOne(x, facts) || GuardedMagnitude.below(x, sqrt.span(), overflowPoint, facts);
    }

    private static Fix hypotFix(Expr.Call sqrt, Expr argument, SumOfSquares sum, MethodFacts facts) {
        Expr written = facts.resolve(argument);
        if (written != argument && !ValueAtUse.stillNamed(written, written.span(), sqrt, facts)) {
            return null;
        }
        String owner = MathCalls.ownerForFix(sqrt);
        String hypot = facts.context().text(sum.components().get(0));
        for (Expr next : sum.components().subList(1, sum.components().size())) {
            hypot = owner + ".hypot(" + hypot + ", " + facts.context().text(next) + ")";
        }
        return Fix.safe("Use " + owner + ".hypot", List.of(TextEdit.replace(sqrt.span(), hypot)), List.of());
    }

    /** {@code sqrt(x*x + 1)} becomes {@code hypot(x, 1)}: exact for the constant 1, whose root is itself. */
    private static Fix shiftedHypotFix(Expr.Call sqrt, Expr argument, SumOfSquares sum, MethodFacts facts) {
        Expr written = facts.resolve(argument);
        if (!MathCalls.isLiteral(sum.shift(), 1)
                || written != argument && !ValueAtUse.stillNamed(written, written.span(), sqrt, facts)) {
            return null;
        }
        String owner = MathCalls.ownerForFix(sqrt);
        String hypot = owner + ".hypot(" + facts.context().text(sum.components().get(0)) + ", 1)";
        return Fix.safe("Use " + owner + ".hypot", List.of(TextEdit.replace(sqrt.span(), hypot)), List.of());
    }

    /** {@code sqrt(sum)} replaced by {@code call}, the sum's loop deleted where it only fed the root. */
    private static Fix prefixNormFix(Expr.Call sqrt, String call, MethodFacts facts) {
        List<TextEdit> edits = new ArrayList<>(List.of(TextEdit.replace(sqrt.span(), call)));
        edits.addAll(DeadCode.onlyFeeding(sqrt.span(), call, facts));
        return Fix.review("Use Statistics.norm2", edits, List.of(STATISTICS));
    }

    private static Fix arrayFix(Expr.Call sqrt, SumOfSquares sum, MethodFacts facts) {
        Stmt.LocalDecl declaration = facts.declaration(sum.reduction().variable());
        Optional<String> array = WholeArrayIdiom.arrayOf(facts.resolve(sum.base()), facts, null);
        // float squares summed in a double: norm2(float[]) would round the result to float
        boolean narrows = sum.type() == NumericType.FLOAT && declaration != null
                && declaration.type().numeric() != NumericType.FLOAT;
        if (declaration == null || narrows || !MathCalls.isLiteral(declaration.init(), 0)) {
            return null;
        }
        if (array.isEmpty() || !WholeArrayIdiom.coversArray(sum.reduction().loop(), array.get(), facts)) {
            // the first n elements of an array held by an object: desc.data[i] for i < desc.size()
            // or values read from a collection: for (Number n : map.values()) s += n.doubleValue() * ...
            return PrefixNorm.arguments(facts.resolve(sum.base()), sum.reduction().loop(), sqrt, facts)
                    .or(() -> IterableNorm.arguments(sum.base(), sum.reduction().loop(), sqrt, facts))
                    .map(arguments -> prefixNormFix(sqrt, STATISTICS + ".norm2(" + arguments + ")", facts)).orElse(null);
        }
        String call = STATISTICS + ".norm2(" + array.get() + ")";
        TextEdit edit = WholeArrayIdiom.bodyIsOnlyIdiom(facts, array.get())
                && facts.method().body().statements().get(facts.method().body().statements().size() - 1)
                        instanceof Stmt.Return ret && ret.value() == sqrt
                ? WholeArrayIdiom.replaceBody(facts.method(), "return " + call + ";")
                : TextEdit.replace(sqrt.span(), call);
        return Fix.review("Use Statistics.norm2", List.of(edit), List.of(STATISTICS));
    }
}
