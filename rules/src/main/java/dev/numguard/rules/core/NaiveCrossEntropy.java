package dev.numguard.rules.core;

import dev.numguard.rules.Finding;
import dev.numguard.rules.Fix;
import dev.numguard.rules.Rule;
import dev.numguard.rules.RuleInfo;
import dev.numguard.rules.Severity;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.ValueOrigins;
import dev.numguard.rules.fixes.CrossEntropyFixes;
import dev.numguard.rules.fixes.LogSpaceCombination;
import dev.numguard.rules.fixes.WholeArrayIdiom;
import dev.numguard.rules.idioms.exp.ExpSum;
import dev.numguard.rules.idioms.exp.ExpSums;
import dev.numguard.rules.idioms.exp.ExpTerm;
import dev.numguard.rules.idioms.exp.Exponents;
import dev.numguard.rules.idioms.exp.Logarithm;
import dev.numguard.rules.idioms.exp.SoftmaxOutputs;
import dev.numguard.rules.idioms.exp.StoredProbabilities;
import dev.numguard.rules.idioms.guards.TestedOrigins;
import dev.numguard.rules.messages.Thresholds;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.List;
import java.util.Optional;

/** −log of a probability that came from a naive softmax, in the same method or a softmax helper. */
@RuleInfo(
        summary = "−log(softmax(x)[t]) is NaN for logits above 709.78 and Infinity once the probability underflows",
        severity = Severity.ERROR,
        whatItDoes = """
                Flags the logarithm of a probability produced by a softmax without a max shift, computed in \
                the same method (`-Math.log(Math.exp(x[t]) / sum)`, also any ratio NaiveSoftmax reports there), \
                by a softmax method of this or another class of the project (`-Math.log(softmax(x)[t])`, \
                `-Math.log(Activations.softmax(x)[t])`), or read back from a field array that a naive softmax of \
                its class fills (`Math.log(policy.probability(a))` with a getter returning `pi[a]`, also through \
                an interface's default method that reads the implementation's accessor, dispatched on the \
                static type of the receiver). The logarithm may be `Math.log` or a method of the project that \
                returns the log of its argument in some base (`logBase2(v) { return Math.log(v) / LOG2; }`), or \
                a one-argument method outside the analysed sources named for a logarithm (`ln`, `log2`). \
                Across the analysed sources it follows the logged value back (ValueOrigins): from a parameter to \
                the arguments of every call that can invoke the method (calls on its class or on a supertype \
                whose method it overrides), from a field to what the constructors are given at each `new`, from \
                a call to what the method returns, and from data read from an object (`t.elements[i]`, \
                `m.dataAt(r, c)`, `ctx.data(node)`) to that object. Where every value that reaches the log is \
                the output of a softmax of the sources (a method dividing by a sum of exps, a softmax layer or \
                graph node) it reports; where only some are, or the softmax shifts by the maximum, or the \
                probabilities are a parameter no call passes while a method wires the loss class with a softmax \
                layer (`new SoftmaxLayer(..)` and `new CrossEntropy()` together), it reports as a warning and \
                says why. ND4J/DJL array logarithms (`Transforms.log(p)`, `p.log()`) are followed the same way.""",
        whyIsThisBad = """
                exp overflows to Infinity for logits above 709.78 in double (88.72 in float, 11.09 in fp16), \
                making the probability NaN and the loss NaN; and a true probability below about 1e-308 \
                (1e-38 in float) underflows to 0, making the loss Infinity although logSumExp(x) - x[t] is \
                finite. The cross-entropy computed from the logits has neither problem.""",
        example = """
                double loss(double[] logits, int target) {
                    double[] p = softmax(logits);
                    return -Math.log(p[target]);
                }""",
        useInstead = """
                double loss(double[] logits, int target) {
                    return StableMath.crossEntropy(logits, target);
                }""",
        fixSafety = """
                Needs review. `StableMath.crossEntropy(logits, target)` replaces the loss computation, and \
                with it the softmax helper's result that fed only the loss; where the original was finite \
                the result differs only by rounding. A softmax ratio `p = exp(b) / s` held in a local read only \
                by the logarithm, with `s` a local sum of exponentials (also one kept running across an outer \
                loop), is taken into log space: `s` becomes `logS` accumulated by `StableMath.logAddExp`, `p` \
                becomes `logP = b - logS`, and `log(p)` reads `logP` (a log helper in another base, `log_b(p)`, \
                reads `log_b(Math.E) * logP`); review: locals are renamed and the helper's base conversion can \
                change the last bit. A `Math.log(p)` of probabilities that a softmax of another class computes \
                (a softmax layer or graph node, a stored policy of another class) becomes \
                `StableMath.logProbability(p)`: the same value for every p except an underflowed 0, which gives \
                the log of the smallest positive value of p's type (-744.44 for a double, -103.28 for a float) \
                instead of -Infinity. Review: this only bounds the loss (finite instead of Infinity, and a one-hot \
                term `0 * log p` is 0 instead of NaN); where p underflowed the result is a bound, not the loss, \
                and the cure is to compute the loss from the logits. It is not offered where every caller passes \
                p only under a test of it (`if (p > 0)`: nothing would change), where the same statement divides \
                by p (the result stays Infinity), or for a softmax of the loss's own class.""",
        knownLimits = """
                A probability that reaches the loss only through code outside the analysed sources (a \
                framework that calls the loss, a lambda's parameter, a model block of DJL) or through a network \
                whose wiring is not in the sources stays silent. A constant that reaches the log (a clamp, \
                `if (p < eps) p = eps`) silences it; so does a log of a max-shifted softmax called in the same \
                method (across methods it is reported as a warning: it too is -Infinity once the probability \
                underflows). Calls are matched to methods by class-hierarchy analysis over the sources: a call on \
                a supertype counts as reaching every override in the sources. A logarithm in another base (a helper) is \
                fixed only for the local softmax ratio above; a loss on probabilities from another class gets only \
                the floored log (its logits are out of this file's reach), an ND4J/DJL array log none, and a gradient \
                that divides by the probability (`-t / p`) is left as it is (the message names it). The \
                automatic fix follows a softmax of the same class (inline, or a same-class helper that is \
                itself a naive softmax, also when its logits are a call result, evaluated once into a local \
                when the probabilities are read elsewhere too); a loss on probabilities stored in a field of \
                the loss's own class is reported without a fix.""")
