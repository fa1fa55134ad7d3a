package dev.numguard.rules.core;

import dev.numguard.rules.Finding;
import dev.numguard.rules.Fix;
import dev.numguard.rules.Rule;
import dev.numguard.rules.RuleInfo;
import dev.numguard.rules.Severity;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.fixes.HalfArraySumFix;
import dev.numguard.rules.fixes.HalfSumFix;
import dev.numguard.rules.idioms.half.HalfConversions;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import java.util.List;
import java.util.Optional;

/** A value rounded to fp16 with nothing keeping it below 65520: it becomes Infinity. */
@RuleInfo(
        summary = "Converting an unbounded value to fp16 turns everything from 65520 up into Infinity",
        severity = Severity.WARNING,
        whatItDoes = """
                Flags conversions of a float or double to fp16 (the `to-half` functions of the function \
                table: `Float.floatToFloat16` of JDK 20, runtime-guards' `Half.fromFloat`/`Half.fromDouble`, \
                TornadoVM's `new HalfFloat(x)`; constructors of classes named `HalfFloat`, `Half`, `Float16`; \
                and conversion helpers named like `floatToHalf`, `toHalf`, `toFloat16`) whose argument \
                nothing bounds: no clamp, no scale, not the output of a bounded function, not a sum or \
                product of bounded pieces (`(rng.nextFloat() - 0.5f) * 4`). Also flags a running sum kept in \
                fp16, `sum = HalfFloat.add(sum, term)` in a loop (the `half-add` functions), whose partial \
                sums are each rounded to fp16. The message says when the argument is a square, an \
                exponential or a running sum, the values that reach the limit in practice.""",
        whyIsThisBad = """
                fp16 has 5 exponent bits: its largest finite value is 65504, and every value from 65520 \
                up (half-way to the next power of two, 65536) rounds to Infinity, which then turns sums into \
                Infinity and differences into NaN. Activations, sums, losses and squares reach that easily: \
                a square overflows once |x| > 255.9. (Float overflows above 3.4e38, bfloat16 at the same \
                3.39e38.)""",
        example = """
                static short store(float activation) {
                    return Half.fromFloat(activation);
                }""",
        useInstead = """
                static short store(float activation) {
                    return Half.fromFloat(Math.max(-65504f, Math.min(65504f, activation)));
                }""",
        fixSafety = """
                Needs review: the fix clamps the value to ±65504 before the conversion, so values that \
                became ±Infinity now saturate at the largest finite fp16 value (NaN stays NaN, values in \
                range are unchanged). Where the magnitude itself matters, scale the values (a loss scaler) \
                or store them as `BFloat16`, which has float's range. A running fp16 sum of a type the \
                function table describes (TornadoVM's `HalfFloat`: `half-add`, `half-multiply`, \
                `half-to-float`) kept in a local becomes a `float` local: `sum += a.getFloat32() * \
                b.getFloat32()`, `sum.getFloat32()` becomes `sum`, and any other read converts once, \
                clamped; the result differs from the original by the fp16 roundings of the partial sums \
                it no longer makes. Running sums kept in the cells of a local fp16 array (a tree reduction \
                `partial[id] = HalfFloat.add(partial[id], partial[id + stride])`) make the array a `float[]` \
                (`new float[n]`, TornadoVM's `allocateHalfFloatLocalArray` becomes `allocateFloatLocalArray`): \
                stores keep their float values (`partial[id] = x` for `new HalfFloat(x)`), updates add in \
                float (`partial[id] += partial[id + stride]`), and cell reads convert as for the local; \
                arrays handed on, returned or stored whole are left alone, since their element type is \
                seen elsewhere.""",
        knownLimits = """
                The argument counts as bounded when it is a literal up to 65504, a `Math.min` with a \
                bounded argument (only the upper side is checked), a `Math.max` of bounded arguments (not \
                a ReLU `max(0, x)`), a sigmoid, tanh, sin, cos, softmax or logistic `1 / (1 + exp(…))`, or a \
                value multiplied or divided by something named like a scale, followed through locals; a \
                range known only from the caller is not seen, so conversions of small weights are \
                flagged too (a dequantised weight or a Q8 block scale max|w|/127 stored as fp16). Inside a \
                static method of a class named for fp16 (`Float16Utils`) a parameter's conversion is taken as \
                the helper's purpose; an instance method of such a class (a tensor's `set(float)`) is checked. \
                Array conversions (`Half.fromFloats`, DL4J/DJL casts to HALF/FLOAT16) and \
                bit-level conversions written inline are not recognised. Severity: error when the value is a \
                square, an exponential or a running sum (realistic inputs reach Infinity), warning otherwise.""")
