package dev.numguard.rules.core;

import dev.numguard.rules.Finding;
import dev.numguard.rules.Rule;
import dev.numguard.rules.RuleInfo;
import dev.numguard.rules.Severity;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Gradients kept in fp16 with no loss scaling between the loss and the update. */
@RuleInfo(
        summary = "fp16 gradients without loss scaling: gradients below 6e-8 become 0",
        severity = Severity.WARNING,
        whatItDoes = """
                Flags gradients converted to or computed in fp16 with no loss scaling in the class: \
                `Float.floatToFloat16` (JDK 20+), runtime-guards `Half.fromFloat`, or a hand-written \
                float→half conversion applied to gradients; DL4J training with `DataType.HALF` / \
                `DataBuffer.Type.HALF`; DJL `DataType.FLOAT16` with `GradientCollector.backward`.""",
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
                No automatic fix: loss scaling needs a LossScaler threaded through the training step, and \
                only the author knows where the loss and the optimiser step are.""",
        knownLimits = """
                Any use of a loss scaler anywhere in the class silences the rule for the whole class. \
                Framework training loops (DJL backward, DL4J fit) are recognised by name only, so wrappers \
                around them are not.""")
public final class UnscaledHalfBackward implements Rule {
    private static final Pattern GRADIENT = Pattern.compile("(?i).*(grad|backward|backprop).*");
    private static final String SUGGESTION = "multiply the loss by a dev.numguard.guards.LossScaler's "
            + "scale before the backward pass (scaler.scaleLoss(loss)), keep the scaled gradients in fp16, and "
            + "unscale them in fp32 before the update (scaler.unscaleHalf(halfGradients, out), or scaler.step(...)), "
            + "which also skips steps whose gradients overflowed.";

    /** DL4J or DJL training in fp16, in a class that runs a framework backward pass without scaling. */
    @Override
    public List<Finding> matchClass(ClassFacts context) {
        if (scalesLoss(context) || !frameworkBackward(context)) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        for (MethodFacts facts : context.methodsWithBodies()) {
            for (Expr e : Nodes.expressions(facts.method().body())) {
                if (isHalfDataType(e)) {
                    findings.add(finding(context, e.span()).message("training in fp16 (" + context.text(e)
                            + ") with a backward pass and no loss scaling: fp16 gradients below 6e-8 become 0 and "
                            + "their weights stop learning.").handFix(SUGGESTION).build());
                }
            }
        }
        return findings;
    }

    /** {@code target = toHalf(gradient)}. */
    @Override
    public Optional<Finding> matchAssign(Stmt.Assign a, MethodFacts facts) {
        return matchConversion(facts, Nodes.stripCasts(a.value()), facts.context().text(a.target()));
    }

    /** {@code short h = toHalf(gradient)}. */
    @Override
    public Optional<Finding> matchLocal(Stmt.LocalDecl d, MethodFacts facts) {
        return d.init() == null ? Optional.empty() : matchConversion(facts, Nodes.stripCasts(d.init()), d.name());
    }

    /** {@code dst = toHalf(gradient)} where the value or the destination is a gradient. */
    private Optional<Finding> matchConversion(MethodFacts facts, Expr value, String destination) {
        ClassFacts context = facts.context();
        if (!(value instanceof Expr.Call call) || call.args().size() != 1 || !isHalfConversion(call, context)
                || scalesLoss(context)) {
            return Optional.empty();
        }
        Expr argument = call.args().get(0);
        boolean gradient = GRADIENT.matcher(context.text(argument)).matches() || GRADIENT.matcher(destination).matches()
                || GRADIENT.matcher(facts.method().name()).matches();
        if (!gradient || isScaled(argument, context, facts)) {
            return Optional.empty();
        }
        return finding(facts, call.span()).message("gradient converted to fp16 with no loss scaling: fp16 "
                + "cannot hold magnitudes below 6e-8 (its smallest subnormal is 5.96e-8), so smaller gradients become 0 "
                + "and their weights stop learning.").handFix(SUGGESTION).asMatch();
    }

    private static boolean scalesLoss(ClassFacts context) {
        return context.derived("UnscaledHalfBackward: scales loss", UnscaledHalfBackward::usesLossScaling);
    }

    /** A DJL backward pass, or DL4J's fit on a network, anywhere in the class. */
    private static boolean frameworkBackward(ClassFacts context) {
        boolean djlBackward = false;
        boolean fit = false;
        boolean dl4jNetwork = false;
        for (MethodFacts facts : context.methodsWithBodies()) {
            for (Expr e : Nodes.expressions(facts.method().body())) {
                djlBackward |= isDjlBackward(e);
                fit |= e instanceof Expr.Call c && c.name().equals("fit");
                dl4jNetwork |= e.type().name().contains("MultiLayerNetwork") || e.type().name().contains("ComputationGraph");
            }
        }
        return djlBackward || fit && dl4jNetwork;
    }

    /** {@code Float.floatToFloat16}, {@code Half.fromFloat}, or a helper of the class doing the bit conversion. */
    private static boolean isHalfConversion(Expr.Call call, ClassFacts context) {
        if (call.name().equals("floatToFloat16") && call.ownerType().endsWith("Float")) {
            return true;
        }
        if (call.ownerType().endsWith(".Half") || call.ownerType().equals("Half")) {
            return call.name().equals("fromFloat") || call.name().equals("valueOf") || call.name().equals("toHalf");
        }
        Optional<MethodModel> helper = context.helper(call);
        return helper.isPresent() && helper.get().returnType().numeric() == NumericType.HALF_IN_SHORT
                && helper.get().returnType().isScalar() && Nodes.expressions(helper.get().body()).stream()
                .anyMatch(e -> e instanceof Expr.Call c && (c.name().equals("floatToIntBits")
                        || c.name().equals("floatToRawIntBits")));
    }

    /** The gradient is multiplied by something called a scale before the conversion. */
    private static boolean isScaled(Expr argument, ClassFacts context, MethodFacts facts) {
        for (Expr e : Nodes.expressions(facts.resolve(argument))) {
            if (e instanceof Expr.Binary b && b.op() == BinaryOp.MULTIPLY
                    && (context.text(b.left()) + " " + context.text(b.right())).toLowerCase(Locale.ROOT).contains("scale")) {
                return true;
            }
        }
        return false;
    }

    /** The class already uses a loss scaler (runtime-guards, DL4J or DJL style). */
    private static boolean usesLossScaling(ClassFacts context) {
        for (MethodModel method : context.clazz().methods()) {
            if (method.body() == null) {
                continue;
            }
            for (Expr e : Nodes.expressions(method.body())) {
                if (e.type().name().contains("LossScaler") || e instanceof Expr.Call c
                        && (c.ownerType().contains("LossScaler") || c.name().equals("scaleLoss"))) {
                    return true;
                }
            }
        }
        return context.clazz().fields().stream().anyMatch(f -> f.type().name().contains("LossScaler"));
    }

    /** DL4J {@code DataType.HALF} / {@code DataBuffer.Type.HALF}, DJL {@code DataType.FLOAT16}. */
    private static boolean isHalfDataType(Expr e) {
        return e instanceof Expr.VarRead v && (v.name().equals("HALF") || v.name().equals("FLOAT16"))
                && v.ownerType() != null && (v.ownerType().endsWith("DataType") || v.ownerType().endsWith("DataBuffer.Type")
                || v.ownerType().endsWith("DataBuffer$Type") || v.ownerType().endsWith(".Type"));
    }

    /** DJL's {@code GradientCollector.backward(loss)}. */
    private static boolean isDjlBackward(Expr e) {
        return e instanceof Expr.Call c && c.name().equals("backward") && (c.ownerType().contains("GradientCollector")
                || c.target() != null && c.target().type().name().contains("GradientCollector"));
    }
}
