package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.MethodUses;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.facts.ReductionKind;
import dev.numguard.rules.idioms.moments.Cancellation;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.UnaryOp;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The fix of a variance whose power sums are locals of one loop, wherever the loop runs (over an
 * array, a list, a stack, a histogram): a local {@code RunningStats} (Welford, or West with weights)
 * takes the place of the sum of squares, {@code stats.accept(x)} (or {@code accept(x, w)}) of its
 * update, and the formula becomes {@code stats.variance()}, {@code sampleVariance()} or
 * {@code standardDeviation()}. Rewriting only the formula could not help: once Σx² is rounded, the
 * digits the variance needs are gone, so the accumulation itself has to change.
 *
 * <p>Offered only where the rewrite provably sees the same values: the sums and the count are
 * updated together in one block, start at zero and are written nowhere else; the formula reads
 * them after the loop or after the updates in the same block; every count in it is the number of
 * updates (a counter bumped beside the sums, or the length of the array the loop covers whole);
 * weighted sums are normalised by the sum of the same weights. The sum and the counter stay where
 * something else reads them, the mean {@code sum / n} becomes {@code stats.mean()}, and locals
 * that only fed the formula go.
 */
public final class LoopRunningStatsFix {
    private static final String RUNNING_STATS = RunningStatsFix.RUNNING_STATS;

    private LoopRunningStatsFix() {
    }

    /** The moment terms of the loop: the sum of squares, the sum, the weight and its sum, the count. */
    private record Sums(Reduction second, Reduction first, List<Expr> value, List<Expr> weight, Reduction weightSum,
                        Reduction counter) {
        boolean weighted() {
            return !weight.isEmpty();
        }

        /** Weights with nothing to normalise by: a probability mass, assumed to sum to 1. */
        boolean mass() {
            return weighted() && weightSum == null;
        }
    }

