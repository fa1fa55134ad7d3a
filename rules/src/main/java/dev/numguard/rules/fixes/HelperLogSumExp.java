package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.idioms.exp.ExpSum;
import dev.numguard.rules.idioms.exp.ExpSums;
import dev.numguard.rules.idioms.exp.ShiftVerdict;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A sum of exponentials {@code s = sumExp(v)} from a static or private helper of the same file
 * whose whole body is {@code double t = 0; for (..) t += exp(a); return t;} over any container
 * (a vector object, a list: where {@link HelperSumInLogSpace}, which needs a double array, cannot
 * call StableMath). The helper gets a log-space twin next to it, {@code logSumExp(v)}: the same
 * loop shifted by its maximum ({@link MaxShift}), returning {@code max + log(t)} (the infinite
 * maximum itself where every term is exp(±Infinity)). {@code log(sumExp(v))} becomes
 * {@code logSumExp(v)}, {@code exp(b) / sumExp(v)} becomes {@code exp(b - logSumExp(v))}, and a
 * local holding the sum is kept in log space as for a local sum. The helper stays for its other
 * callers (a private one nothing else calls becomes the twin). Review: a method is added to the class.
 */
public final class HelperLogSumExp {
    private HelperLogSumExp() {
    }

    /** The rewrite of the sum of exponentials read at {@code at}: the argument of a log, or the denominator of a softmax. */
    public static Optional<Fix> of(Expr at, MethodFacts facts) {
        ClassFacts context = facts.context();
        Expr read = Nodes.stripCasts(at);
        Stmt.LocalDecl held = null;
        Expr.Call call;
        if (read instanceof Expr.Call inline) {
            call = inline;
        } else if (read instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL && facts.declaration(v.name()) != null
                && facts.definitions(v.name()).size() == 1 && facts.declaration(v.name()).init() != null
                && facts.declaration(v.name()).type().name().equals("double")
                && Nodes.stripCasts(facts.declaration(v.name()).init()) instanceof Expr.Call init) {
            held = facts.declaration(v.name());
            call = init;
        } else {
            return Optional.empty();
        }
        Optional<Twin> twin = context.callee(call).flatMap(helper -> twinOf(helper, context));
        if (twin.isEmpty()) {
            return Optional.empty();
        }
        String logCall = twin.get().name() + "(" + String.join(", ", call.args().stream().map(context::text).toList()) + ")";
        List<TextEdit> edits = new ArrayList<>();
        if (held == null) {
            Optional<TextEdit> site = inlineSite(call, logCall, facts);
            if (site.isEmpty()) {
                return Optional.empty();
            }
            edits.add(site.get());
        } else {
            String name = held.name();
            String logName = SourceEdits.freshName(facts, "log" + Character.toUpperCase(name.charAt(0)) + name.substring(1)
                    + (("log" + Character.toUpperCase(name.charAt(0)) + name.substring(1)).equals(twin.get().name()) ? "Value" : ""));
            String head = context.file().text().substring(held.span().start(), held.init().span().start());
            edits.add(new TextEdit(held.span().start(), held.init().span().end(),
                    head.replaceFirst("\\b" + name + "\\b", logName) + logCall));
            if (!LogSumExpFixes.readInLogSpace(held, List.of(held.span()), logName, at, facts, edits)) {
                return Optional.empty();
            }
        }
        boolean unusedAfter = context.callee(call).map(MethodFacts::method)
                .flatMap(helper -> DeadCode.deleteUnusedPrivateMethod(helper, call, context)).isPresent();
        // a private helper that nothing else calls becomes its twin; any other gets the twin beside it
        edits.addAll(unusedAfter ? twin.get().inPlace() : twin.get().insertion().stream().toList());
        return Optional.of(Fix.review("Sum the exponentials in log space in " + twin.get().name() + ", the helper's max-shifted twin",
                edits, List.of()));
    }

    /**
     * The twin's name; unless the class already has it, the insertion of its text right after the
     * helper; and the edits that turn the helper itself into the twin.
     */
    private record Twin(String name, Optional<TextEdit> insertion, List<TextEdit> inPlace) {
    }

