package dev.numguard.rules.facts;

import dev.numguard.rules.facts.MethodSummary.Shape;
import dev.numguard.rules.model.Expr;
import java.util.Optional;

/**
 * Whole-array calls of ND4J and DJL (the {@code array-*} functions of the {@link FunctionTable}) as
 * shapes: {@code Transforms.exp(x)} and {@code x.exp()} are EXP over x, {@code .sum()} of that
 * SUM_EXP, {@code Transforms.log} of a SUM_EXP a LOG_SUM_EXP, {@code e.div(e.sum())} a SOFTMAX.
 */
final class ArrayCalls {
    private ArrayCalls() {
    }

    static Optional<ValueShape> describe(Expr.Call call, MethodFacts facts, int depth) {
        Optional<String> function = MathCalls.function(call);
        if (function.isEmpty() && call.ownerType().equals("?") && call.target() instanceof Expr.Call receiver
                && MathCalls.function(receiver).filter(f -> f.startsWith("array-")).isPresent()) {
            // a method of an array type the front end could not resolve, called on a known array result
            function = FunctionTable.standard().arrayFunctionNamed(call.name());
        }
        if (function.isEmpty() || !function.get().startsWith("array-")) {
            return Optional.empty();
        }
        // instance methods work on their receiver (x.exp()); static ones on their first argument
        Expr operand = call.target() != null ? call.target() : call.args().isEmpty() ? null : call.args().get(0);
        Optional<ValueShape> inner = Summaries.describe(operand, facts, depth + 1);
        return switch (function.get()) {
            case "array-exp" -> inner.filter(d -> d.shape() == Shape.VALUE).map(d -> new ValueShape(Shape.EXP, d.over()));
            case "array-sum" -> inner.map(d -> switch (d.shape()) {
                case VALUE -> new ValueShape(Shape.SUM, d.over());
                case EXP -> new ValueShape(Shape.SUM_EXP, d.over());
                case SHIFTED_EXP -> new ValueShape(Shape.SHIFTED_SUM_EXP, d.over());
                default -> null;
            });
            case "array-log" -> inner.filter(d -> d.shape() == Shape.SUM_EXP)
                    .map(d -> new ValueShape(Shape.LOG_SUM_EXP, d.over()));
            case "array-div" -> call.target() == null || call.args().size() != 1 ? Optional.empty()
                    : softmax(inner, Summaries.describe(call.args().get(0), facts, depth + 1));
            default -> Optional.empty();
        };
    }

    private static Optional<ValueShape> softmax(Optional<ValueShape> numerator, Optional<ValueShape> denominator) {
        if (numerator.isEmpty() || denominator.isEmpty() || !numerator.get().over().equals(denominator.get().over())) {
            return Optional.empty();
        }
        Shape top = numerator.get().shape();
        Shape bottom = denominator.get().shape();
        if (top == Shape.EXP && bottom == Shape.SUM_EXP) {
            return Optional.of(new ValueShape(Shape.SOFTMAX, numerator.get().over()));
        }
        if (top == Shape.VALUE && bottom == Shape.SUM) {
            return Optional.of(new ValueShape(Shape.NORMALISED, numerator.get().over()));
        }
        return Optional.empty();
    }
}