    /** The fix, when the sums behind {@code subtraction} are locals of one loop that a RunningStats can take over. */
    public static Optional<Fix> of(MethodFacts facts, Expr.Binary subtraction, Cancellation c) {
        if (c.covariance()) {
            return Optional.empty();
        }
        Optional<Sums> found = sums(facts, c);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Sums sums = found.get();
        ClassFacts context = facts.context();
        Stmt.Block block = SourceEdits.parentBlock(facts.method(), sums.second().update()).orElse(null);
        if (block == null || !afterUpdates(subtraction, sums, block)) {
            return Optional.empty();
        }
        // the power of the count (or total weight) the subtraction is the variance times
        // Σp·x² − (Σp·x)² is a variance only where Σp = 1, which nothing here proves: not offered
        if (sums.mass()) {
            return Optional.empty();
        }
        int scale = !sums.weighted() ? c.nPower() + 1 : c.left().denominators().isEmpty() ? 1 : 0;
        if (sums.weighted() && !c.left().scalars().isEmpty()) {
            return Optional.empty();
        }
        for (Expr count : counts(c)) {
            if (!isCount(count, sums, facts)) {
                return Optional.empty();
            }
        }
        Formula formula = formula(subtraction, scale, sums, facts);
        if (formula == null) {
            return Optional.empty();
        }
        Stmt.LocalDecl declaration = facts.declaration(sums.second().variable());
        if (!sums.weight().stream().allMatch(LoopRunningStatsFix::nonNegative)) {
            return Optional.empty();
        }
        List<Expr> value = asWritten(sums.value(), sums.first(), facts);
        List<Expr> weight = asWritten(sums.weight(), sums.first(), facts);
        if (declaration == null || !startsAtZero(declaration) || value.stream().anyMatch(LoopRunningStatsFix::assigns)
                || weight.stream().anyMatch(LoopRunningStatsFix::assigns) || assigns(sums.first().term())) {
            return Optional.empty();
        }
        String stats = SourceEdits.freshName(facts, "stats", "runningStats");
        String call = stats + "." + formula.method() + "()";
        if (formula.countFactor() != null) {
            call = formula.countFactor() + " * " + call;
        }
        if (formula.root().type().numeric() == NumericType.FLOAT) {
            call = "(float) " + (formula.countFactor() == null ? call : "(" + call + ")");
        }
        List<TextEdit> edits = new ArrayList<>();
        List<SourceSpan> gone = new ArrayList<>();
        String accept = product(value, context) + (weight.isEmpty() ? "" : ", " + product(weight, context));
        edits.add(TextEdit.replace(sums.second().update().span(), stats + ".accept(" + accept + ");"));
        gone.add(sums.second().update().span());
        edits.add(formula.countFactor() == null ? SourceEdits.replaceByPrimary(formula.root().span(), call, context)
                : TextEdit.replace(formula.root().span(),
                        SourceEdits.ungroupedWhereStandalone("(" + call + ")", formula.root(), facts)));
        gone.add(formula.root().span());

        // the mean sum / n becomes stats.mean() where it is read outside the formula
        Reduction first = sums.first();
        Stmt.LocalDecl firstDeclaration = facts.declaration(first.variable());
        List<Stmt.LocalDecl> removed = new ArrayList<>(List.of(declaration));
        List<Expr.Binary> means = new ArrayList<>();
        boolean firstOnlyInMeans = true;
        for (Expr.VarRead read : DeadCode.readsOf(firstDeclaration.id(), facts)) {
            if (first.update().span().contains(read.span()) || formula.root().span().contains(read.span())) {
                continue;
            }
            Optional<Expr.Binary> mean = meanAround(read, sums, facts);
            mean.ifPresent(means::add);
            firstOnlyInMeans &= mean.isPresent();
        }
        if (firstOnlyInMeans && (!sums.weighted() || sums.weightSum() != null)) {
            Optional<TextEdit> update = DeadCode.deleteLines(first.update(), context);
            if (update.isPresent()) {
                for (Expr.Binary mean : means) {
                    String text = stats + ".mean()";
                    edits.add(SourceEdits.replaceByPrimary(mean.span(),
                            mean.type().numeric() == NumericType.FLOAT ? "(float) " + text : text, context));
                    gone.add(mean.span());
                }
                edits.add(update.get());
                gone.add(first.update().span());
                removed.add(firstDeclaration);
            }
        }
        gone.add(declaration.span());
        List<String> kept = new ArrayList<>();
        for (Expr e : concat(value, weight)) {
            Nodes.expressions(e).stream().filter(r -> r instanceof Expr.VarRead).forEach(r -> kept.add(((Expr.VarRead) r).name()));
        }
        deadLocals(facts, gone, kept, formula, edits, removed);
        String statsDeclaration = RUNNING_STATS + " " + stats + " = new " + RUNNING_STATS + "();";
        if (!declarations(removed, declaration, statsDeclaration, facts, edits)) {
            return Optional.empty();
        }
        // an edit inside a deleted statement (the mean of a deleted local) goes with it
        edits.removeIf(inner -> edits.stream().anyMatch(outer -> outer != inner && outer.start() <= inner.start()
                && inner.end() <= outer.end() && outer.replacement().isEmpty()));
        edits.sort(java.util.Comparator.comparingInt(TextEdit::start));
        for (int i = 1; i < edits.size(); i++) {
            if (edits.get(i).start() < edits.get(i - 1).end()) {
                return Optional.empty();
            }
        }
        String description = !sums.weighted() ? "Accumulate a RunningStats (Welford) instead of the power sums"
                : "Accumulate a weighted RunningStats (West) instead of the weighted power sums";
        return Optional.of(Fix.review(description, edits, List.of(RUNNING_STATS)));
    }

