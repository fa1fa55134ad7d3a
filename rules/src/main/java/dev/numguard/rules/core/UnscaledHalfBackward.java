package dev.numguard.rules.core;

import dev.numguard.rules.Finding;
import dev.numguard.rules.Rule;
import dev.numguard.rules.RuleInfo;
import dev.numguard.rules.Severity;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.fixes.Fp32TrainingFix;
import dev.numguard.rules.fixes.LossScalerFix;
import dev.numguard.rules.idioms.half.HalfPrecision;
import dev.numguard.rules.idioms.half.HalfTrainingCalls;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Gradients kept in fp16 with no loss scaling between the loss and the update. */
@RuleInfo(
        summary = "fp16 gradients without loss scaling: gradients below 6e-8 become 0",
        severity = Severity.WARNING,
        whatItDoes = """
                Flags gradients converted to or computed in fp16 with no loss scaling in the class: \
                `Float.floatToFloat16` (JDK 20+), runtime-guards `Half.fromFloat`, or a hand-written \
                float→half conversion applied to gradients; DL4J training (`fit`, or a hand-written \
                `getUpdater().update(gradient, …)` step) in a class that names `DataType.HALF` / \
                `DataBuffer.Type.HALF`; DJL `DataType.FLOAT16` with `GradientCollector.backward`; and the \
                framework's global data type set to fp16 (`DataTypeUtil.setDTypeForContext(DataBuffer.Type.HALF)`) \
                before a call that reaches DL4J `fit` on a network or a DJL backward pass in another class of \
                the project (a `main` handing its models to a training harness; calls are followed a few levels \
                deep, through every implementation of an interface method). One finding per method that runs a \
                training step; fp32 training, data-type tests and \
                inference-only code are not findings.""",
        whyIsThisBad = """
                fp16 has 5 exponent bits: its smallest subnormal is 5.96e-8 and its smallest normal 6.10e-5. \
                Gradients below about 6e-8 round to 0 and the weights they belong to stop learning; below \
                6.1e-5 they keep only a few bits. Scaling the loss (and with it every gradient) by a large \
                factor before the backward pass and dividing it out in fp32 before the update keeps small \
                gradients representable.""",
        example = """
                gradients[j] = Half.fromFloat(gradient[j]);
                ...
                weights[j] -= learningRate * Half.toFloat(gradients[j]);""",
        useInstead = """
                LossScaler scaler = new LossScaler();
                gradients[j] = Half.fromFloat(scaler.scale() * gradient[j]);
                ...
                if (scaler.unscaleHalf(gradients, unscaled)) {
                    weights[j] -= learningRate * unscaled[j];
                }
                scaler.update();""",
        fixSafety = """
                Needs review. Where the training step keeps its gradients in an fp16 field buffer \
                (`short[]`) that one method of the class applies to the weights, the fix adds a \
                `LossScaler` field (GradScaler semantics), stores `toHalf(g * scaler.scale())` (the \
                gradient is linear in the loss, so this scales the seed of the backward pass), wraps the \
                update in `if (scaler.unscaleHalf(buffer, unscaled)) { … }` reading the fp32 `unscaled` \
                gradients and follows it with `scaler.update()` (skip and back off on overflow, growth \
                after 2000 good steps), and unscales every other read of the buffer. The first steps of \
                a run whose gradients overflow the initial scale 2^16 are skipped, as with GradScaler. \
                Framework training loops (DL4J `fit`, DJL backward) take no loss scaler: there the fix trains \
                in fp32 instead, replacing every fp16 data type the class names (`DataType.HALF` → `FLOAT`, \
                DJL `FLOAT16` → `FLOAT32`), since the step may run in a type set elsewhere in the class (a \
                constructor's `Nd4j.setDefaultDataTypes`); fp32 inference is only slower. Conversions into \
                locals and buffers read in other ways keep the hand fix.""",
        knownLimits = """
                Any use of a loss scaler anywhere in the class silences the rule for the whole class, and \
                test classes (names ending in Test, Tests or IT) are never reported. Framework training loops (DJL backward, DL4J fit) are recognised by name only; wrappers \
                around them are followed only from a method that sets the global data type to fp16, five calls \
                deep at most, and only through the analysed sources (under Error Prone: the same file).""")