public final class NaiveCrossEntropy implements Rule {

    @Override
    public Optional<Finding> matchCall(Expr.Call call, MethodFacts facts) {
        Optional<Logarithm> log = Logarithm.of(call, facts);
        if (log.isEmpty()) {
            return MathCalls.function(call).filter("array-log"::equals)
                    .map(f -> call.target() != null ? call.target() : call.args().isEmpty() ? null : call.args().get(0))
                    .flatMap(array -> matchFlow(facts, new Logarithm(call, array, true)));
        }
        ClassFacts context = facts.context();
        return matchInline(context, facts, log.get()).or(() -> matchReported(context, facts, log.get()))
                .or(() -> matchHelper(context, facts, log.get())).or(() -> matchStored(facts, log.get()))
                .or(() -> matchFlow(facts, log.get()));
    }

    /**
     * {@code log(p)} with {@code p} reaching the logarithm from a softmax elsewhere in the tree:
     * through parameters (the arguments of every call of the tree that can invoke the method),
     * fields set by constructors (the arguments of every construction), returned values and the
     * objects data is read from ({@link ValueOrigins}). Reported when every origin is a softmax's
     * output; lowered when only some are, or when {@code p} is an input of the tree's API and a
     * method of the tree wires an object of this class together with a softmax layer.
     */
    private Optional<Finding> matchFlow(MethodFacts facts, Logarithm log) {
        boolean anySoftmax = facts.context().project().derived("softmax classes",
                project -> project.classes().stream().anyMatch(SoftmaxOutputs::isSoftmaxClass));
        if (!anySoftmax || log.argument() instanceof Expr.Literal) {
            return Optional.empty();
        }
        ValueOrigins flow = ValueOrigins.of(log.argument(), facts, SoftmaxOutputs::isSoftmaxOutput);
        if (flow.origins().stream().anyMatch(o -> o.value() instanceof Expr.Literal)) {
            return Optional.empty();                           // a constant reaches the log: a clamp or a default
        }
        List<ValueOrigins.Origin> softmax = flow.origins().stream()
                .filter(o -> SoftmaxOutputs.isSoftmaxOutput(o.value(), o.where())).toList();
        if (!softmax.isEmpty()) {
            ValueOrigins.Origin first = softmax.get(0);
            String where = first.where().context().clazz().simpleName() + "." + first.where().method().name() + "()";
            boolean elsewhere = softmax.stream().flatMap(o -> SoftmaxOutputs.softmaxesOf(o.value(), o.where()).stream())
                    .noneMatch(m -> sameClass(m.context(), facts.context()));
            Finding.Builder finding = flowReport(facts, log, "the softmax of " + where,
                    place(first.where(), first.value()), elsewhere);
            boolean naive = softmax.stream().flatMap(o -> SoftmaxOutputs.softmaxesOf(o.value(), o.where()).stream())
                    .anyMatch(m -> m.context().derived("NaiveSoftmax findings", NaiveSoftmax::findingsIn).stream()
                            .anyMatch(f -> m.method().span().contains(f.span())));
            if (!naive && softmax.stream().allMatch(o -> o.where() == facts)) {
                return Optional.empty();      // a shifted softmax called right here: the helper matchers' case, silent
            }
            if (softmax.size() < flow.origins().size() || !flow.complete()) {
                finding.lowered(Severity.WARNING, "only some of the values that reach this logarithm are softmax "
                        + "outputs (" + first.where().context().text(first.value()) + " in " + where + "); the others "
                        + "come from code this analysis cannot follow or from other sources");
            } else if (!naive) {
                finding.lowered(Severity.WARNING, "the softmax shifts by the maximum (or clamps its sum), so it does "
                        + "not overflow; a probability that underflows to 0 still makes this log -Infinity");
            }
            return finding.asMatch();
        }
        boolean input = flow.origins().stream().anyMatch(o -> o.kind() == ValueOrigins.Kind.INPUT);
        if (!input) {
            return Optional.empty();
        }
        return SoftmaxOutputs.wiredWithSoftmax(facts.context()).flatMap(site -> flowReport(facts, log,
                        "a softmax layer that " + site.where().context().clazz().simpleName() + "."
                                + site.where().method().name() + "() wires with this class",
                        place(site.where(), site.node()), true)
                .lowered(Severity.WARNING, "the probabilities are a parameter of "
                        + facts.context().clazz().simpleName() + "." + facts.method().name() + "() that no call in "
                        + "the analysed sources passes, and " + site.where().context().clazz().simpleName() + "."
                        + site.where().method().name() + "() wires this class with a softmax layer").asMatch());
    }

