package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.idioms.exp.ExpSum;
import dev.numguard.rules.idioms.exp.ExpTerm;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The fixes of a naive log-sum-exp: a StableMath call replaces the whole method, or the maximum is subtracted in place and added back after the log. */
public final class LogSumExpFixes {
    public static final String STABLE_MATH = "dev.numguard.guards.StableMath";

    private LogSumExpFixes() {
    }

    /** The method is only {@code return log(Σ exp(x[i]))} over one array. */
    public static Optional<Fix> wholeMethod(MethodFacts facts, Expr.Call log, ExpSum sum, MethodFacts sumFacts,
                                            NumericType type) {
        MethodModel method = facts.method();
        if (!method.returnType().isFloatingScalar() || method.returnType().numeric() != type || sum.terms().size() != 1) {
            return Optional.empty();
        }
        List<Stmt> top = method.body().statements();
        if (!(top.get(top.size() - 1) instanceof Stmt.Return ret) || ret.value() == null
                || !Nodes.stripCasts(ret.value()).span().equals(log.span())) {
            return Optional.empty();
        }
        ExpTerm term = sum.terms().get(0);
        Optional<String> x = WholeArrayIdiom.arrayOf(term.argument(), sumFacts, sum.stream());
        if (sum.viaHelper() != null) {
            x = x.flatMap(name -> WholeArrayIdiom.toCaller(name, sum.method(), sum.viaHelper()));
        }
        if (x.isEmpty() || !WholeArrayIdiom.bodyIsOnlyIdiom(facts, x.get()) || !isVectorOf(facts, x.get(), type)) {
            return Optional.empty();
        }
        String call;
        if (term.weight() == null) {
            call = "logSumExp(" + x.get() + ")";
        } else {
            Optional<String> weights = weightArray(term, x.get(), sumFacts);
            if (weights.isEmpty() || type != NumericType.DOUBLE || sum.viaHelper() != null) {
                return Optional.empty();
            }
            call = "logSumExp(" + x.get() + ", " + weights.get() + ")";
        }
        return Optional.of(Fix.review("Use StableMath." + call.substring(0, call.indexOf('(')),
                List.of(WholeArrayIdiom.replaceBody(method, "return " + STABLE_MATH + "." + call + ";")),
                List.of(STABLE_MATH)));
    }

    /** The weight {@code w[i]} indexed like the exponent {@code x[i]}: the array {@code w}. */
    public static Optional<String> weightArray(ExpTerm term, String x, MethodFacts facts) {
        if (Nodes.stripCasts(term.weight()) instanceof Expr.ArrayElement w
                && Nodes.stripCasts(term.argument()) instanceof Expr.ArrayElement e
                && Nodes.sameShape(w.index(), e.index()) && Nodes.stripCasts(w.array()) instanceof Expr.VarRead array
                && array.kind() != VarKind.FIELD && array.type().isFloatingVector() && !array.name().equals(x)
                && facts.elementWritesAll(array.name()).isEmpty()) {
            return Optional.of(array.name());
        }
        return Optional.empty();
    }

    public static boolean isVectorOf(MethodFacts facts, String name, NumericType type) {
        return Nodes.expressions(facts.method().body()).stream().anyMatch(e -> e instanceof Expr.VarRead v
                && v.name().equals(name) && v.kind() != VarKind.FIELD && v.type().isFloatingVector()
                && v.type().numeric() == type);
    }

    /**
     * Shift in place: the maximum computed before the sum loop and subtracted in the exponent, and
     * the log becomes {@code max + log(sum)} (or the infinite maximum itself, where the shifted
     * exponents are NaN and the true result is that infinity).
     */
    public static Optional<Fix> shiftInPlace(ClassFacts context, MethodFacts facts, Expr.Call log, ExpSum sum,
                                             NumericType type) {
        // Σ wᵢ·exp(aᵢ) = exp(m) Σ wᵢ·exp(aᵢ - m) holds for weights too
        return MaxShift.plan(context, facts, sum, List.of(), type).map(shift -> {
            String max = shift.maxName();
            String boxed = type == NumericType.FLOAT ? "Float" : "Double";
            String logText = context.text(log);
            String replacement = "(" + boxed + ".isInfinite(" + max + ") ? " + max + " : " + max + " + " + logText + ")";
            List<TextEdit> edits = new ArrayList<>(shift.edits());
            edits.add(TextEdit.replace(log.span(), SourceEdits.ungroupedWhereStandalone(replacement, log, facts)));
            return Fix.review("Subtract the maximum before exponentiating and add it back after the log", edits, List.of());
        });
    }

