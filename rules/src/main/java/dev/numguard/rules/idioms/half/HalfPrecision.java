package dev.numguard.rules.idioms.half;

import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.ClassModel;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.NumericType;
import java.util.Locale;
import java.util.Optional;

/** What marks fp16 training in a class: conversions to half precision, loss scaling, and the DJL and DL4J backward passes. */
public final class HalfPrecision {

    private HalfPrecision() {
    }

    /**
     * A DJL backward pass, a DL4J updater step, or DL4J's fit on a network, anywhere in a class that
     * also names an fp16 data type.
     */
    public static boolean frameworkBackward(ClassFacts context) {
        boolean djlBackward = false;
        boolean fit = false;
        boolean dl4jNetwork = false;
        boolean half = false;
        for (MethodFacts facts : context.methodsWithBodies()) {
            for (Expr e : Nodes.expressions(facts.method().body())) {
                half |= isHalfDataType(e);
                djlBackward |= isDjlBackward(e) || isUpdaterStep(e);
                fit |= e instanceof Expr.Call c && c.name().equals("fit");
                dl4jNetwork |= e.type().name().contains("MultiLayerNetwork") || e.type().name().contains("ComputationGraph");
            }
        }
        return half && (djlBackward || fit && dl4jNetwork);     // fp32 training keeps its small gradients
    }

    /** A DJL backward pass or a {@code fit} call (in a class {@link #frameworkBackward} accepts): a training step. */
    public static boolean isTrainingStep(Expr e) {
        return isDjlBackward(e) || isUpdaterStep(e) || e instanceof Expr.Call c && c.name().equals("fit");
    }

    /** A hand-written DL4J step: {@code model.getUpdater().update(gradient, …)} applies a gradient to the parameters. */
    public static boolean isUpdaterStep(Expr e) {
        return e instanceof Expr.Call c && c.name().equals("update") && !c.args().isEmpty() && c.target() != null
                && (c.target().type().name().contains("Updater")
                || Nodes.stripCasts(c.target()) instanceof Expr.Call getter && getter.name().equals("getUpdater"));
    }

    /** A unit-test class, by JUnit/TestNG naming: data-type tests there are not training code. */
    public static boolean isTestClass(ClassModel clazz) {
        return clazz.simpleName().matches(".*(Test|Tests|IT)");
    }

    /** {@code Float.floatToFloat16}, {@code Half.fromFloat}, or a helper of the class doing the bit conversion. */
    public static boolean isHalfConversion(Expr.Call call, ClassFacts context) {
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
    public static boolean isScaled(Expr argument, ClassFacts context, MethodFacts facts) {
        for (Expr e : Nodes.expressions(facts.resolve(argument))) {
            if (e instanceof Expr.Binary b && b.op() == BinaryOp.MULTIPLY
                    && (context.text(b.left()) + " " + context.text(b.right())).toLowerCase(Locale.ROOT).contains("scale")) {
                return true;
            }
        }
        return false;
    }

    /** The class already uses a loss scaler (runtime-guards, DL4J or DJL style). */
    public static boolean usesLossScaling(ClassFacts context) {
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
    public static boolean isHalfDataType(Expr e) {
        return e instanceof Expr.VarRead v && (v.name().equals("HALF") || v.name().equals("FLOAT16"))
                && v.ownerType() != null && (v.ownerType().endsWith("DataType") || v.ownerType().endsWith("DataBuffer.Type")
                || v.ownerType().endsWith("DataBuffer$Type") || v.ownerType().endsWith(".Type"));
    }

    /** DJL's {@code GradientCollector.backward(loss)}. */
    public static boolean isDjlBackward(Expr e) {
        return e instanceof Expr.Call c && c.name().equals("backward") && (c.ownerType().contains("GradientCollector")
                || c.target() != null && c.target().type().name().contains("GradientCollector"));
    }
}