    /** The loop's sums behind the formula, when they are plain local accumulators updated together. */
    private static Optional<Sums> sums(MethodFacts facts, Cancellation c) {
        Map<String, Reduction> byName = new LinkedHashMap<>();
        List<Object> all = new ArrayList<>(c.left().reductions());
        all.addAll(c.right().reductions());
        for (Object o : all) {
            if (!(o instanceof Reduction r) || r.variableKind() != VarKind.LOCAL || r.loop() == null || r.subtracted()
                    || r.kind() != ReductionKind.SUM || !(r.update() instanceof Stmt.Assign)) {
                return Optional.empty();
            }
            byName.put(r.variable(), r);
        }
        // the second moment is the sum of the left term that the right term does not read (Σw may be in both)
        List<Object> right = c.right().reductions();
        List<Reduction> left = c.left().reductions().stream().filter(Reduction.class::isInstance).map(Reduction.class::cast)
                .filter(r -> !right.contains(r)).distinct().toList();
        if (left.size() != 1) {
            return Optional.empty();
        }
        Reduction second = left.get(0);
        List<Expr> secondFactors = factors(facts.resolve(second.term()), facts);
        for (Reduction first : byName.values()) {
            if (first == second) {
                continue;
            }
            // Σ w·x·x against Σ w·x: the factor the second moment has more is the value, the rest the weight
            List<Expr> firstFactors = factors(facts.resolve(first.term()), facts);
            for (Expr x : firstFactors) {
                List<Expr> weight = without(firstFactors, x);
                List<Expr> expected = new ArrayList<>(firstFactors);
                expected.add(x);
                if (!sameFactors(secondFactors, expected)) {
                    continue;
                }
                if (weight.isEmpty()) {
                    return byName.size() == 2 ? withCounter(facts, new Sums(second, first, List.of(x), List.of(), null, null))
                            : Optional.empty();
                }
                Reduction weightSum = byName.values().stream().filter(r -> r != first && r != second
                        && sameFactors(factors(facts.resolve(r.term()), facts), weight)).findFirst().orElse(null);
                if (byName.size() == (weightSum == null ? 2 : 3)) {
                    return withCounter(facts, new Sums(second, first, List.of(x), weight, weightSum, null));
                }
            }
        }
        return Optional.empty();
    }

    /** The factors of a product, through locals and squares ({@code pow(x, 2)} is x, x). */
    private static List<Expr> factors(Expr e, MethodFacts facts) {
        Expr r = Nodes.stripCasts(e);
        Optional<Expr> squared = MathCalls.squared(r);
        if (squared.isPresent() && !(r instanceof Expr.Binary)) {
            Expr base = Nodes.stripCasts(facts.resolve(squared.get()));
            return List.of(base, base);
        }
        if (r instanceof Expr.Binary b && b.op() == BinaryOp.MULTIPLY) {
            List<Expr> out = new ArrayList<>(factors(facts.resolve(b.left()), facts));
            out.addAll(factors(facts.resolve(b.right()), facts));
            return out;
        }
        return List.of(r);
    }

    /**
     * The factors as the accumulation of the sum writes them (a local rather than what it was
     * assigned), so that {@code accept} reads what the sum read.
     */
    private static List<Expr> asWritten(List<Expr> resolved, Reduction sum, MethodFacts facts) {
        List<Expr> written = new ArrayList<>(factors(sum.term()));
        List<Expr> out = new ArrayList<>();
        for (Expr target : resolved) {
            Expr match = written.stream().filter(w -> Nodes.sameShape(Nodes.stripCasts(facts.resolve(w)), target)
                    || Nodes.sameShape(w, target)).findFirst().orElse(target);
            written.remove(match);
            out.add(match);
        }
        return out;
    }

    /** The factors joined by {@code *}, each parenthesised where it needs it. */
    static String product(List<Expr> factors, ClassFacts context) {
        List<String> texts = new ArrayList<>();
        for (Expr f : factors) {
            texts.add(factors.size() == 1 ? context.text(f) : SourceEdits.asFactor(f, context));
        }
        return String.join(" * ", texts);
    }

    static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static List<Expr> without(List<Expr> factors, Expr one) {
        List<Expr> rest = new ArrayList<>(factors);
        rest.remove(one);
        return rest;
    }

