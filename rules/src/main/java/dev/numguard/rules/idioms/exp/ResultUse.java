package dev.numguard.rules.idioms.exp;

import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.MethodUses;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.UnaryOp;
import dev.numguard.rules.model.VarKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether the rounding error of {@code log(1 + x)} or {@code 1 - exp(x)} can matter where the value
 * is used. Both naive forms are off by about one ulp of 1 in absolute terms; that error is large
 * only relative to a small result. It matters where the value stands alone, is divided by (a
 * factor of) x, or feeds a logarithm or a reciprocal; it does not where the value is one term of a
 * log-domain sum (a log-likelihood or log-density, where every term is known to about one ulp of 1
 * anyway), is added to a term of order one, or is compared with a threshold.
 */
public final class ResultUse {
    private static final Set<BinaryOp> COMPARISONS = EnumSet.of(BinaryOp.LESS, BinaryOp.LESS_EQUAL,
            BinaryOp.GREATER, BinaryOp.GREATER_EQUAL);
    private static final Pattern LOG_FUNCTIONS = Pattern.compile("(?i)(log|ln)(10|2)?|l(n|og)?gamm?a?|l(n|og)?beta"
            + "|logGamma|lnGamma|logBeta|lnBeta|logFactorial|lfact(orial)?");
    /** Methods named as returning a logarithm: logProbability, logDensity, lnPdf, binomialCoefficientLog. */
    private static final Pattern LOG_NAMED = Pattern.compile("(log|ln)[A-Z]\\w*|\\w+Log(10|2)?");
    /** A method named as returning the log of a probability or density: logLikelihood, lnPdf, logNodeProbability. */
    private static final Pattern LOG_PROBABILITY_METHOD = Pattern.compile(
            "(?i)(log|ln).*(prob|lik|dens|pdf|pmf|prior|posterior)");
    private static final int MAX_STEPS = 8;

    /** How the value is used, with the term that decides it for the message. */
    public enum Kind {
        /** Standalone, amplified or fed to a log or reciprocal: relative accuracy matters. */
        RELATIVE,
        /** A term of a sum that also holds logarithms of other values: absolute accuracy suffices. */
        LOG_DOMAIN,
        /** Added to a literal of order one, or to the exponential itself ({@code e + u·(1 - e)}). */
        ABSORBED,
        /** One side of a comparison with a threshold. */
        COMPARED,
        /** Added to an independent term of unknown size: matters only when that term is small. */
        BESIDE_UNKNOWN,
        /** Logged, and the log only one side of a ratio of logs whose integer part is taken ({@link TruncatedLogRatio}). */
        TRUNCATED
    }

    /** A verdict: the kind of use, and the other term that decided it (or null). */
    public record Verdict(Kind kind, Expr beside) {
        /** True when the lost digits cannot matter for the value computed. */
        public boolean negligible() {
            return kind == Kind.LOG_DOMAIN || kind == Kind.ABSORBED || kind == Kind.COMPARED || kind == Kind.TRUNCATED;
        }
    }

    private ResultUse() {
    }

    /**
     * How {@code site} (the naive expression) is used: {@code inputs} are the variables its small
     * argument is made of (a division by one of them amplifies the error), {@code exponential} the
     * exponential it is built from (null for log(1 + x)).
     */
    public static Verdict of(Expr site, List<String> inputs, Expr exponential, MethodFacts facts) {
        return of(site, inputs, exponential, facts, 0);
    }