    /**
     * Accumulate in log space: where a local {@code s} is only started at 0 (or 1) and grown by
     * {@code s += exp(a)}, it becomes {@code logS}, started at {@code -Infinity} (or 0) and grown by
     * {@code logS = StableMath.logAddExp(logS, a)}; {@code log(s)} is read as {@code logS}, a softmax
     * {@code exp(b) / s} as {@code exp(b - logS)}, any other read of {@code s} as {@code exp(logS)}
     * (the same value up to rounding, overflowing where s did).
     * {@code logS == log(s)} after every step, and each exponent is evaluated once, where it was,
     * which fits loops whose exponent calls methods or reads locals the loop assigns (where the max
     * shift cannot recompute it).
     */
    public static Optional<Fix> accumulateInLogSpace(ClassFacts context, MethodFacts facts, ExpSum sum, Expr at) {
        Optional<LogSpaceAccumulator> accumulator = logSpaceAccumulator(context, facts, sum);
        if (accumulator.isEmpty()) {
            return Optional.empty();
        }
        LogSpaceAccumulator log = accumulator.get();
        List<TextEdit> edits = new ArrayList<>(log.edits());
        if (!readInLogSpace(log.declaration(), log.rewritten(), log.logName(), at, facts, edits)) {
            return Optional.empty();
        }
        return Optional.of(Fix.review("Accumulate the sum of exponentials in log space with StableMath.logAddExp",
                edits, List.of(STABLE_MATH)));
    }

    /**
     * A local sum {@code s} rewritten into log space, its reads left as they are.
     *
     * @param declaration the declaration of {@code s}
     * @param logName the name of the log-space accumulator that replaces it
     * @param edits the edits of its declaration, its update {@code logS = StableMath.logAddExp(logS, a)} and its restarts
     * @param rewritten the statements those edits rewrote (the reads of {@code s} in them are gone)
     */
    record LogSpaceAccumulator(Stmt.LocalDecl declaration, String logName, List<TextEdit> edits, List<SourceSpan> rewritten) {
    }

    /** The accumulator of {@link #accumulateInLogSpace}, for a local only started at 0 (or 1) and grown by {@code s += exp(a)}. */
    static Optional<LogSpaceAccumulator> logSpaceAccumulator(ClassFacts context, MethodFacts facts, ExpSum sum) {
        Reduction reduction = sum.reduction();
        if (reduction == null || reduction.variableKind() != VarKind.LOCAL || reduction.subtracted()
                || sum.viaHelper() != null || sum.method() != facts.method() || sum.terms().size() != 1
                || sum.terms().get(0).weight() != null || sum.terms().get(0).argument() == null
                || !(reduction.update() instanceof Stmt.Assign update) || update.op() != AssignOp.ADD
                || !Nodes.stripCasts(update.value()).span().equals(sum.terms().get(0).site().span())) {
            return Optional.empty();
        }
        Stmt.LocalDecl declaration = facts.declaration(reduction.variable());
        if (declaration == null || declaration.type().numeric() != NumericType.DOUBLE
                || logOfStart(declaration.init()).isEmpty() || facts.statements().stream()
                .anyMatch(s -> s instanceof Stmt.LocalDecl other && other != declaration
                        && other.span().equals(declaration.span()))) {
            return Optional.empty();
        }
        String name = reduction.variable();
        String logName = SourceEdits.freshName(facts, "log" + Character.toUpperCase(name.charAt(0)) + name.substring(1));
        List<TextEdit> edits = new ArrayList<>();
        List<SourceSpan> rewritten = new ArrayList<>();
        for (Definition d : facts.definitions(name)) {
            if (d.site() == declaration) {
                String head = context.file().text().substring(declaration.span().start(), declaration.init().span().start());
                edits.add(new TextEdit(declaration.span().start(), declaration.init().span().end(),
                        head.replaceFirst("\\b" + name + "\\b", logName) + logOfStart(declaration.init()).get()));
            } else if (d.site() == update) {
                edits.add(new TextEdit(update.target().span().start(), update.value().span().end(), logName + " = "
                        + STABLE_MATH + ".logAddExp(" + logName + ", " + context.text(sum.terms().get(0).argument()) + ")"));
            } else if (!d.element() && d.isPlain() && logOfStart(d.value()).isPresent()
                    && d.site() instanceof Stmt.Assign restart) {
                edits.add(TextEdit.replace(restart.target().span(), logName));
                edits.add(TextEdit.replace(restart.value().span(), logOfStart(d.value()).get()));
            } else {
                return Optional.empty();
            }
            rewritten.add(d.site().span());
        }
        return Optional.of(new LogSpaceAccumulator(declaration, logName, edits, rewritten));
    }

