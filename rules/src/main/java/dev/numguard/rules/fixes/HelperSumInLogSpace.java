package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.MethodSummary;
import dev.numguard.rules.facts.MethodSummary.Shape;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.ReductionKind;
import dev.numguard.rules.facts.StreamPipeline;
import dev.numguard.rules.idioms.exp.ExponentialCalls;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.LoopKind;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A softmax normaliser {@code double s = sumExp(x, n);} computed by a helper whose whole body is
 * Σ exp over a parameter array ({@code for (int i = 0; i < n; i++) t += Math.exp(x[i]); return t;},
 * the bound {@code x.length} or a parameter, or {@code Arrays.stream(x).map(Math::exp).sum()}) is
 * kept in log space: {@code double logS = StableMath.logSumExp(x, 0, n);} (or
 * {@code logSumExp(x)} for the whole array), which is exactly log s without overflowing, and
 * {@code exp(b) / s} becomes {@code exp(b - logS)}, as for a local sum
 * ({@link LogSumExpFixes#accumulateInLogSpace}).
 *
 * <p>The helper is read, never guessed from its name: any other statement in it (a shift, a
 * weight, a start other than 0) and no fix is offered. Its arguments are evaluated once, where
 * they were.
 *
 * <p>A sum composed of one-array helpers, {@code Vec.sum(Vec.exp(x))} (their summaries: Σ of the
 * array, exp of each element; or one helper summarised as Σ exp of its array), is Σ exp(x) over
 * the whole of x and becomes {@code StableMath.logSumExp(x)} the same way, also written inline in
 * the ratio: {@code exp(b) / Vec.sum(Vec.exp(x))} becomes {@code exp(b - StableMath.logSumExp(x))}.
 */
public final class HelperSumInLogSpace {
    private HelperSumInLogSpace() {
    }

    /** The rewrite of the sum read at {@code at} (the denominator of the reported softmax). */
    public static Optional<Fix> of(Expr at, MethodFacts facts) {
        ClassFacts context = facts.context();
        if (Nodes.stripCasts(at) instanceof Expr.Call inline) {
            return inRatio(inline, facts);
        }
        if (!(Nodes.stripCasts(at) instanceof Expr.VarRead s) || s.kind() != VarKind.LOCAL) {
            return Optional.empty();
        }
        Stmt.LocalDecl declaration = facts.declaration(s.name());
        if (declaration == null || declaration.init() == null || declaration.type().numeric() != NumericType.DOUBLE
                || !declaration.type().name().equals("double") || facts.definitions(s.name()).size() != 1
                || !(Nodes.stripCasts(declaration.init()) instanceof Expr.Call call)) {
            return Optional.empty();
        }
        Optional<MethodModel> helper = context.callee(call).map(MethodFacts::method)
                .filter(m -> m.parameters().size() == call.args().size());
        Optional<String> logSumExp = helper.flatMap(HelperSumInLogSpace::range)
                .map(r -> LogSumExpFixes.STABLE_MATH + ".logSumExp(" + context.text(call.args().get(r.array()))
                        + (r.bound() < 0 ? "" : ", 0, " + context.text(call.args().get(r.bound()))) + ")")
                .or(() -> composedOver(call, facts).map(x -> logSumExp(x, context)));
        if (logSumExp.isEmpty()) {
            return Optional.empty();
        }
        String name = declaration.name();
        String logName = SourceEdits.freshName(facts, "log" + Character.toUpperCase(name.charAt(0)) + name.substring(1));
        String head = context.file().text().substring(declaration.span().start(), declaration.init().span().start());
        List<TextEdit> edits = new ArrayList<>();
        edits.add(new TextEdit(declaration.span().start(), declaration.init().span().end(),
                head.replaceFirst("\\b" + name + "\\b", logName) + logSumExp.get()));
        if (!LogSumExpFixes.readInLogSpace(declaration, List.of(declaration.span()), logName, at, facts, edits)) {
            return Optional.empty();
        }
        // a private helper of this file that nothing else calls goes with its only call
        DeadCode.deleteUnusedPrivateMethod(helper.get(), call, context).ifPresent(edits::add);
        return Optional.of(Fix.review("Keep the helper's sum of exponentials in log space with StableMath.logSumExp",
                edits, List.of(LogSumExpFixes.STABLE_MATH)));
    }

    /** {@code exp(b) / sum} with {@code sum} a composed Σ exp call: {@code exp(b - StableMath.logSumExp(x))}. */
    private static Optional<Fix> inRatio(Expr.Call sum, MethodFacts facts) {
        ClassFacts context = facts.context();
        Optional<Expr> x = composedOver(sum, facts);
        Optional<Expr.Binary> ratio = Nodes.expressions(facts.method().body()).stream()
                .filter(e -> e instanceof Expr.Binary b && b.op() == BinaryOp.DIVIDE
                        && Nodes.stripCasts(b.right()).span().equals(sum.span())
                        && Nodes.stripCasts(b.left()) instanceof Expr.Call exp && MathCalls.expArgument(exp).isPresent()
                        && MathCalls.isMathOwner(exp.ownerType()))
                .map(Expr.Binary.class::cast).findFirst();
        if (x.isEmpty() || ratio.isEmpty()) {
            return Optional.empty();
        }
        Expr b = MathCalls.expArgument(Nodes.stripCasts(ratio.get().left())).orElseThrow();
        String replacement = "Math.exp(" + SourceEdits.asAdditiveOperand(b, context) + " - " + logSumExp(x.get(), context) + ")";
        return Optional.of(Fix.review("Divide in log space by StableMath.logSumExp",
                List.of(SourceEdits.replaceByPrimary(ratio.get().span(), replacement, context)),
                List.of(LogSumExpFixes.STABLE_MATH)));
    }

    private static String logSumExp(Expr x, ClassFacts context) {
        return LogSumExpFixes.STABLE_MATH + ".logSumExp(" + context.text(x) + ")";
    }

    /**
     * The double array {@code x}, read without side effects, whose Σ exp over every element
     * {@code sum} returns: {@code sum(exp(x))} of two helpers summarised as Σ of their array and
     * exp of each element of theirs, or one summarised as Σ exp of its array. Each helper takes only
     * that array (a bound parameter could sum part of it) and is static or private (an override
     * could compute something else).
     */
    static Optional<Expr> composedOver(Expr.Call sum, MethodFacts facts) {
        Optional<MethodSummary.Effect> outer = oneArrayEffect(sum, facts);
        if (outer.isEmpty()) {
            return Optional.empty();
        }
        Expr summed = Nodes.stripCasts(sum.args().get(0));
        Expr x = null;
        if (outer.get().shape() == Shape.SUM_EXP) {
            x = summed;
        } else if (outer.get().shape() == Shape.SUM && summed instanceof Expr.Call inner
                && (oneArrayEffect(inner, facts).filter(e -> e.shape() == Shape.EXP).isPresent()
                || oneArrayHelper(inner, facts).isPresent() && ExponentialCalls.exponentiatesElements(inner, facts))) {
            x = Nodes.stripCasts(inner.args().get(0));
        }
        return x instanceof Expr.VarRead array && array.type().isFloatingVector()
                && array.type().numeric() == NumericType.DOUBLE && array.type().name().equals("double[]")
                ? Optional.of(x) : Optional.empty();
    }

    /** What a call of a static or private one-parameter method returns over that parameter. */
    private static Optional<MethodSummary.Effect> oneArrayEffect(Expr.Call call, MethodFacts facts) {
        return oneArrayHelper(call, facts).isEmpty() ? Optional.empty()
                : facts.context().summary(call).flatMap(MethodSummary::returned).filter(e -> e.parameter() == 0);
    }

    private static Optional<MethodModel> oneArrayHelper(Expr.Call call, MethodFacts facts) {
        return facts.context().callee(call).map(MethodFacts::method)
                .filter(m -> m.parameters().size() == 1 && call.args().size() == 1 && (m.isStatic() || m.isPrivate()));
    }

    /**
     * The summed array parameter and the bound parameter ({@code -1}: the whole array) of a helper
     * that returns Σ exp(x[i]) over i from 0 to the bound and does nothing else.
     */
    record Range(int array, int bound) {
    }

    static Optional<Range> range(MethodModel helper) {
        if (helper.body() == null || helper.returnType().numeric() != NumericType.DOUBLE
                || !helper.isStatic() && !helper.isPrivate()) {      // an override could compute something else
            return Optional.empty();
        }
        List<Stmt> top = helper.body().statements();
        if (top.size() == 1 && top.get(0) instanceof Stmt.Return ret && ret.value() != null) {
            return streamed(ret.value(), helper);
        }
        if (top.size() != 3 || !(top.get(0) instanceof Stmt.LocalDecl acc) || !MathCalls.isLiteral(acc.init(), 0)
                || !(top.get(1) instanceof Stmt.Loop loop) || !(top.get(2) instanceof Stmt.Return ret)
                || !Nodes.isLocal(Nodes.stripCasts(ret.value()), acc.name())) {
            return Optional.empty();
        }
        Stmt body = loop.body() instanceof Stmt.Block block && block.statements().size() == 1
                ? block.statements().get(0) : loop.body();
        if (!(body instanceof Stmt.Assign add) || add.op() != AssignOp.ADD || !Nodes.isLocal(add.target(), acc.name())) {
            return Optional.empty();
        }
        Optional<Expr> exponent = MathCalls.expArgument(Nodes.stripCasts(add.value())).map(Nodes::stripCasts);
        if (exponent.isEmpty()) {
            return Optional.empty();
        }
        if (loop.kind() == LoopKind.FOR_EACH) {
            int array = Nodes.parameterIndex(loop.iterable(), helper);
            return isDoubleArray(array, helper) && Nodes.isLocal(exponent.get(), loop.element().name())
                    ? Optional.of(new Range(array, -1)) : Optional.empty();
        }
        String i = loop.inductionVariable();
        if (loop.kind() != LoopKind.FOR || i == null || loop.init().size() != 1
                || !(loop.init().get(0) instanceof Stmt.LocalDecl start) || !MathCalls.isLiteral(start.init(), 0)
                || !(exponent.get() instanceof Expr.ArrayElement element) || !Nodes.isLocal(element.index(), i)
                || !(Nodes.stripCasts(loop.condition()) instanceof Expr.Binary below) || below.op() != BinaryOp.LESS
                || !Nodes.isLocal(below.left(), i)) {
            return Optional.empty();
        }
        int array = Nodes.parameterIndex(element.array(), helper);
        Expr bound = Nodes.stripCasts(below.right());
        if (!isDoubleArray(array, helper)) {
            return Optional.empty();
        }
        if (bound instanceof Expr.VarRead length && length.name().equals("length") && length.qualifier() != null
                && Nodes.parameterIndex(length.qualifier(), helper) == array) {
            return Optional.of(new Range(array, -1));
        }
        int limit = Nodes.parameterIndex(bound, helper);
        return limit >= 0 && helper.parameters().get(limit).type().numeric() == NumericType.INT
                ? Optional.of(new Range(array, limit)) : Optional.empty();
    }

    /** {@code return Arrays.stream(x).map(Math::exp).sum();} over a parameter. */
    private static Optional<Range> streamed(Expr returned, MethodModel helper) {
        Optional<StreamPipeline> stream = StreamPipeline.of(Nodes.stripCasts(returned));
        if (stream.isEmpty() || stream.get().kind() != ReductionKind.SUM || stream.get().mappings().size() != 1
                || stream.get().mappedFunction().filter("exp"::equals).isEmpty()) {
            return Optional.empty();
        }
        int array = Nodes.parameterIndex(stream.get().source(), helper);
        return isDoubleArray(array, helper) ? Optional.of(new Range(array, -1)) : Optional.empty();
    }

    private static boolean isDoubleArray(int parameter, MethodModel helper) {
        return parameter >= 0 && helper.parameters().get(parameter).type().isFloatingVector()
                && helper.parameters().get(parameter).type().numeric() == NumericType.DOUBLE;
    }
}