    private static Optional<Twin> twinOf(MethodFacts helperFacts, ClassFacts context) {
        MethodModel helper = helperFacts.method();
        ClassFacts home = helperFacts.context();
        List<Stmt> body = helper.body() == null ? List.of() : helper.body().statements();
        if (home.file() != context.file() || !helper.isStatic() && !helper.isPrivate() || body.size() != 3
                || !helper.returnType().name().equals("double")
                || !(body.get(0) instanceof Stmt.LocalDecl total) || !MathCalls.isLiteral(total.init(), 0)
                || !(body.get(1) instanceof Stmt.Loop) || !(body.get(2) instanceof Stmt.Return ret)
                || !(Nodes.stripCasts(ret.value()) instanceof Expr.VarRead returned) || !returned.name().equals(total.name())) {
            return Optional.empty();
        }
        Optional<ExpSum> sum = ExpSums.of(returned, helperFacts).filter(s -> s.loop() == body.get(1) && !s.weighted()
                && ShiftVerdict.of(s, helperFacts, List.of(), helperFacts) == ShiftVerdict.UNSHIFTED);
        Optional<MaxShift> shift = sum.flatMap(s -> MaxShift.plan(home, helperFacts, s, List.of(), NumericType.DOUBLE));
        if (shift.isEmpty()) {
            return Optional.empty();
        }
        String text = home.file().text();
        String name = "log" + Character.toUpperCase(helper.name().charAt(0)) + helper.name().substring(1);
        int bodyStart = helper.body().span().start();
        int nameAt = text.substring(helper.span().start(), bodyStart).lastIndexOf(helper.name() + "(");
        if (nameAt < 0) {
            return Optional.empty();
        }
        String signature = text.substring(helper.span().start() + nameAt + helper.name().length(), bodyStart);
        List<TextEdit> inBody = new ArrayList<>(shift.get().edits());
        String max = shift.get().maxName();
        inBody.add(TextEdit.replace(ret.value().span(), "Double.isInfinite(" + max + ") ? " + max + " : " + max
                + " + Math.log(" + total.name() + ")"));
        List<TextEdit> inPlace = new ArrayList<>(inBody);
        int nameStart = helper.span().start() + nameAt;
        inPlace.add(new TextEdit(nameStart, nameStart + helper.name().length(), name));
        inBody.sort(Comparator.comparingInt(TextEdit::start).reversed());
        StringBuilder twinBody = new StringBuilder(text.substring(bodyStart, helper.body().span().end()));
        for (TextEdit edit : inBody) {
            twinBody.replace(edit.start() - bodyStart, edit.end() - bodyStart, edit.replacement());
        }
        String twin = "private " + (helper.isStatic() ? "static " : "") + "double " + name + signature + twinBody;
        if (text.contains(twin)) {
            return Optional.of(new Twin(name, Optional.empty(), List.of()));     // a fix of another call already added it
        }
        if (Pattern.compile("\\b" + name + "\\s*\\(").matcher(text).find()) {
            return Optional.empty();
        }
        String nl = home.lineSeparator();
        String indent = home.indentationAt(helper.span().start());
        return Optional.of(new Twin(name, Optional.of(TextEdit.insert(helper.body().span().end(), nl + nl + indent + twin)),
                inPlace));
    }

    /** {@code log(call)} as {@code twin(..)}; {@code exp(b) / call} as {@code exp(b - twin(..))}. */
    private static Optional<TextEdit> inlineSite(Expr.Call call, String logCall, MethodFacts facts) {
        ClassFacts context = facts.context();
        for (Expr e : Nodes.expressions(facts.method().body())) {
            if (e instanceof Expr.Call log && MathCalls.call(log, "log", 1).isPresent()
                    && Nodes.stripCasts(log.args().get(0)).span().equals(call.span())) {
                return Optional.of(SourceEdits.replaceByPrimary(log.span(), logCall, context));
            }
            if (e instanceof Expr.Binary ratio && ratio.op() == BinaryOp.DIVIDE
                    && Nodes.stripCasts(ratio.right()).span().equals(call.span())
                    && Nodes.stripCasts(ratio.left()) instanceof Expr.Call exp && MathCalls.isMathOwner(exp.ownerType())
                    && MathCalls.expArgument(exp).isPresent()) {
                Expr b = MathCalls.expArgument(exp).get();
                return Optional.of(SourceEdits.replaceByPrimary(ratio.span(),
                        "Math.exp(" + SourceEdits.asAdditiveOperand(b, context) + " - " + logCall + ")", context));
            }
        }
        return Optional.empty();
    }
}