    /**
     * {@code log(ratio)} with the ratio (directly or through a local) a softmax that NaiveSoftmax
     * reports, in the forms {@link #matchInline} does not take apart (a sum kept across an outer
     * loop, a zero-started running maximum, a sum from another method): reported without a fix.
     */
    private Optional<Finding> matchReported(ClassFacts context, MethodFacts facts, Logarithm log) {
        if (!(Nodes.stripCasts(facts.resolve(log.argument())) instanceof Expr.Binary ratio)
                || ratio.op() != BinaryOp.DIVIDE) {
            return Optional.empty();
        }
        List<Finding> softmaxes = context.derived("NaiveSoftmax findings", NaiveSoftmax::findingsIn);
        return softmaxes.stream().anyMatch(f -> ratio.span().contains(f.span()))
                ? report(facts, log, LogSpaceCombination.of(log.call(), log.argument(), log.natural(), facts).orElse(null))
                : Optional.empty();
    }

    /**
     * {@code log(p)} with p read from a field array (directly, by a getter, or by a default method
     * reading the implementation's array) that a naive softmax of its class fills.
     */
    private Optional<Finding> matchStored(MethodFacts facts, Logarithm log) {
        return StoredProbabilities.of(log.argument(), facts).filter(p -> {
            List<Finding> softmaxes = p.owner().derived("NaiveSoftmax findings", NaiveSoftmax::findingsIn);
            return p.writes().stream().anyMatch(w -> softmaxes.stream().anyMatch(f -> w.contains(f.span())));
        }).flatMap(p -> {
            Fix floored = sameClass(p.owner(), facts.context()) ? null
                    : CrossEntropyFixes.flooredLog(facts.context(), log.call()).orElse(null);
            return reportBuilder(facts, log, floored, gradientNote(facts, log, floored != null)).asMatch();
        });
    }