    /**
     * {@code double s = Arrays.stream(x).map(Math::exp).sum();} read as {@code log(s)} or in
     * {@code exp(b) / s}: {@code double logS = StableMath.logSumExp(x);}, the reads as in
     * {@link #accumulateInLogSpace}.
     */
    public static Optional<Fix> streamInLogSpace(ClassFacts context, MethodFacts facts, ExpSum sum, Expr at) {
        if (sum.stream() == null || sum.viaHelper() != null || sum.method() != facts.method()
                || sum.stream().mappings().size() != 1 || sum.terms().size() != 1 || sum.terms().get(0).argument() != null
                || sum.terms().get(0).weight() != null || !sum.stream().source().type().isFloatingVector()
                || sum.stream().source().type().numeric() != NumericType.DOUBLE) {
            return Optional.empty();
        }
        Optional<Stmt.LocalDecl> held = facts.statements().stream()
                .filter(st -> st instanceof Stmt.LocalDecl d && d.init() != null
                        && Nodes.stripCasts(d.init()).span().equals(sum.stream().terminal().span()))
                .map(Stmt.LocalDecl.class::cast).findFirst();
        if (held.isEmpty() || held.get().type().numeric() != NumericType.DOUBLE
                || facts.definitions(held.get().name()).size() != 1) {
            return Optional.empty();
        }
        Stmt.LocalDecl declaration = held.get();
        String name = declaration.name();
        String logName = SourceEdits.freshName(facts, "log" + Character.toUpperCase(name.charAt(0)) + name.substring(1));
        String head = context.file().text().substring(declaration.span().start(), declaration.init().span().start());
        List<TextEdit> edits = new ArrayList<>();
        edits.add(new TextEdit(declaration.span().start(), declaration.init().span().end(), head.replaceFirst(
                "\\b" + name + "\\b", logName) + STABLE_MATH + ".logSumExp(" + context.text(sum.stream().source()) + ")"));
        if (!readInLogSpace(declaration, List.of(declaration.span()), logName, at, facts, edits)) {
            return Optional.empty();
        }
        return Optional.of(Fix.review("Use StableMath.logSumExp", edits, List.of(STABLE_MATH)));
    }

    /**
     * Adds the edits that read {@code logS} where the sum {@code s} of {@code declaration} was read;
     * false unless the reported read {@code at} is one of the {@code log(s)} or {@code exp(b) / s}
     * it rewrites, so that the finding is cured. Every finding of the sum so gets the same fix
     * (two ratios over one sum, a log printed and then used): the fixer applies it once, the
     * others' edits being the very ones it made.
     */
    static boolean readInLogSpace(Stmt.LocalDecl declaration, List<SourceSpan> rewritten, String logName,
                                          Expr at, MethodFacts facts, List<TextEdit> edits) {
        ClassFacts context = facts.context();
        boolean cured = false;
        for (Expr.VarRead read : DeadCode.readsOf(declaration.id(), facts)) {
            if (rewritten.stream().anyMatch(site -> site.contains(read.span()))) {
                continue;
            }
            Optional<Expr.Call> log = logOf(read, facts);
            Optional<Expr.Binary> ratio = expOver(read, facts);
            if (log.isPresent() || ratio.isPresent()) {
                cured |= read.span().equals(Nodes.stripCasts(at).span());
            }
            if (log.isPresent()) {
                edits.add(SourceEdits.replaceByPrimary(log.get().span(), logName, context));
            } else if (ratio.isPresent()) {
                Expr b = MathCalls.expArgument(ratio.get().left()).get();
                edits.add(SourceEdits.replaceByPrimary(ratio.get().span(),
                        "Math.exp(" + SourceEdits.asAdditiveOperand(b, context) + " - " + logName + ")", context));
            } else {
                // the same value, up to rounding, that overflows where s did
                edits.add(TextEdit.replace(read.span(), "Math.exp(" + logName + ")"));
            }
        }
        return cured;
    }

    /** The log of a sum's start: -Infinity for 0, 0 for 1 (a first term exp(0) counted in). */
    private static Optional<String> logOfStart(Expr start) {
        return MathCalls.isLiteral(start, 0) ? Optional.of("Double.NEGATIVE_INFINITY")
                : MathCalls.isLiteral(start, 1) ? Optional.of("0") : Optional.empty();
    }

    /** The ratio {@code exp(b) / read}, which is {@code exp(b - log(read))}. */
    private static Optional<Expr.Binary> expOver(Expr.VarRead read, MethodFacts facts) {
        return Nodes.expressions(facts.method().body()).stream()
                .filter(e -> e instanceof Expr.Binary ratio && ratio.op() == BinaryOp.DIVIDE
                        && Nodes.stripCasts(ratio.right()).span().equals(read.span())
                        && Nodes.stripCasts(ratio.left()) instanceof Expr.Call
                        && MathCalls.expArgument(ratio.left()).isPresent())
                .map(Expr.Binary.class::cast).findFirst();
    }

    /** The natural-log call whose whole argument is {@code read}. */
    static Optional<Expr.Call> logOf(Expr.VarRead read, MethodFacts facts) {
        return Nodes.expressions(facts.method().body()).stream()
                .filter(e -> e instanceof Expr.Call call && MathCalls.call(call, "log", 1).isPresent()
                        && Nodes.stripCasts(call.args().get(0)).span().equals(read.span()))
                .map(Expr.Call.class::cast).findFirst();
    }
}