    /** The same factors in any order, compared by shape. */
    static boolean sameFactors(List<Expr> a, List<Expr> b) {
        if (a.size() != b.size()) {
            return false;
        }
        List<Expr> rest = new ArrayList<>(b);
        for (Expr e : a) {
            Optional<Expr> match = rest.stream().filter(o -> Nodes.sameShape(o, e)).findFirst();
            if (match.isEmpty()) {
                return false;
            }
            rest.remove(match.get());
        }
        return true;
    }

    /** The sums with the counter bumped beside them, if any; empty when the updates are not together. */
    private static Optional<Sums> withCounter(MethodFacts facts, Sums sums) {
        Optional<Stmt.Block> block = SourceEdits.parentBlock(facts.method(), sums.second().update());
        List<Reduction> together = new ArrayList<>(List.of(sums.second(), sums.first()));
        if (sums.weightSum() != null) {
            together.add(sums.weightSum());
        }
        for (Reduction r : together) {
            if (block.isEmpty() || !block.get().statements().contains(r.update()) || r.loop() != sums.second().loop()
                    || !onlyWrittenBy(r, facts) || facts.declaration(r.variable()) == null
                    || !startsAtZero(facts.declaration(r.variable()))) {
                return Optional.empty();
            }
        }
        Reduction counter = counterBeside(sums.second(), block.get(), facts);
        return Optional.of(new Sums(sums.second(), sums.first(), sums.value(), sums.weight(), sums.weightSum(), counter));
    }

    /** The local counter bumped by one in {@code block} beside the sum, from zero; null when there is none. */
    static Reduction counterBeside(Reduction sum, Stmt.Block block, MethodFacts facts) {
        return facts.reductions().stream().filter(r -> (r.kind() == ReductionKind.COUNT
                || r.kind() == ReductionKind.SUM && MathCalls.isLiteral(r.term(), 1)) && !r.subtracted()
                && r.variableKind() == VarKind.LOCAL && block.statements().contains(r.update())
                && r.loop() == sum.loop() && onlyWrittenBy(r, facts) && facts.declaration(r.variable()) != null
                && startsAtZero(facts.declaration(r.variable()))).findFirst().orElse(null);
    }

    /** {@code e} holds the number of updates of the unweighted sum {@code sum}, bumped beside {@code counter} (or null). */
    static boolean isUpdateCount(Expr e, Reduction sum, Reduction counter, MethodFacts facts) {
        return isCount(e, new Sums(sum, sum, List.of(), List.of(), null, counter), facts);
    }

    /** No statement but the accumulation and the declaration writes the accumulator. */
    static boolean onlyWrittenBy(Reduction r, MethodFacts facts) {
        for (Stmt s : facts.statements()) {
            if (s != r.update() && (s instanceof Stmt.Assign a && Nodes.stripCasts(a.target()) instanceof Expr.VarRead v
                    && v.name().equals(r.variable()) && v.kind() == VarKind.LOCAL
                    || s instanceof Stmt.ExprStmt e && e.expr() instanceof Expr.Unary u && u.op().assigns()
                    && Nodes.isLocal(u.operand(), r.variable()))) {
                return false;
            }
        }
        return Nodes.expressions(facts.method().body()).stream().noneMatch(e -> !r.update().span().contains(e.span())
                && (e instanceof Expr.Unary u && u.op().assigns() && Nodes.isLocal(u.operand(), r.variable())
                || e instanceof Expr.Other o && o.kind().equals("assignment") && !o.children().isEmpty()
                && Nodes.isLocal(o.children().get(0), r.variable())));
    }

    static boolean startsAtZero(Stmt.LocalDecl d) {
        return d.type().isScalar() && d.init() != null && MathCalls.isLiteral(d.init(), 0);
    }

    /** The formula reads the sums after the loop, or after all their updates in the same block. */
    private static boolean afterUpdates(Expr.Binary subtraction, Sums sums, Stmt.Block block) {
        Stmt.Loop loop = sums.second().loop();
        if (subtraction.span().start() >= loop.span().end()) {
            return true;
        }
        int last = 0;
        for (Reduction r : new Reduction[] {sums.second(), sums.first(), sums.weightSum(), sums.counter()}) {
            if (r != null) {
                last = Math.max(last, r.update().span().end());
            }
        }
        for (Stmt s : block.statements()) {
            if (s.span().contains(subtraction.span())) {
                return s.span().start() >= last;
            }
        }
        return false;
    }

