package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.idioms.half.HalfPrecision;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import java.util.List;
import java.util.Optional;

/**
 * Framework training in fp16 (DL4J {@code fit}, a DJL backward pass) moved to fp32: the frameworks'
 * training loops take no loss scaler, so every fp16 data type the class names is replaced by the
 * fp32 one ({@code DataType.HALF}/{@code FLOAT16} → {@code FLOAT}, DJL's → {@code FLOAT32},
 * {@code DataBuffer.Type.HALF} → {@code FLOAT}): the training step may run in a type set anywhere
 * in the class (a constructor's {@code Nd4j.setDefaultDataTypes(..)}, a field's configuration), and
 * inference in fp32 is only slower, never less accurate.
 */
public final class Fp32TrainingFix {
    private Fp32TrainingFix() {
    }

    /** The fix for a training step of {@code context}. */
    public static Optional<Fix> of(ClassFacts context) {
        List<Expr> expressions = context.methodsWithBodies().stream()
                .flatMap(m -> Nodes.expressions(m.method().body()).stream()).toList();
        List<Expr.VarRead> halves = expressions.stream()
                .filter(HalfPrecision::isHalfDataType).map(e -> (Expr.VarRead) e).toList();
        boolean tested = expressions.stream().anyMatch(e -> e instanceof Expr.Binary b
                && (b.op() == BinaryOp.EQUAL || b.op() == BinaryOp.NOT_EQUAL)
                && (HalfPrecision.isHalfDataType(b.left()) || HalfPrecision.isHalfDataType(b.right())));
        if (halves.isEmpty() || tested || halves.stream().anyMatch(e -> !context.text(e).endsWith("." + e.name()))) {
            return Optional.empty();       // a test of the type would change meaning; a static import would need FLOAT
        }
        List<TextEdit> edits = halves.stream().map(Fp32TrainingFix::rename).toList();
        // Review: fp32 needs twice the memory and is slower on fp16 hardware; results change by rounding only.
        return Optional.of(Fix.review("Train in fp32: the framework's training loop takes no loss scaler", edits, List.of()));
    }

    /** {@code HALF} → {@code FLOAT}: the constant's own name only, so its qualifier (and import) stays. */
    private static TextEdit rename(Expr.VarRead half) {
        String fp32 = half.ownerType().startsWith("ai.djl") ? "FLOAT32" : "FLOAT";
        int end = half.span().end();
        return new TextEdit(end - half.name().length(), end, fp32);
    }
}