    private static Verdict of(Expr site, List<String> inputs, Expr exponential, MethodFacts facts, int depth) {
        Expr current = site;
        for (int step = 0; step < MAX_STEPS && depth < MAX_STEPS; step++) {
            Object parent = parent(current, facts);
            if (parent instanceof Expr.Cast || parent instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE
                    || parent instanceof Expr.Binary m && m.op() == BinaryOp.MULTIPLY) {
                current = (Expr) parent;
            } else if (parent instanceof Expr.Binary d && d.op() == BinaryOp.DIVIDE) {
                if (d.right() == current || inputs.stream().anyMatch(v -> Nodes.mentions(d.right(), v))) {
                    return new Verdict(Kind.RELATIVE, null);     // a reciprocal, or the error divided by x
                }
                current = d;
            } else if (parent instanceof Expr.Binary c && COMPARISONS.contains(c.op())) {
                return new Verdict(Kind.COMPARED, c.left() == current ? c.right() : c.left());
            } else if (parent instanceof Expr.Binary s && (s.op() == BinaryOp.ADD || s.op() == BinaryOp.SUBTRACT)) {
                Expr other = s.left() == current ? s.right() : s.left();
                Kind kind = besides(other, exponential, facts);
                if (kind == Kind.ABSORBED && depth > 0) {
                    kind = Kind.BESIDE_UNKNOWN;     // other terms stand between: (log(1 + x) + exp(x)) - 1 cancels
                }
                if (kind == Kind.ABSORBED && isLogArgument(s, facts)) {
                    return new Verdict(Kind.RELATIVE, null);     // log(1 + c·(e - 1)) needs the digits 1 absorbs
                }
                if (kind != Kind.BESIDE_UNKNOWN) {
                    return new Verdict(kind, other);
                }
                Verdict above = of(s, inputs, exponential, facts, depth + 1);
                return above.kind() == Kind.RELATIVE && independent(other, inputs) ? new Verdict(Kind.BESIDE_UNKNOWN, other)
                        : above;
            } else if (parent instanceof Expr.Call exp && MathCalls.expArgument(exp).isPresent()) {
                return new Verdict(Kind.LOG_DOMAIN, exp);        // an absolute error in the exponent is a relative one after
            } else if (parent instanceof Expr.Call log && TruncatedLogRatio.holds(log, facts)) {
                return new Verdict(Kind.TRUNCATED, null);
            } else if (storedLocal(parent) != null) {
                return throughLocal(storedLocal(parent), (Stmt) parent, inputs, exponential, facts, depth);
            } else if (parent instanceof Stmt.Assign a && (a.op() == AssignOp.ADD || a.op() == AssignOp.SUBTRACT)) {
                return accumulatesLogs(a, facts) ? new Verdict(Kind.LOG_DOMAIN, a.target()) : new Verdict(Kind.RELATIVE, null);
            } else if (parent == null && returnsLogProbability(current, facts)) {
                return new Verdict(Kind.LOG_DOMAIN, null);
            } else {
                return new Verdict(Kind.RELATIVE, null);
            }
        }
        return new Verdict(Kind.RELATIVE, null);
    }

    /**
     * {@code value} is what a method named for a log-probability returns ({@code logNodeProbability},
     * {@code logLikelihood}, {@code lnPdf}): the log of a probability or density, whose absolute
     * error is the relative error of the probability it stands for, so about one ulp of 1 is all the
     * accuracy it can have.
     */
    private static boolean returnsLogProbability(Expr value, MethodFacts facts) {
        return LOG_PROBABILITY_METHOD.matcher(facts.method().name()).find()
                && facts.statements().stream().anyMatch(s -> s instanceof Stmt.Return r && r.value() == value);
    }

    /** The statement or expression that holds {@code child} directly (a local's initializer included), or null. */
    private static Object parent(Expr child, MethodFacts facts) {
        Object parent = NegligibleDigits.parent(child, facts);
        if (parent != null) {
            return parent;
        }
        return MethodUses.of(facts).declarationInitializedBy(child);
    }

    /** The local a plain definition stores into, or null. */
    private static String storedLocal(Object parent) {
        if (parent instanceof Stmt.LocalDecl d) {
            return d.name();
        }
        return parent instanceof Stmt.Assign a && a.op() == AssignOp.ASSIGN
                && Nodes.stripCasts(a.target()) instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL ? v.name() : null;
    }

    /** A value kept in a local matters as its uses make it matter: negligible only when every later read is. */
    private static Verdict throughLocal(String local, Stmt definition, List<String> inputs, Expr exponential,
                                        MethodFacts facts, int depth) {
        // the target of a later plain assignment (l = other in another branch) overwrites the value: not a use
        List<Expr.VarRead> reads = MethodUses.of(facts).localReads(local).stream()
                .filter(v -> v.span().start() > definition.span().end())
                .filter(v -> facts.statements().stream().noneMatch(s -> s instanceof Stmt.Assign a
                        && a.op() == AssignOp.ASSIGN && a.target() == v))
                .toList();
        if (reads.isEmpty()) {
            return new Verdict(Kind.RELATIVE, null);
        }
        Verdict first = null;
        for (Expr.VarRead read : reads) {
            Verdict use = of(read, inputs, exponential, facts, depth + 1);
            if (!use.negligible()) {
                return use;
            }
            first = first == null ? use : first;
        }
        return first;
    }