    /** Every scalar the formula multiplies or divides by: each must be a count. */
    static List<Expr> counts(Cancellation c) {
        List<Expr> counts = new ArrayList<>(c.left().scalars());
        counts.addAll(c.left().divisors());
        counts.addAll(c.right().scalars());
        counts.addAll(c.right().divisors());
        return counts;
    }

    /**
     * {@code e} holds the number of updates (unweighted) or their total weight (weighted): the
     * counter or weight sum of the loop, or the length of the array the loop covers whole with the
     * updates directly in its body.
     */
    private static boolean isCount(Expr e, Sums sums, MethodFacts facts) {
        Expr r = Nodes.stripCasts(e);
        if (r instanceof Expr.Literal) {
            return true;
        }
        Reduction total = !sums.weighted() ? sums.counter() : sums.weightSum();
        if (r instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL && total != null && v.name().equals(total.variable())) {
            return true;
        }
        Expr resolved = Nodes.stripCasts(facts.resolve(e));
        if (resolved != r) {
            return isCount(resolved, sums, facts);
        }
        Stmt.Loop loop = sums.second().loop();
        if (sums.weighted() || !(loop.body() instanceof Stmt.Block body)
                || !body.statements().contains(sums.second().update())) {
            return false;
        }
        return r instanceof Expr.VarRead length && length.name().equals("length")
                && length.qualifier() != null && Nodes.stripCasts(length.qualifier()) instanceof Expr.VarRead array
                && WholeArrayIdiom.coversArray(loop, array.name(), facts)
                || isBound(r, loop, facts);
    }

    /**
     * {@code e} is the bound {@code n} of {@code for (int i = 0; i < n; i++)}, a local or parameter
     * that neither the loop nor later code writes: the body runs n times (none when n <= 0, where
     * the formula divides by a count of no values either way).
     */
    static boolean isBound(Expr e, Stmt.Loop loop, MethodFacts facts) {
        String i = loop.inductionVariable();
        if (!(e instanceof Expr.VarRead n) || n.kind() == VarKind.FIELD || i == null || loop.init().size() != 1
                || loop.update().size() != 1 || !(loop.init().get(0) instanceof Stmt.LocalDecl d)
                || !MathCalls.isLiteral(d.init(), 0) || !(loop.update().get(0) instanceof Stmt.ExprStmt step
                && step.expr() instanceof Expr.Unary u && (u.op() == UnaryOp.POST_INCREMENT || u.op() == UnaryOp.PRE_INCREMENT))
                || !(loop.condition() instanceof Expr.Binary cmp && cmp.op() == BinaryOp.LESS && Nodes.isLocal(cmp.left(), i)
                && Nodes.stripCasts(cmp.right()) instanceof Expr.VarRead bound && bound.name().equals(n.name())
                && bound.kind() == n.kind())) {
            return false;
        }
        boolean writtenInLoop = facts.definitions(n.name()).stream().anyMatch(def -> loop.span().contains(def.site().span()))
                || facts.definitions(i).stream().anyMatch(def -> loop.body().span().contains(def.site().span()));
        boolean writtenAfter = facts.definitions(n.name()).stream().anyMatch(def -> def.site().span().start() > loop.span().end());
        return !writtenInLoop && !writtenAfter;
    }

    /** The expression replaced, the RunningStats method it becomes, and a count factor left over (or null). */
    record Formula(Expr root, String method, String countFactor) {
        /** The edit writing the formula as the call of {@link #method} on {@code stats}, cast back to float where it was. */
        TextEdit edit(String stats, MethodFacts facts) {
            String call = stats + "." + method + "()";
            if (countFactor != null) {
                call = countFactor + " * " + call;
            }
            if (root.type().numeric() == NumericType.FLOAT) {
                call = "(float) " + (countFactor == null ? call : "(" + call + ")");
            }
            return countFactor == null ? SourceEdits.replaceByPrimary(root.span(), call, facts.context())
                    : TextEdit.replace(root.span(), SourceEdits.ungroupedWhereStandalone("(" + call + ")", root, facts));
        }
    }

