package dev.numguard.rules.core;

import dev.numguard.rules.Finding;
import dev.numguard.rules.Fix;
import dev.numguard.rules.Rule;
import dev.numguard.rules.RuleInfo;
import dev.numguard.rules.Severity;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.FieldReduction;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.facts.ReductionKind;
import dev.numguard.rules.facts.StreamPipeline;
import dev.numguard.rules.fixes.LogProductFixes;
import dev.numguard.rules.idioms.products.Factors;
import dev.numguard.rules.idioms.products.KeptInRange;
import dev.numguard.rules.messages.Thresholds;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The log of a running product, of a product reduction, or of a product expression. */
@RuleInfo(
        summary = "log of a product of probabilities underflows to -Infinity; sum the logs",
        severity = Severity.ERROR,
        whatItDoes = """
                Flags the logarithm of a product that can underflow: a running product of probability-like \
                factors over data (`p *= q` or `p = p * q` in a loop over an array, a collection or a \
                data-sized range, then `Math.log(p)`), where the factors are results of probability or \
                density functions, ratios to a total, exp of a negated value, or named like probabilities; a \
                stream product (`reduce(1.0, (a, b) -> a * b)`); and `Math.log(a * b)` or `Math.log(1 / b)` \
                where a factor is itself a product over data (a determinant, `Math.pow(λ, n - 1)`, a method \
                returning a product). Accumulation already in log space, products of integer counts, short \
                products of order-one terms (log-gamma's argument shift `while (z < 7) f *= z`) and \
                products of a few parameters (`Math.log(r * rho)`), products of counters and parameters \
                (`t^n / n!` as `norm *= t / i`) and the log of the scale taken where a watched product is \
                reset (`if (d < 0.01) { logComp -= Math.log(d); d = 1; }`) are not flagged.""",
        whyIsThisBad = """
                A product of k probabilities of size p is 10^(-k·log10(1/p)): it underflows to 0 once \
                k·log10(1/p) > 323 in double (45 in float), for example 400 probabilities of 0.1, and log(0) \
                is -Infinity. The sum of the logs is the same number and never underflows.""",
        example = """
                double logLikelihood(double[] p) {
                    double likelihood = 1;
                    for (double q : p) {
                        likelihood *= q;
                    }
                    return Math.log(likelihood);
                }""",
        useInstead = """
                double logLikelihood(double[] p) {
                    return LogSpace.logProduct(p);
                }""",
        fixSafety = """
                Needs review. A running product becomes a running sum of logs (the loop body changes: every \
                write of the accumulator follows, `p *= exp(a)` → `p += a`, `p /= q` → `p -= Math.log(q)`, a \
                restart `p = v` → `p = Math.log(v)`) and \
                `LogSpace.logProduct(p)` replaces a stream product; where every factor is positive the result \
                differs only by rounding. The log of a product whose data-sized factors are all powers written in it \
                becomes a sum of logs, `log(a / pow(λ, n - 1))` → `(Math.log(a) - (n - 1) * Math.log(λ))` \
                (differs where a base is negative and the power even). A determinant of a matrix built there from \
                a 2-D array, `new Matrix(a).det()`, becomes `LogDeterminant.ofMagnitude(a)`, log |det a| from \
                the logs of its LU pivots: `log(v * new Matrix(a).det())` → `(Math.log(v) + \
                LogDeterminant.ofMagnitude(a))` (the same wherever the original is finite and v positive; where \
                the product is negative the original is NaN and the fix gives the log of its magnitude). Any \
                other determinant gets no \
                automatic fix, as that factor underflows by itself: write the log-determinant.""",
        knownLimits = """
                Whether a factor is a probability is judged from its form and its name; a running product \
                of unnamed values over data (`r *= x[i]`) is not flagged here (UnderflowingProduct reports \
                raw products over data). Products assembled in another method are followed through method \
                summaries (a method returning a product) and through fields: a field multiplied up over data by \
                any method of the project (`likelihood *= sum` in a subclass) and logged elsewhere is reported, \
                at WARNING when the product is made in another class, since whether the log reads it depends on \
                the run-time class of the object; a field the logging method assigns itself, or products filled \
                into an array by a recursion over a tree, stay silent; `Math.log` of a product of a few named \
                probabilities (`log(transition * emission)`) is left alone, as it cannot underflow.""")
public final class LogOfProduct implements Rule {

    @Override
    public Optional<Finding> matchCall(Expr.Call log, MethodFacts facts) {
        if (MathCalls.logArgument(log).isEmpty()) {
            return Optional.empty();
        }
        ClassFacts context = facts.context();
        Expr argument = log.args().get(0);
        Optional<Reduction> running = facts.reductionRead(argument)
                .filter(r -> r.kind() == ReductionKind.PRODUCT && r.variableKind() == VarKind.LOCAL);
        if (running.isPresent()) {
            Reduction product = running.get();
            NumericType type = facts.declaration(product.variable()).type().numeric();
            if (!type.isFloatingPoint() || !Factors.overData(product.loop()) || !Factors.probabilityName(product.variable())
                    && !Factors.probabilityLike(product.term(), facts)
                    || !Factors.readsData(product.term(), facts.enclosingLoops(product.update().span()), facts)
                    || KeptInRange.watched(product.variable(), facts)) {
                return Optional.empty();                    // log-gamma's argument shift, t^n / n!, a rescaled product
            }
            Fix fix = LogProductFixes.wholeMethod(facts, log, product, type)
                    .or(() -> LogProductFixes.inPlace(context, facts, log, product)).orElse(null);
            return report(facts, log, "the running product", type, fix);
        }
        Optional<Finding> field = fieldProduct(log, facts);
        if (field.isPresent()) {
            return field;
        }
        Expr resolved = Nodes.stripCasts(facts.resolve(argument));
        Optional<StreamPipeline> stream = StreamPipeline.of(resolved).filter(s -> s.kind() == ReductionKind.PRODUCT);
        if (stream.isPresent()) {
            Fix fix = null;
            if (stream.get().mappings().isEmpty() && Nodes.stripCasts(stream.get().source()) instanceof Expr.VarRead p
                    && p.type().isFloatingVector() && p.type().numeric() == NumericType.DOUBLE) {
                fix = Fix.review("Use LogSpace.logProduct", List.of(TextEdit.replace(log.span(),
                        LogProductFixes.LOG_SPACE + ".logProduct(" + p.name() + ")")), List.of(LogProductFixes.LOG_SPACE));
            }
            return report(facts, log, "the stream product", NumericType.DOUBLE, fix);
        }
        return matchProductExpression(log, facts);
    }