public final class Fp16Overflow implements Rule {
    @Override
    public Optional<Finding> matchCall(Expr.Call conversion, MethodFacts facts) {
        Optional<Expr> value = HalfConversions.convertedValue(conversion);
        if (value.isPresent()) {
            return check(conversion, value.get(), facts);
        }
        // halfArray.set(i, new HalfFloat(x)): the constructor as an argument
        for (Expr argument : conversion.args()) {
            Optional<Finding> constructed = constructed(argument, facts);
            if (constructed.isPresent()) {
                return constructed;
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<Finding> matchLocal(Stmt.LocalDecl local, MethodFacts facts) {
        return local.init() == null ? Optional.empty() : constructed(local.init(), facts);
    }

    @Override
    public Optional<Finding> matchReturn(Stmt.Return ret, MethodFacts facts) {
        return ret.value() == null ? Optional.empty() : constructed(ret.value(), facts);
    }

    @Override
    public Optional<Finding> matchAssign(Stmt.Assign assign, MethodFacts facts) {
        if (HalfConversions.runningHalfSum(assign, facts)) {
            return finding(facts, assign.span()).message("a running sum kept in fp16: every partial sum is rounded to "
                    + "fp16, so once it passes 65504 (from 65520 up) it becomes Infinity, even where each term is small and "
                    + "the result is read back into float; accumulate in float and convert the final value").handFix(
                    "keep the accumulator a float (sum += a.getFloat32() * b.getFloat32()) and convert once at the end, "
                    + "clamped or scaled, or store the result as BFloat16.").fix(HalfSumFix.of(assign, facts)
                    .or(() -> HalfArraySumFix.of(assign, facts)).orElse(null)).asMatch();
        }
        Optional<Finding> store = constructed(assign.value(), facts);
        // partial[id] = new Half(x) into an array of running sums: the array's float rewrite replaces the clamp
        Optional<Fix> sums = store.isPresent() ? HalfArraySumFix.ofStore(assign, facts) : Optional.empty();
        return sums.isPresent() ? store.map(f -> new Finding(f.ruleId(), f.severity(), f.file(), f.span(), f.message(), sums)) : store;
    }

    private Optional<Finding> constructed(Expr e, MethodFacts facts) {
        Optional<Expr> value = HalfConversions.constructedValue(e);
        return value.isPresent() ? check(Nodes.stripCasts(e), value.get(), facts) : Optional.empty();
    }

    private Optional<Finding> check(Expr conversion, Expr value, MethodFacts facts) {
        if (HalfConversions.isBounded(value, facts) || HalfConversions.isConversionHelperBody(value, facts)) {
            return Optional.empty();
        }
        boolean unbounded = HalfConversions.isEvidentlyUnbounded(value, facts);
        String message = "converting to fp16 a value nothing bounds: from 65520 up it becomes Infinity (fp16's largest "
                + "finite value is 65504; float would hold up to 3.4e38)"
                + (unbounded ? ", and this is a square, an exponential or a running sum" : "")
                + "; clamp it to ±65504, scale it, or store it as BFloat16";
        String limit = value.type().numeric() == NumericType.FLOAT ? "65504f" : "65504.0";
        String clamped = "Math.max(-" + limit + ", Math.min(" + limit + ", " + facts.context().text(value) + "))";
        Finding.Builder finding = finding(facts, conversion.span()).message(message)
                .fix(Fix.review("Clamp to the largest finite fp16 value", List.of(TextEdit.replace(value.span(), clamped)),
                        List.of()));
        // a square, an exponential or a running sum reaches 65520 for realistic inputs; anything else only may
        return Optional.of(unbounded ? finding.build().withSeverity(Severity.ERROR) : finding.build());
    }
}
