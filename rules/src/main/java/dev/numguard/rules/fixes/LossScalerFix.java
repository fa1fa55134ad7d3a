package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.FieldModel;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Dynamic loss scaling for a hand-written mixed-precision training step that keeps its gradients
 * in an fp16 field buffer ({@code short[]}): the backward pass stores {@code toHalf(g)} into it and
 * an update method applies {@code toFloat(buffer[j])} to the weights. A {@code LossScaler} field is
 * added (GradScaler semantics); the backward pass stores {@code toHalf(g * scaler.scale())} (scaling
 * the gradient is scaling the seed of the backward pass: the gradient is linear in the loss); the
 * update unscales the buffer in fp32 with {@code scaler.unscaleHalf}, runs only when every gradient
 * was finite, and ends with {@code scaler.update()}, which backs the scale off after an overflow and
 * grows it after a run of good steps; every other read of the buffer is unscaled in place.
 * Offered only when each read of the buffer is such a conversion and one method applies it to
 * fields; anything else keeps the hand fix.
 */
public final class LossScalerFix {
    public static final String LOSS_SCALER = "dev.numguard.guards.LossScaler";

    private LossScalerFix() {
    }

    /** The fix for {@code buffer[k] = conversion} in {@code facts}. */
    public static Optional<Fix> of(ClassFacts context, MethodFacts facts, Stmt.Assign store, Expr.Call conversion) {
        if (store.op() != AssignOp.ASSIGN || !(Nodes.stripCasts(store.target()) instanceof Expr.ArrayElement slot)
                || !(Nodes.stripCasts(slot.array()) instanceof Expr.VarRead buffer) || buffer.kind() != VarKind.FIELD
                || !buffer.ownField() || conversion.args().size() != 1) {
            return Optional.empty();
        }
        Optional<FieldModel> field = context.clazz().field(buffer.name());
        if (field.isEmpty() || field.get().isStatic() || field.get().type().arrayDimensions() != 1
                || !SourceEdits.startsLine(field.get().span().start(), context)) {
            return Optional.empty();
        }
        String scaler = SourceEdits.freshFieldName(context, "lossScaler", "gradientScaler");
        List<Expr.Call> reads = new ArrayList<>();
        Stmt update = null;
        MethodFacts updating = null;
        for (MethodFacts method : context.methodsWithBodies()) {
            for (Expr e : Nodes.expressions(method.method().body())) {
                if (!isBuffer(e, buffer.name()) || slot.array().span().equals(e.span())) {
                    continue;
                }
                Optional<Expr.Call> read = readOf(e, method);
                boolean reassigned = method.statements().stream().anyMatch(s -> s instanceof Stmt.Assign a
                        && a.target().span().equals(e.span()));
                if (read.isPresent()) {
                    reads.add(read.get());
                } else if (!reassigned || !method.method().isConstructor()) {
                    return Optional.empty();
                }
            }
            for (Stmt s : method.statements()) {
                if (s instanceof Stmt.Assign a && a.op() != AssignOp.ASSIGN && writesField(a.target())
                        && Nodes.expressions(a.value()).stream().anyMatch(x -> isBuffer(x, buffer.name()))) {
                    if (update != null && updating != method) {
                        return Optional.empty();
                    }
                    updating = method;
                    update = s;
                }
            }
        }
        if (update == null || reads.isEmpty()) {
            return Optional.empty();
        }
        Stmt whole = topLevel(update, updating);
        if (whole == null || !SourceEdits.startsLine(whole.span().start(), context)) {
            return Optional.empty();
        }

        List<TextEdit> edits = new ArrayList<>();
        String indent = context.indentationAt(field.get().span().start());
        edits.add(TextEdit.insert(field.get().span().end(), context.lineSeparator() + indent + "private final "
                + LOSS_SCALER + " " + scaler + " = new " + LOSS_SCALER + "();"));
        Expr value = conversion.args().get(0);
        // a * b * scale() multiplies left to right as (a * b) * scale(): a product or quotient needs no parentheses
        String factor = Nodes.stripCasts(value) == value && value instanceof Expr.Binary b
                && (b.op() == BinaryOp.MULTIPLY || b.op() == BinaryOp.DIVIDE) ? context.text(value) : SourceEdits.asFactor(value, context);
        edits.add(TextEdit.replace(value.span(), factor + " * " + scaler + ".scale()"));
        String unscaled = SourceEdits.freshName(updating, "unscaledGradients", "unscaled");
        for (Expr.Call read : reads) {
            if (whole.span().contains(read.span())) {
                continue;
            }
            String text = context.text(read) + " * " + scaler + ".inverseScale()";
            edits.add(TextEdit.replace(read.span(), SourceEdits.isStandalone(read, context.facts(enclosing(read, context)))
                    ? text : "(" + text + ")"));
        }
        edits.add(TextEdit.replace(whole.span(), guardedUpdate(whole, reads, buffer.name(), scaler, unscaled, context)));
        return Optional.of(Fix.review("Scale the loss with a LossScaler: unscale in fp32, skip steps that overflowed",
                edits, List.of(LOSS_SCALER)));
    }