    /** {@code log(exp(x[t]) / Σ exp(x[j]))} in this method. */
    private Optional<Finding> matchInline(ClassFacts context, MethodFacts facts, Logarithm log) {
        if (!(Nodes.stripCasts(facts.resolve(log.argument())) instanceof Expr.Binary ratio)
                || ratio.op() != BinaryOp.DIVIDE) {
            return Optional.empty();
        }
        Optional<ExpTerm> numerator = ExpSums.expTerm(ratio.left(), facts);
        Optional<ExpSum> sum = ExpSums.of(ratio.right(), facts);
        if (numerator.isEmpty() || numerator.get().weight() != null || sum.isEmpty() || sum.get().weighted()) {
            return Optional.empty();
        }
        MethodFacts sumFacts = context.facts(sum.get().method());
        List<Expr> top = List.of(numerator.get().argument());
        if (Exponents.shiftState(sum.get(), sumFacts, top, facts) == Exponents.Shift.REAL
                || Exponents.allBounded(sum.get(), sumFacts, top, facts)) {
            return Optional.empty();
        }
        Fix fix = null;
        if (log.natural() && Nodes.stripCasts(numerator.get().argument()) instanceof Expr.ArrayElement element
                && Nodes.stripCasts(element.array()) instanceof Expr.VarRead logits && logits.type().isFloatingVector()) {
            boolean sameArray = sum.get().terms().stream().allMatch(t -> {
                Optional<String> x = WholeArrayIdiom.arrayOf(t.argument(), sumFacts, sum.get().stream());
                if (sum.get().viaHelper() != null) {
                    x = x.flatMap(name -> WholeArrayIdiom.toCaller(name, sum.get().method(), sum.get().viaHelper()));
                }
                return x.filter(logits.name()::equals).isPresent();
            });
            boolean fullLoop = sum.get().loop() == null || WholeArrayIdiom.coversArray(sum.get().loop(), logits.name(), sumFacts);
            if (sameArray && fullLoop) {
                fix = CrossEntropyFixes.negatedFix(context, facts, log.call(), logits.name(), element.index()).orElse(null);
            }
        }
        if (fix == null) {
            fix = LogSpaceCombination.of(log.call(), log.argument(), log.natural(), facts).orElse(null);
        }
        return report(facts, log, fix);
    }

    /**
     * {@code log(p[t])} with {@code p} the result of a method of the project (this class or
     * another) that holds a naive softmax.
     */
    private Optional<Finding> matchHelper(ClassFacts context, MethodFacts facts, Logarithm log) {
        if (!(Nodes.stripCasts(log.argument()) instanceof Expr.ArrayElement element)) {
            return Optional.empty();
        }
        Expr array = Nodes.stripCasts(facts.resolve(element.array()));
        if (!(array instanceof Expr.Call call)) {
            return Optional.empty();
        }
        Optional<MethodFacts> helper = context.callee(call);
        if (helper.isEmpty() || helper.get().method() == facts.method()) {
            return Optional.empty();
        }
        List<Finding> softmaxes = helper.get().context().derived("NaiveSoftmax findings", NaiveSoftmax::findingsIn);
        if (softmaxes.stream().noneMatch(f -> helper.get().method().span().contains(f.span()))) {
            return Optional.empty();
        }
        // the rewrites follow a natural log of a softmax helper of this class; elsewhere: no fix
        boolean rewritable = log.natural() && helper.get().context() == context && context.helper(call).isPresent()
                && call.args().size() == 1;
        Fix fix = null;
        if (rewritable && Nodes.stripCasts(call.args().get(0)) instanceof Expr.VarRead logits
                && logits.kind() != VarKind.FIELD && logits.type().isFloatingVector()) {
            fix = CrossEntropyFixes.negatedFix(context, facts, log.call(), logits.name(), element.index()).orElse(null);
        } else if (rewritable) {
            fix = CrossEntropyFixes.viaSoftmaxOf(context, facts, log.call(), element, call).orElse(null);
        }
        return report(facts, log, fix);
    }

    private static NumericType type(Logarithm log) {
        return log.argument().type().numeric() == NumericType.FLOAT ? NumericType.FLOAT : NumericType.DOUBLE;
    }

    private Optional<Finding> report(MethodFacts facts, Logarithm log, Fix fix) {
        return reportBuilder(facts, log, fix).asMatch();
    }

    /** The report of a logarithm of probabilities made by a softmax elsewhere, which the rewrite cannot follow. */
    private Finding.Builder flowReport(MethodFacts facts, Logarithm log, String softmaxAt, String producer,
                                       boolean otherClass) {
        Fix floored = otherClass && log.natural() && !TestedOrigins.holds(log.argument(), facts)
                && !dividedAlongside(facts, log) ? CrossEntropyFixes.flooredLog(facts.context(), log.call()).orElse(null) : null;
        return finding(facts, log.call().span()).message("cross-entropy as the log of probabilities that a softmax "
                        + "computes elsewhere (" + softmaxAt + "): a probability that "
                        + "underflows to 0 (below " + (type(log) == NumericType.FLOAT ? "1.4e-45 in float" : "4.9e-324 in double") + ") makes the log "
                        + "-Infinity and the loss Infinity or NaN, shifted softmax or not, although the loss computed "
                        + "from the logits is finite." + gradientNote(facts, log, floored != null))
                .handFix("hand the logits to the loss instead of the probabilities (the softmax is at " + producer
                        + ") and compute it as StableMath.crossEntropy(logits, target) or "
                        + "-StableMath.logSoftmax(logits)[target]." + (floored == null ? "" : " The automatic fix only "
                        + "floors the log of an underflowed probability (StableMath.logProbability), so that the loss "
                        + "is bounded instead of Infinity or NaN."))
                .fix(floored);
    }