    /**
     * Climbs from the subtraction (the variance times count^scale) through divisions by the count
     * or by count − 1 and a square root, to the largest expression one RunningStats call gives.
     */
    private static Formula formula(Expr.Binary subtraction, int scale, Sums sums, MethodFacts facts) {
        Reduction total = !sums.weighted() ? sums.counter() : sums.weightSum();
        return formula(subtraction, scale, e -> isCount(e, sums, facts), sums.weighted(),
                () -> total != null ? total.variable() : countName(subtraction, sums, facts), facts);
    }

    /**
     * {@link #formula(Expr.Binary, int, Sums, MethodFacts)} for sums of any origin: {@code isCount}
     * tells the number of updates (or the total weight), {@code countName} how the formula writes it.
     */
    static Formula formula(Expr.Binary subtraction, int scale, Predicate<Expr> isCount, boolean weighted,
                           Supplier<String> countName, MethodFacts facts) {
        Expr root = subtraction;
        boolean sample = false;
        int power = scale;
        while (power > 0) {
            root = throughNonNegativeGuards(root, facts);
            Expr parent = parent(root, facts);
            if (!(parent instanceof Expr.Binary division) || division.op() != BinaryOp.DIVIDE
                    || !Nodes.stripCasts(division.left()).span().equals(root.span())) {
                break;
            }
            List<Expr> factors = factors(division.right());
            int counts = 0;
            int lessOne = 0;
            for (Expr f : factors) {
                if (isCount.test(f) && !(Nodes.stripCasts(f) instanceof Expr.Literal)) {
                    counts++;
                } else if (f instanceof Expr.Binary minus && minus.op() == BinaryOp.SUBTRACT
                        && MathCalls.isLiteral(minus.right(), 1) && isCount.test(minus.left()) && !weighted) {
                    lessOne++;
                } else {
                    return null;
                }
            }
            // n − 1 turns Σ(x − mean)² into the sample variance; it must be the last count divided by
            if (sample || lessOne > 1 || counts + lessOne > power || lessOne == 1 && counts + lessOne != power) {
                return null;
            }
            power -= counts + lessOne;
            sample = lessOne == 1;
            root = division;
        }
        // n²·variance (n·S2 − S² left undivided) is 0 for no values, the RunningStats NaN: not offered
        if (power > 1 || power < 0) {
            return null;
        }
        if (power > 0) {
            // n·Σ(x − mean)² is n²·variance: keep the count the formula itself read
            String n = countName.get();
            if (n == null || sample) {
                return null;
            }
            return new Formula(root, "variance", n);
        }
        root = throughNonNegativeGuards(root, facts);
        String method = sample ? "sampleVariance" : "variance";
        Expr parent = parent(root, facts);
        Optional<Expr.Call> sqrt = MathCalls.call(parent, "sqrt", 1);
        if (sqrt.isPresent() && Nodes.stripCasts(sqrt.get().args().get(0)).span().equals(root.span())) {
            root = parent;
            method = sample ? "sampleStandardDeviation" : "standardDeviation";
        }
        if (sample && weighted) {
            return null;
        }
        return new Formula(root, method, null);
    }

    /**
     * {@code Math.abs(v)} or {@code Math.max(0, v)} around {@code v}, repeatedly: guards against the
     * negative results of the cancellation, no-ops on the variance that replaces it.
     */
    private static Expr throughNonNegativeGuards(Expr e, MethodFacts facts) {
        Expr parent = parent(e, facts);
        Optional<Expr.Call> abs = MathCalls.call(parent, "abs", 1);
        Optional<Expr.Call> max = MathCalls.call(parent, "max", 2);
        boolean guard = abs.isPresent() && Nodes.stripCasts(abs.get().args().get(0)).span().equals(e.span())
                || max.isPresent() && MathCalls.isLiteral(max.get().args().get(0), 0)
                && Nodes.stripCasts(max.get().args().get(1)).span().equals(e.span())
                || max.isPresent() && MathCalls.isLiteral(max.get().args().get(1), 0)
                && Nodes.stripCasts(max.get().args().get(0)).span().equals(e.span());
        return guard ? throughNonNegativeGuards(parent, facts) : e;
    }