    /**
     * {@code float[] unscaled = new float[buffer.length]; if (scaler.unscaleHalf(buffer, unscaled)) {
     * <the update, reading unscaled[j]> } scaler.update();}
     */
    private static String guardedUpdate(Stmt whole, List<Expr.Call> reads, String buffer, String scaler,
                                        String unscaled, ClassFacts context) {
        String separator = context.lineSeparator();
        String indent = context.indentationAt(whole.span().start());
        String unit = whole instanceof Stmt.Loop loop ? SourceEdits.indentUnit(loop, context) : "    ";
        StringBuilder body = new StringBuilder(context.text(whole.span()));
        int base = whole.span().start();
        List<Expr.Call> inside = new ArrayList<>(reads.stream().filter(r -> whole.span().contains(r.span())).toList());
        inside.sort((a, b) -> Integer.compare(b.span().start(), a.span().start()));
        for (Expr.Call read : inside) {
            Expr.ArrayElement element = (Expr.ArrayElement) Nodes.stripCasts(read.args().get(0));
            body.replace(read.span().start() - base, read.span().end() - base,
                    unscaled + "[" + context.text(element.index()) + "]");
        }
        String reindented = body.toString().replace("\n", "\n" + unit);
        return "float[] " + unscaled + " = new float[" + buffer + ".length];" + separator
                + indent + "if (" + scaler + ".unscaleHalf(" + buffer + ", " + unscaled + ")) {" + separator
                + indent + unit + reindented + separator
                + indent + "}" + separator
                + indent + scaler + ".update();";
    }

    /** {@code toFloat(buffer[k])} around {@code e}, when that is what reads it. */
    private static Optional<Expr.Call> readOf(Expr e, MethodFacts method) {
        for (Expr x : Nodes.expressions(method.method().body())) {
            if (x instanceof Expr.Call call && call.args().size() == 1
                    && Nodes.stripCasts(call.args().get(0)) instanceof Expr.ArrayElement element
                    && element.array().span().equals(e.span())
                    && (call.name().toLowerCase(Locale.ROOT).endsWith("tofloat") || call.name().equals("float16ToFloat"))) {
                return Optional.of(call);
            }
        }
        return Optional.empty();
    }

    private static boolean isBuffer(Expr e, String name) {
        return e instanceof Expr.VarRead v && v.kind() == VarKind.FIELD && v.ownField() && v.name().equals(name);
    }

    private static boolean writesField(Expr target) {
        Expr t = Nodes.stripCasts(target);
        if (t instanceof Expr.ArrayElement element) {
            t = Nodes.stripCasts(element.array());
        }
        return t instanceof Expr.VarRead v && v.kind() == VarKind.FIELD && v.ownField();
    }

    /** The statement of the method's body (its top block) that holds {@code s}. */
    private static Stmt topLevel(Stmt s, MethodFacts method) {
        for (Stmt top : method.method().body().statements()) {
            if (top.span().contains(s.span())) {
                return top;
            }
        }
        return null;
    }

    private static dev.numguard.rules.model.MethodModel enclosing(Expr e, ClassFacts context) {
        return context.methodsWithBodies().stream().map(MethodFacts::method)
                .filter(m -> m.body().span().contains(e.span())).findFirst().orElseThrow();
    }
}
