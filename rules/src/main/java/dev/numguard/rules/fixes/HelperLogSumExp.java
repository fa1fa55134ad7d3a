package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.idioms.exp.ExpSum;
import dev.numguard.rules.idioms.exp.ExpTerm;
import dev.numguard.rules.idioms.exp.ExpSums;
import dev.numguard.rules.idioms.exp.ShiftVerdict;
import dev.numguard.rules.model.AssignOp;
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
    private static final Pattern PROTECTED = Pattern.compile("\\bprotected\\b");

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
        // the twin is called on this object: an instance helper called on another one keeps its own
        Optional<Twin> twin = context.callee(call).filter(helper -> helper.method().isStatic() || call.target() == null
                        || call.target() instanceof Expr.Other o && o.kind().equals("this"))
                .flatMap(helper -> twinOf(helper, context));
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
        return Optional.of(Fix.review("Sum the exponentials in log space in " + twin.get().name() + ", the helper's "
                + (twin.get().logSpace() ? "twin with the sum kept as a logarithm" : "max-shifted twin"), edits,
                twin.get().logSpace() ? List.of(LogSumExpFixes.STABLE_MATH) : List.of()));
    }

    /**
     * The twin's name; unless the class already has it, the insertion of its text right after the
     * helper; and the edits that turn the helper itself into the twin.
     */
    private record Twin(String name, Optional<TextEdit> insertion, List<TextEdit> inPlace, boolean logSpace) {
    }

    private static Optional<Twin> twinOf(MethodFacts helperFacts, ClassFacts context) {
        MethodModel helper = helperFacts.method();
        ClassFacts home = helperFacts.context();
        List<Stmt> body = helper.body() == null ? List.of() : helper.body().statements();
        if (home.file() != context.file() || !helper.isStatic() && !helper.isPrivate() && !onlyImplementation(helperFacts, context)
                || body.size() != 3
                || !helper.returnType().name().equals("double")
                || !(body.get(0) instanceof Stmt.LocalDecl total) || !MathCalls.isLiteral(total.init(), 0)
                || !(body.get(1) instanceof Stmt.Loop) || !(body.get(2) instanceof Stmt.Return ret)
                || !(Nodes.stripCasts(ret.value()) instanceof Expr.VarRead returned) || !returned.name().equals(total.name())) {
            return Optional.empty();
        }
        Optional<ExpSum> sum = ExpSums.of(returned, helperFacts).filter(s -> s.loop() == body.get(1) && !s.weighted()
                && ShiftVerdict.of(s, helperFacts, List.of(), helperFacts) == ShiftVerdict.UNSHIFTED);
        // a loop that also stores (its exponents, or the exponentials for other readers) keeps those stores
        // as they were: a max loop ahead of it would read the stale exponents and shift what it stores
        boolean stores = Nodes.statements(body.get(1)).stream().anyMatch(st -> st instanceof Stmt.Assign w
                && !Nodes.isLocal(w.target(), total.name()) && !(Nodes.stripCasts(w.target()) instanceof Expr.VarRead v
                && v.kind() == VarKind.LOCAL));
        Optional<MaxShift> shift = stores ? Optional.empty()
                : sum.flatMap(s -> MaxShift.plan(home, helperFacts, s, List.of(), NumericType.DOUBLE));
        List<TextEdit> inBody = new ArrayList<>();
        if (shift.isPresent()) {
            inBody.addAll(shift.get().edits());
            String max = shift.get().maxName();
            inBody.add(TextEdit.replace(ret.value().span(), "Double.isInfinite(" + max + ") ? " + max + " : " + max
                    + " + Math.log(" + total.name() + ")"));
        } else {
            // exponents the loop itself computes (a max loop cannot recompute them): the sum in log space
            Optional<List<TextEdit>> logSpace = sum.flatMap(s -> logSpaceEdits(s, total, helperFacts));
            if (logSpace.isEmpty()) {
                return Optional.empty();
            }
            inBody.addAll(logSpace.get());
        }
        String text = home.file().text();
        String name = "log" + Character.toUpperCase(helper.name().charAt(0)) + helper.name().substring(1);
        int bodyStart = helper.body().span().start();
        int nameAt = text.substring(helper.span().start(), bodyStart).lastIndexOf(helper.name() + "(");
        if (nameAt < 0) {
            return Optional.empty();
        }
        String signature = text.substring(helper.span().start() + nameAt + helper.name().length(), bodyStart);
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
            return Optional.of(new Twin(name, Optional.empty(), List.of(), shift.isEmpty()));     // a fix of another call already added it
        }
        if (Pattern.compile("\\b" + name + "\\s*\\(").matcher(text).find()) {
            return Optional.empty();
        }
        String nl = home.lineSeparator();
        String indent = home.indentationAt(helper.span().start());
        return Optional.of(new Twin(name, Optional.of(TextEdit.insert(helper.body().span().end(), nl + nl + indent + twin)),
                inPlace, shift.isEmpty()));
    }

    /**
     * An overridable helper (public or package-private, not static) that the twin may stand for: it is a
     * method of the caller's own class, and no class of the analysed tree that is a subtype of it declares
     * a method of that name and arity (class-hierarchy analysis, as for the calls that count as
     * exponentials): the call can dispatch to this body only. A subclass outside the analysed sources
     * could still override it, one reason the fix needs review; a protected helper, there for subclasses
     * to override, gets no twin.
     */
    private static boolean onlyImplementation(MethodFacts helperFacts, ClassFacts context) {
        ClassFacts home = helperFacts.context();
        MethodModel helper = helperFacts.method();
        if (home != context || helper.isConstructor() || helper.isInitializer() || helper.body() == null) {
            return false;
        }
        String header = home.file().text().substring(helper.span().start(), helper.body().span().start());
        if (PROTECTED.matcher(header).find()) {
            return false;
        }
        List<MethodFacts> implementations = home.project().methodsOfSubtypes(home.clazz().qualifiedName(),
                helper.name(), helper.parameters().size());
        return implementations.size() == 1 && implementations.get(0).method() == helper;
    }

    /**
     * The helper's total {@code t}, started at 0 and grown once per iteration by {@code t += e} with
     * {@code e} an exponential {@code exp(a)} (inline, or stored in an element or local earlier in the
     * same block, nothing {@code a} reads written in between), kept as its log: started at
     * {@code -Infinity}, grown by {@code t = StableMath.logAddExp(t, a)}; it is returned as it is.
     * Every other statement of the loop (exponentials stored for other readers) stays.
     */
    private static Optional<List<TextEdit>> logSpaceEdits(ExpSum sum, Stmt.LocalDecl total, MethodFacts facts) {
        ClassFacts home = facts.context();
        if (sum.terms().size() != 1 || sum.reduction() == null || sum.viaHelper() != null
                || !(sum.reduction().update() instanceof Stmt.Assign update) || update.op() != AssignOp.ADD
                || !Nodes.isLocal(update.target(), total.name())
                || facts.definitions(total.name()).size() != 2) {
            return Optional.empty();
        }
        ExpTerm term = sum.terms().get(0);
        Expr a = term.argument();
        if (a == null || term.weight() != null) {
            return Optional.empty();
        }
        Expr added = Nodes.stripCasts(update.value());
        if (!added.span().equals(term.site().span())) {
            // the exponential stored just before: s[i] = exp(a); ... t += s[i]
            Optional<Stmt.Block> block = SourceEdits.parentBlock(facts.method(), update);
            if (block.isEmpty()) {
                return Optional.empty();
            }
            List<Stmt> statements = block.get().statements();
            int at = statements.indexOf(update);
            int stored = -1;
            for (int i = 0; i < at; i++) {
                if (statements.get(i) instanceof Stmt.Assign store && store.op() == AssignOp.ASSIGN
                        && Nodes.stripCasts(store.value()).span().equals(term.site().span())
                        && Nodes.sameShape(Nodes.stripCasts(store.target()), added)) {
                    stored = i;
                }
            }
            if (stored < 0) {
                return Optional.empty();
            }
            java.util.Set<String> read = new java.util.HashSet<>();
            Nodes.expressions(a).forEach(e -> {
                if (e instanceof Expr.VarRead v) {
                    read.add(v.name());
                }
            });
            for (int i = stored + 1; i < at; i++) {
                for (Stmt st : Nodes.statements(statements.get(i))) {
                    if (st instanceof Stmt.Assign w && Nodes.expressions(w.target()).stream()
                            .anyMatch(e -> e instanceof Expr.VarRead v && read.contains(v.name()))
                            || !(st instanceof Stmt.Assign) && !(st instanceof Stmt.LocalDecl)) {
                        return Optional.empty();
                    }
                }
            }
        }
        if (Nodes.expressions(a).stream().anyMatch(e -> e instanceof Expr.Call || e instanceof Expr.Other)) {
            return Optional.empty();                  // evaluated once where it was; a call would run twice
        }
        return Optional.of(List.of(TextEdit.replace(total.init().span(), "Double.NEGATIVE_INFINITY"),
                new TextEdit(update.target().span().start(), update.value().span().end(), total.name() + " = "
                        + LogSumExpFixes.STABLE_MATH + ".logAddExp(" + total.name() + ", " + home.text(a) + ")")));
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