    /** The count as the formula writes it ({@code n}, {@code x.length}), when it is a variable or a length. */
    private static String countName(Expr.Binary subtraction, Sums sums, MethodFacts facts) {
        return Nodes.expressions(subtraction).stream().filter(e -> e instanceof Expr.VarRead v
                        && (v.kind() != VarKind.FIELD || v.name().equals("length")) && isCount(e, sums, facts))
                .map(e -> facts.context().text(e)).findFirst().orElse(null);
    }

    /** The factors of a product (parentheses and casts looked through). */
    static List<Expr> factors(Expr e) {
        Expr r = Nodes.stripCasts(e);
        if (r instanceof Expr.Binary b && b.op() == BinaryOp.MULTIPLY) {
            List<Expr> out = new ArrayList<>(factors(b.left()));
            out.addAll(factors(b.right()));
            return out;
        }
        return List.of(r);
    }

    /** The innermost expression of the method with an operand spanning exactly what {@code e} spans. */
    private static Expr parent(Expr e, MethodFacts facts) {
        return MethodUses.of(facts).parentBySpan(e);
    }

    /** {@code read / n} (or {@code read / Σw}) around a read of the sum, when the divisor is the count. */
    private static Optional<Expr.Binary> meanAround(Expr.VarRead read, Sums sums, MethodFacts facts) {
        Expr parent = parent(read, facts);
        if (parent instanceof Expr.Binary mean && mean.op() == BinaryOp.DIVIDE
                && Nodes.stripCasts(mean.left()).span().equals(read.span())
                && (isCount(mean.right(), sums, facts) && !(Nodes.stripCasts(mean.right()) instanceof Expr.Literal))) {
            return Optional.of(mean);
        }
        return Optional.empty();
    }