    /** True when {@code e}, scaled, is added to 1 inside a logarithm: {@code log(1 + c·e)} keeps its digits. */
    public static boolean insideLogOfOnePlus(Expr e, MethodFacts facts) {
        Expr current = e;
        for (int step = 0; step < MAX_STEPS; step++) {
            Object parent = NegligibleDigits.parent(current, facts);
            if (parent instanceof Expr.Binary s && (s.op() == BinaryOp.ADD || s.op() == BinaryOp.SUBTRACT)) {
                return MathCalls.isLiteral(s.left() == current ? s.right() : s.left(), 1) && isLogArgument(s, facts);
            }
            if (!(parent instanceof Expr.Cast || parent instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE
                    || parent instanceof Expr.Binary b && (b.op() == BinaryOp.MULTIPLY || b.op() == BinaryOp.DIVIDE))) {
                return false;
            }
            current = (Expr) parent;
        }
        return false;
    }

    private static boolean isLogArgument(Expr e, MethodFacts facts) {
        return NegligibleDigits.parent(e, facts) instanceof Expr.Call c && MathCalls.logArgument(c).isPresent();
    }

    /** What a term added to the value says about its use; BESIDE_UNKNOWN when it says nothing. */
    private static Kind besides(Expr other, Expr exponential, MethodFacts facts) {
        Expr o = Nodes.stripCasts(other);
        if (NotTiny.constant(o, facts.context(), 0).stream().anyMatch(c -> Math.abs(c) >= 0.5)
                || exponential != null && Nodes.sameShape(o, exponential)) {
            return Kind.ABSORBED;
        }
        return holdsOtherLog(other) || o instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL
                && holdsOtherLog(facts.resolve(v)) ? Kind.LOG_DOMAIN : Kind.BESIDE_UNKNOWN;
    }

    /**
     * True when {@code e} holds the logarithm (or log-gamma, log-beta) of a value that is not itself
     * {@code 1 ± y}: the sum is a log-likelihood or log-density.
     */
    static boolean holdsOtherLog(Expr e) {
        return Nodes.expressions(e).stream().anyMatch(x -> x instanceof Expr.Call c && !c.args().isEmpty()
                && (LOG_FUNCTIONS.matcher(c.name()).matches() || LOG_NAMED.matcher(c.name()).matches())
                && !onePlusOrMinus(c.args().get(0)));
    }

    private static boolean onePlusOrMinus(Expr e) {
        return Nodes.stripCasts(e) instanceof Expr.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUBTRACT)
                && (MathCalls.isLiteral(b.left(), 1) || MathCalls.isLiteral(b.right(), 1));
    }

    /** An accumulator {@code s += c·log(1 + x)} whose other definitions hold logarithms of other values. */
    private static boolean accumulatesLogs(Stmt.Assign update, MethodFacts facts) {
        Expr target = Nodes.stripCasts(update.target());
        Expr base = target instanceof Expr.ArrayElement el ? Nodes.stripCasts(el.array()) : target;
        while (base instanceof Expr.ArrayElement el) {
            base = Nodes.stripCasts(el.array());
        }
        if (!(base instanceof Expr.VarRead v)) {
            return false;
        }
        return OtherLogWrites.of(v.name(), facts).stream().anyMatch(s -> s != update);
    }

    /** True when {@code e} reads none of {@code inputs}: no cancellation with the value is possible. */
    private static boolean independent(Expr e, List<String> inputs) {
        return inputs.stream().noneMatch(v -> Nodes.mentions(e, v));
    }

    /** The names of the variables read in {@code e}. */
    public static List<String> variables(Expr e) {
        return Nodes.expressions(e).stream().filter(x -> x instanceof Expr.VarRead).map(x -> ((Expr.VarRead) x).name())
                .distinct().toList();
    }
}
