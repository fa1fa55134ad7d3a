package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.FunctionTable;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.idioms.half.HalfConversions;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fix of a running sum kept in an fp16 local, {@code sum = HalfFloat.add(sum, HalfFloat.mult(a, b))}:
 * the local becomes a {@code float}, each update {@code sum += a.getFloat32() * b.getFloat32()} (the
 * product of two fp16 values is exact in float), a read {@code sum.getFloat32()} becomes {@code sum},
 * and any other read converts once, clamped to fp16's finite range. The partial sums no longer
 * overflow at 65520 nor lose the low terms to fp16's 11-bit significand. The fp16 type's methods
 * come from the {@link FunctionTable} ({@code half-to-float}, {@code half-multiply}, a {@code to-half}
 * constructor), so only types the table describes are rewritten.
 */
public final class HalfSumFix {

    private HalfSumFix() {
    }

    /** The fix of the running fp16 sum {@code update} assigns, or empty when an edit is not sure to compile. */
    public static Optional<Fix> of(Stmt.Assign update, MethodFacts facts) {
        ClassFacts context = facts.context();
        if (!(Nodes.stripCasts(update.target()) instanceof Expr.VarRead target)
                || target.kind() != VarKind.LOCAL) {
            return Optional.empty();
        }
        String name = target.name();
        Stmt.LocalDecl declaration = facts.declaration(name);
        String half = target.type().name();
        FunctionTable table = FunctionTable.standard();
        Optional<String> toFloat = table.methodComputing(half, "half-to-float");
        boolean constructor = table.function(half, "<init>").filter("to-half"::equals).isPresent();
        Optional<Expr> initial = declaration == null ? Optional.empty() : initialValue(declaration.init());
        if (toFloat.isEmpty() || !constructor || initial.isEmpty()
                || Nodes.statements(facts.method().body()).stream().anyMatch(s -> s instanceof Stmt.LocalDecl other
                        && other != declaration && other.span().equals(declaration.span()))) {
            return Optional.empty();
        }
        String declared = context.text(declaration.span());
        Matcher named = Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(declared);
        String typeText = named.find() ? declared.substring(0, named.start()).strip() : "";
        if (!typeText.matches("(final\\s+)?[\\w.]+")) {
            return Optional.empty();                        // var, annotations, arrays: not a plain fp16 local
        }
        String halfName = typeText.replaceFirst("^final\\s+", "");
        List<TextEdit> edits = new ArrayList<>();
        edits.add(TextEdit.replace(declaration.init().span(), context.text(initial.get())));
        int typeStart = declaration.span().start() + declared.indexOf(halfName);
        edits.add(new TextEdit(typeStart, typeStart + halfName.length(), "float"));

        List<Stmt.Assign> updates = new ArrayList<>();
        for (Stmt s : Nodes.statements(facts.method().body())) {
            if (s instanceof Stmt.Assign a && Nodes.isLocal(Nodes.stripCasts(a.target()), name)) {
                Optional<String> term = addedTerm(a, name, half, toFloat.get(), context);
                if (term.isEmpty()) {
                    return Optional.empty();
                }
                updates.add(a);
                edits.add(new TextEdit(a.target().span().start(), a.value().span().end(), name + " += " + term.get()));
            }
        }
        List<Expr> expressions = Nodes.expressions(facts.method().body());
        List<Expr.Call> conversions = expressions.stream().filter(e -> e instanceof Expr.Call c
                && c.args().isEmpty() && c.name().equals(toFloat.get()) && c.target() != null
                && Nodes.isLocal(c.target(), name)).map(e -> (Expr.Call) e).toList();
        for (Expr e : expressions) {
            if (!Nodes.isLocal(e, name) || updates.stream().anyMatch(u -> u.span().contains(e.span()))) {
                continue;
            }
            if (!(e instanceof Expr.VarRead)) {
                return Optional.empty();
            }
            Optional<Expr.Call> conversion = conversions.stream().filter(c -> c.target() == e).findFirst();
            edits.add(conversion.isPresent() ? TextEdit.replace(conversion.get().span(), name)
                    : TextEdit.replace(e.span(), "new " + halfName + "(Math.max(-65504f, Math.min(65504f, " + name + ")))"));
        }
        edits.sort(Comparator.comparingInt(TextEdit::start));
        return Optional.of(Fix.review("Keep the running sum '" + name + "' in float", edits, List.of()));
    }

    /** The value of {@code new Half(v)}: a float value, or a literal ({@code new HalfFloat(0)}). */
    private static Optional<Expr> initialValue(Expr init) {
        if (init == null) {
            return Optional.empty();
        }
        return HalfConversions.constructedValue(init).or(() -> Nodes.stripCasts(init) instanceof Expr.Other creation
                && creation.kind().equals("new") && creation.children().size() == 1
                && creation.children().get(0) instanceof Expr.Literal literal && literal.value() instanceof Number
                ? Optional.of(literal) : Optional.empty());
    }

    /** The float term {@code update} adds to {@code sum}: {@code sum = add(sum, t)} or {@code add(t, sum)}. */
    private static Optional<String> addedTerm(Stmt.Assign update, String sum, String half, String toFloat,
                                              ClassFacts context) {
        FunctionTable table = FunctionTable.standard();
        if (update.op() != AssignOp.ASSIGN || !(Nodes.stripCasts(update.value()) instanceof Expr.Call add)
                || add.args().size() != 2 || !table.function(add.ownerType(), add.name()).filter("half-add"::equals)
                        .isPresent() || !add.ownerType().equals(half)) {
            return Optional.empty();
        }
        Expr first = Nodes.stripCasts(add.args().get(0));
        Expr second = Nodes.stripCasts(add.args().get(1));
        Expr term = Nodes.isLocal(first, sum) ? second : Nodes.isLocal(second, sum) ? first : null;
        if (term == null || Nodes.expressions(term).stream().anyMatch(e -> Nodes.isLocal(e, sum))) {
            return Optional.empty();
        }
        if (term instanceof Expr.Call product && product.args().size() == 2 && product.ownerType().equals(half)
                && table.function(half, product.name()).filter("half-multiply"::equals).isPresent()) {
            return Optional.of(asFloat(product.args().get(0), toFloat, context) + " * "
                    + asFloat(product.args().get(1), toFloat, context));
        }
        return Optional.of(asFloat(term, toFloat, context));
    }

    private static String asFloat(Expr half, String toFloat, ClassFacts context) {
        boolean primary = half instanceof Expr.VarRead || half instanceof Expr.Call || half instanceof Expr.ArrayElement;
        String text = context.text(half);
        return (primary ? text : "(" + text + ")") + "." + toFloat + "()";
    }
}