    /**
     * {@code log(likelihood)} of a field that a method multiplies up over data ({@code likelihood *= p}
     * in a loop), in this class or in another one of the project (a subclass writing a field it
     * inherits). When the product is made in another class, whether this log sees it depends on the
     * run-time class of the object: the finding is lowered and says so.
     */
    private Optional<Finding> fieldProduct(Expr.Call log, MethodFacts facts) {
        if (!(Nodes.stripCasts(log.args().get(0)) instanceof Expr.VarRead v) || v.kind() != VarKind.FIELD
                || !v.type().numeric().isFloatingPoint() || assignsHere(v, facts)) {
            return Optional.empty();
        }
        for (FieldReduction f : facts.context().project().fieldReductions(v.id())) {
            Reduction r = f.reduction();
            MethodFacts where = f.method();
            if (r.kind() != ReductionKind.PRODUCT || r.subtracted() || r.loop() == null || where == facts
                    || !Factors.overData(r.loop())
                    || !Factors.probabilityName(r.variable()) && !Factors.probabilityLike(r.term(), where)
                    || !Factors.readsData(r.term(), where.enclosingLoops(r.update().span()), where)
                    || KeptInRange.watched(r.variable(), where)) {
                continue;
            }
            String maker = where.context().clazz().simpleName() + "." + where.method().name() + "(..)";
            NumericType type = v.type().numeric() == NumericType.FLOAT ? NumericType.FLOAT : NumericType.DOUBLE;
            Finding.Builder finding = finding(facts, log.span()).message("log of the field " + v.name() + ", a running "
                    + "product over data made in " + maker + ": " + underflow(type))
                    .handFix("accumulate Math.log of each factor into a log-likelihood field in " + maker + ".");
            if (where.context().clazz() != facts.context().clazz()) {
                finding.lowered(Severity.WARNING, "the product is made in another class (" + maker + "); whether this "
                        + "log reads it depends on the run-time class of the object");
            }
            return finding.asMatch();
        }
        return Optional.empty();
    }

    /** The method itself assigns the field before reading it: the product made elsewhere may not reach the log. */
    private static boolean assignsHere(Expr.VarRead field, MethodFacts facts) {
        return facts.statements().stream().anyMatch(st -> st instanceof Stmt.Assign a && a.op() == AssignOp.ASSIGN
                && Nodes.stripCasts(a.target()) instanceof Expr.VarRead t && t.id().equals(field.id()));
    }

    /**
     * {@code log(a * b * …)} or {@code log(a / b)} where some factor is itself a product over data
     * (a determinant, {@code pow(λ, n − 1)}, a product made elsewhere); short products of
     * parameters such as {@code log(r * rho)} cannot underflow and are left alone. Fixed only when the
     * data-sized factors are powers (see {@link LogProductFixes#sumOfLogs}).
     */
    private Optional<Finding> matchProductExpression(Expr.Call log, MethodFacts facts) {
        Expr argument = Nodes.stripCasts(log.args().get(0));
        List<Expr> factors = new ArrayList<>();
        List<Expr> divisors = new ArrayList<>();
        Factors.flatten(argument, factors, divisors);
        if (!argument.type().numeric().isFloatingPoint() || factors.size() + divisors.size() < 2
                || factors.stream().noneMatch(f -> Factors.dataSizedProduct(f, facts))
                && divisors.stream().noneMatch(f -> Factors.dataSizedProduct(f, facts))) {
            return Optional.empty();
        }
        NumericType type = argument.type().numeric() == NumericType.FLOAT ? NumericType.FLOAT : NumericType.DOUBLE;
        return report(facts, log, "a product over data (a determinant or a power)", type, LogProductFixes.sumOfLogs(
                facts.context(), log, factors, divisors, f -> Factors.dataSizedProduct(f, facts)).orElse(null));
    }

    private static String underflow(NumericType type) {
        return "a product of k probabilities of size p underflows to 0 once k·log10(1/p) > "
                + Thresholds.productUnderflowDigits(type) + " in " + Thresholds.typeName(type)
                + ", and log(0) is -Infinity; sum the logs instead.";
    }

    private Optional<Finding> report(MethodFacts facts, Expr.Call log, String what, NumericType type, Fix fix) {
        return finding(facts, log.span()).message("log of " + what + ": " + underflow(type))
                .handFix("accumulate Math.log of each factor (or use LogSpace.logProduct).").fix(fix).asMatch();
    }
}