    /**
     * Deletes the locals, counters and weight sums that nothing reads any more: every read lies in
     * code the fix removed or replaced. Repeated, since a mean read only by the formula keeps the
     * sum alive until the mean goes.
     */
    private static void deadLocals(MethodFacts facts, List<SourceSpan> gone, List<String> kept, Formula formula,
                                   List<TextEdit> edits, List<Stmt.LocalDecl> removed) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Stmt s : facts.statements()) {
                if (!(s instanceof Stmt.LocalDecl d) || d.id() == null || removed.contains(d) || kept.contains(d.name())
                        || SourceEdits.parentBlock(facts.method(), d).isEmpty()
                        || !d.type().isScalar() || formula.countFactor() != null
                        && d.name().equals(formula.countFactor())) {
                    continue;
                }
                List<Stmt> writes = facts.statements().stream().filter(w -> w != d && writes(w, d)).toList();
                if (d.init() != null && hasEffects(d.init()) || writes.stream().anyMatch(w -> w instanceof Stmt.Assign a
                        && hasEffects(a.value()))) {
                    continue;
                }
                List<Expr.VarRead> reads = DeadCode.readsOf(d.id(), facts);
                boolean dead = !reads.isEmpty() && reads.stream().allMatch(r -> inside(r.span(), gone)
                        || writes.stream().anyMatch(w -> w.span().contains(r.span()))
                        || d.init() != null && d.span().contains(r.span()));
                if (!dead) {
                    continue;
                }
                List<TextEdit> lines = new ArrayList<>();
                writes.forEach(w -> DeadCode.deleteLines(w, facts.context()).ifPresent(lines::add));
                if (lines.size() == writes.size()) {
                    edits.addAll(lines);
                    removed.add(d);
                    gone.add(d.span());
                    writes.forEach(w -> gone.add(w.span()));
                    changed = true;
                }
            }
        }
    }

    /**
     * The edits removing the declarations in {@code removed} and declaring the RunningStats where
     * the sum of squares was declared: a statement left with no variable goes (or becomes the
     * RunningStats declaration), one that keeps others loses only the removed declarators.
     */
    private static boolean declarations(List<Stmt.LocalDecl> removed, Stmt.LocalDecl squares, String statsDeclaration,
                                        MethodFacts facts, List<TextEdit> edits) {
        ClassFacts context = facts.context();
        Map<SourceSpan, List<Stmt.LocalDecl>> byStatement = new LinkedHashMap<>();
        for (Stmt.LocalDecl d : removed) {
            byStatement.computeIfAbsent(d.span(), k -> new ArrayList<>()).add(d);
        }
        for (Map.Entry<SourceSpan, List<Stmt.LocalDecl>> e : byStatement.entrySet()) {
            SourceSpan span = e.getKey();
            List<Stmt.LocalDecl> all = facts.statements().stream()
                    .filter(s -> s instanceof Stmt.LocalDecl d && d.span().equals(span)).map(Stmt.LocalDecl.class::cast).toList();
            boolean holdsSquares = span.equals(squares.span());
            if (!SourceEdits.startsLine(span.start(), context)) {
                return false;
            }
            if (e.getValue().size() == all.size()) {
                if (holdsSquares) {
                    edits.add(TextEdit.replace(span, statsDeclaration));
                } else {
                    Optional<TextEdit> deletion = DeadCode.deleteLines(e.getValue().get(0), context);
                    if (deletion.isEmpty()) {
                        return false;
                    }
                    edits.add(deletion.get());
                }
                continue;
            }
            String text = context.text(span);
            for (Stmt.LocalDecl d : e.getValue()) {
                String declarator = java.util.regex.Pattern.quote(d.name()) + "\\s*=\\s*[0-9.]+[dDfFlL]?";
                String without = text.replaceFirst("\\s*,\\s*" + declarator + "(?=\\s*[,;])", "");
                if (without.equals(text)) {
                    without = text.replaceFirst("(?<=[\\s,])" + declarator + "\\s*,\\s*", "");
                }
                if (without.equals(text)) {
                    return false;
                }
                text = without;
            }
            String prefix = holdsSquares ? statsDeclaration + "\n" + context.indentationAt(span.start()) : "";
            edits.add(TextEdit.replace(span, prefix + text));
        }
        return true;
    }

    private static boolean writes(Stmt s, Stmt.LocalDecl d) {
        return s instanceof Stmt.Assign a && Nodes.stripCasts(a.target()) instanceof Expr.VarRead v && v.id().equals(d.id())
                || s instanceof Stmt.ExprStmt e && e.expr() instanceof Expr.Unary u && u.op().assigns()
                && Nodes.stripCasts(u.operand()) instanceof Expr.VarRead operand && operand.id().equals(d.id());
    }

    private static boolean hasEffects(Expr e) {
        return Nodes.expressions(e).stream().anyMatch(x -> x instanceof Expr.Call || x instanceof Expr.Other
                || x instanceof Expr.Unary u && u.op().assigns());
    }

    /**
     * A weight that cannot be negative ({@code exp}, {@code abs}, a square): RunningStats rejects
     * negative weights, where the raw sums went on computing.
     */
    private static boolean nonNegative(Expr weight) {
        return MathCalls.expArgument(weight).isPresent() || MathCalls.call(weight, "abs", 1).isPresent()
                || MathCalls.squared(weight).isPresent()
                || Nodes.stripCasts(weight) instanceof Expr.Literal l && l.value() instanceof Number && l.numericValue() >= 0;
    }

    private static boolean assigns(Expr e) {
        return Nodes.expressions(e).stream().anyMatch(x -> x instanceof Expr.Other o && o.kind().equals("assignment")
                || x instanceof Expr.Unary u && u.op().assigns());
    }

    private static boolean inside(SourceSpan span, List<SourceSpan> spans) {
        return spans.stream().anyMatch(s -> s.contains(span));
    }
}
