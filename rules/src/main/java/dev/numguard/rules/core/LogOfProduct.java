package dev.numguard.rules.core;

import dev.numguard.rules.Finding;
import dev.numguard.rules.Fix;
import dev.numguard.rules.Rule;
import dev.numguard.rules.RuleInfo;
import dev.numguard.rules.Severity;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.facts.ReductionKind;
import dev.numguard.rules.facts.StreamPipeline;
import dev.numguard.rules.fixes.LogProductFixes;
import dev.numguard.rules.fixes.SourceEdits;
import dev.numguard.rules.messages.Thresholds;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The log of a running product, of a product reduction, or of a product expression. */
@RuleInfo(
        summary = "log of a product of probabilities underflows to -Infinity; sum the logs",
        severity = Severity.ERROR,
        whatItDoes = """
                Flags the logarithm of a product of floating-point values: a running product (`p *= q` or `p \
                = p * q` in a loop, then `Math.log(p)`), a stream product (`reduce(1.0, (a, b) -> a * b)`), \
                or a product expression `Math.log(a * b)`. Accumulation already in log space and products of \
                integer counts are not flagged.""",
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
                Needs review. `log(a * b)` becomes `log(a) + log(b)`, which is NaN where two factors are \
                negative and their product positive; a running product becomes a running sum of logs (the \
                loop body changes); `LogSpace.logProduct(p)` replaces a stream product. Where every factor \
                is positive the result differs only by rounding.""",
        knownLimits = """
                Products of fewer than two non-constant factors are not flagged, nor products assembled in \
                another method or class. The rule cannot know that the factors are probabilities; a product \
                of values that cannot underflow is a false positive to suppress.""")
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
            NumericType type = facts.declaration(running.get().variable()).type().numeric();
            if (!type.isFloatingPoint()) {
                return Optional.empty();
            }
            Fix fix = LogProductFixes.wholeMethod(facts, log, running.get(), type)
                    .or(() -> LogProductFixes.inPlace(context, facts, log, running.get())).orElse(null);
            return report(facts, log, "the running product", type, fix);
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
        List<Expr> factors = new ArrayList<>();
        flattenProduct(Nodes.stripCasts(argument), factors);
        long variable = factors.stream().filter(f -> !isConstant(f)).count();
        if (factors.size() < 2 || variable < 2 || !Nodes.stripCasts(argument).type().numeric().isFloatingPoint()
                || factors.stream().anyMatch(f -> !f.type().numeric().isFloatingPoint() && !(f instanceof Expr.Literal))) {
            return Optional.empty();
        }
        NumericType type = Nodes.stripCasts(argument).type().numeric() == NumericType.FLOAT ? NumericType.FLOAT : NumericType.DOUBLE;
        String owner = MathCalls.ownerForFix(log);
        StringBuilder sum = new StringBuilder();
        for (Expr factor : factors) {
            sum.append(sum.length() == 0 ? "" : " + ").append(owner).append(".log(").append(context.text(factor)).append(")");
        }
        String replacement = SourceEdits.isStandalone(log, facts) ? sum.toString() : "(" + sum + ")";
        Fix fix = Fix.review("Sum the logs of the factors", List.of(TextEdit.replace(log.span(), replacement)), List.of());
        return report(facts, log, "the product", type, fix);
    }

    /** A literal or a named constant such as {@code Math.PI} or {@code TWO_PI}. */
    private static boolean isConstant(Expr e) {
        Expr x = Nodes.stripCasts(e);
        return x instanceof Expr.Literal
                || x instanceof Expr.VarRead v && v.kind() == VarKind.FIELD && v.name().matches("[A-Z][A-Z0-9_]*");
    }

    private Optional<Finding> report(MethodFacts facts, Expr.Call log, String what, NumericType type, Fix fix) {
        return finding(facts, log.span()).message("log of " + what + ": a product of k probabilities of size p "
                        + "underflows to 0 once k·log10(1/p) > " + Thresholds.productUnderflowDigits(type) + " in "
                        + Thresholds.typeName(type) + ", and log(0) is -Infinity; sum the logs instead.")
                .handFix("accumulate Math.log of each factor (or use LogSpace.logProduct).").fix(fix).asMatch();
    }

    private static void flattenProduct(Expr e, List<Expr> factors) {
        if (e instanceof Expr.Binary b && b.op() == BinaryOp.MULTIPLY) {
            flattenProduct(Nodes.stripCasts(b.left()), factors);
            flattenProduct(Nodes.stripCasts(b.right()), factors);
        } else {
            factors.add(e);
        }
    }
}