public final class UnscaledHalfBackward implements Rule {
    private static final Pattern GRADIENT = Pattern.compile("(?i).*(grad|backward|backprop).*");
    private static final String SUGGESTION = "multiply the loss by a dev.numguard.guards.LossScaler's "
            + "scale before the backward pass (scaler.scaleLoss(loss)), keep the scaled gradients in fp16, and "
            + "unscale them in fp32 before the update (scaler.unscaleHalf(halfGradients, out), or scaler.step(...)), "
            + "which also skips steps whose gradients overflowed.";

    /**
     * DL4J or DJL training in fp16 without scaling: one finding per method that runs a training step
     * (a backward pass or {@code fit}), at its first fp16 data type (else at the step itself). Methods
     * that only convert data types (inference) and test classes (tests of data types) are not findings.
     */
    @Override
    public List<Finding> matchClass(ClassFacts context) {
        if (HalfPrecision.isTestClass(context.clazz()) || scalesLoss(context)) {
            return List.of();
        }
        if (!HalfPrecision.frameworkBackward(context)) {
            return handedToTraining(context);
        }
        List<Finding> findings = new ArrayList<>();
        for (MethodFacts facts : context.methodsWithBodies()) {
            List<Expr> expressions = Nodes.expressions(facts.method().body());
            Optional<Expr> step = expressions.stream().filter(HalfPrecision::isTrainingStep).findFirst();
            if (step.isEmpty()) {
                continue;
            }
            Expr where = expressions.stream().filter(HalfPrecision::isHalfDataType).findFirst().orElse(step.get());
            findings.add(finding(context, where.span()).message("training step (" + context.text(step.get())
                    + ") in fp16 with no loss scaling: fp16 gradients below 6e-8 become 0 and their weights stop "
                    + "learning.").handFix(SUGGESTION).fix(Fp32TrainingFix.of(context).orElse(null)).build());
        }
        return findings;
    }

    /**
     * The global data type set to fp16 before a call that reaches DL4J or DJL training in another
     * class (a {@code main} handing its models to a training harness): one finding per method, at the setting.
     */
    private List<Finding> handedToTraining(ClassFacts context) {
        List<Finding> findings = new ArrayList<>();
        for (MethodFacts facts : context.methodsWithBodies()) {
            HalfTrainingCalls.of(facts).ifPresent(half -> findings.add(finding(context, half.setting().span())
                    .message("global data type set to fp16 here, then " + context.text(half.training()) + " trains "
                            + "with it (a training step reached through the project's calls) with no loss scaling: fp16 "
                            + "gradients below 6e-8 become 0 and their weights stop learning.")
                    .handFix(SUGGESTION).fix(Fp32TrainingFix.of(context).orElse(null)).build()));
        }
        return findings;
    }

    /** {@code target = toHalf(gradient)}. */
    @Override
    public Optional<Finding> matchAssign(Stmt.Assign a, MethodFacts facts) {
        return matchConversion(facts, Nodes.stripCasts(a.value()), facts.context().text(a.target()), a);
    }

    /** {@code short h = toHalf(gradient)}. */
    @Override
    public Optional<Finding> matchLocal(Stmt.LocalDecl d, MethodFacts facts) {
        return d.init() == null ? Optional.empty() : matchConversion(facts, Nodes.stripCasts(d.init()), d.name(), null);
    }

    /** {@code dst = toHalf(gradient)} where the value or the destination is a gradient. */
    private Optional<Finding> matchConversion(MethodFacts facts, Expr value, String destination, Stmt.Assign store) {
        ClassFacts context = facts.context();
        if (!(value instanceof Expr.Call call) || call.args().size() != 1 || !HalfPrecision.isHalfConversion(call, context)
                || scalesLoss(context)) {
            return Optional.empty();
        }
        Expr argument = call.args().get(0);
        boolean gradient = GRADIENT.matcher(context.text(argument)).matches() || GRADIENT.matcher(destination).matches()
                || GRADIENT.matcher(facts.method().name()).matches();
        if (!gradient || HalfPrecision.isScaled(argument, context, facts)) {
            return Optional.empty();
        }
        return finding(facts, call.span()).message("gradient converted to fp16 with no loss scaling: fp16 "
                + "cannot hold magnitudes below 6e-8 (its smallest subnormal is 5.96e-8), so smaller gradients become 0 "
                + "and their weights stop learning.").handFix(SUGGESTION)
                .fix(store == null ? null : LossScalerFix.of(context, facts, store, call).orElse(null)).asMatch();
    }

    private static boolean scalesLoss(ClassFacts context) {
        return context.derived("UnscaledHalfBackward: scales loss", HalfPrecision::usesLossScaling);
    }
}