    /**
     * Whether two class facts are one class. The floored log is offered only for a softmax of another
     * class: in the softmax's own class the logits are within reach of the loss, which should be
     * computed from them (and the overflow of a naive softmax there is NaiveSoftmax's to fix, which a
     * floored log does not cure). Nor is it offered for a parameter that every caller passes only
     * under a test of it ({@link TestedOrigins}: {@code if (p > 0) loss += term(p)}): there p is never
     * 0 and the rewrite would change nothing.
     */
    private static boolean sameClass(ClassFacts a, ClassFacts b) {
        return a.clazz().qualifiedName().equals(b.clazz().qualifiedName());
    }

    /**
     * Whether the statement of the logarithm also divides by the logged probability (a focal-loss
     * gradient {@code γ·log p − (1 − p)/p}): at p = 0 that term is Infinity or NaN whatever the log
     * gives, so flooring the log would not make the result finite.
     */
    private static boolean dividedAlongside(MethodFacts facts, Logarithm log) {
        Expr p = Nodes.stripCasts(log.argument());
        return facts.statements().stream()
                .filter(st -> st instanceof Stmt.LocalDecl || st instanceof Stmt.Assign || st instanceof Stmt.ExprStmt
                        || st instanceof Stmt.Return)
                .filter(st -> st.span().contains(log.call().span()))
                .flatMap(st -> Nodes.expressions(st).stream())
                .anyMatch(e -> e instanceof Expr.Binary division && division.op() == BinaryOp.DIVIDE
                        && Nodes.expressions(division.right()).stream().anyMatch(x -> Nodes.sameShape(x, p)));
    }

    /**
     * A sentence naming a division by the logged probability in a method of this class (the gradient
     * {@code -t / p} of the loss), which the floored log leaves Infinity or NaN at p = 0; empty if none.
     */
    private static String gradientNote(MethodFacts facts, Logarithm log, boolean fixed) {
        Expr p = Nodes.stripCasts(log.argument());
        for (MethodFacts method : facts.context().methodsWithBodies()) {
            for (Expr e : Nodes.expressions(method.method().body())) {
                if (e instanceof Expr.Binary division && division.op() == BinaryOp.DIVIDE
                        && Nodes.expressions(division.right()).stream().anyMatch(x -> Nodes.sameShape(x, p))) {
                    return " The gradient divides by the same probability (" + method.method().name() + "(), line "
                            + division.span().line() + "): it is Infinity or NaN where the probability is 0"
                            + (fixed ? ", also after the automatic fix, which rewrites only the log." : " too.");
                }
            }
        }
        return "";
    }

    /** Where {@code e}, an expression of the method {@code where}, stands: {@code Softmax.java:42}. */
    private static String place(MethodFacts where, Expr e) {
        String path = where.context().file().path().replace('\\', '/');
        return path.substring(path.lastIndexOf('/') + 1) + ":" + e.span().line();
    }

    private Finding.Builder reportBuilder(MethodFacts facts, Logarithm log, Fix fix) {
        return reportBuilder(facts, log, fix, "");
    }

    private Finding.Builder reportBuilder(MethodFacts facts, Logarithm log, Fix fix, String note) {
        String base = log.natural() ? "" : " (taken through " + log.call().name() + "(), a logarithm)";
        return finding(facts, log.call().span()).message("cross-entropy as -log of a softmax probability without a max "
                        + "shift" + base + ": " + Thresholds.expOverflowSentence(type(log)) + ", which makes the loss NaN, "
                        + "and a probability that underflows to 0 makes it Infinity although logSumExp(x) - x[t] is "
                        + "finite." + note)
                .handFix("compute the loss from the logits, StableMath.crossEntropy(logits, target) or "
                        + "-StableMath.logSoftmax(logits)[target]" + (log.natural() ? "." : ", divided by the log of "
                        + log.call().name() + "'s base (Math.log(2) for a base-2 logarithm)."))
                .fix(fix);
    }
}
