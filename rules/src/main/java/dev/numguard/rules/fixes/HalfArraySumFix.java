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
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fix of running sums kept in the cells of an fp16 array local, the tree reduction of a GPU
 * kernel: {@code Half[] partial = new Half[n]} (or TornadoVM's {@code context.allocateHalfFloatLocalArray(n)}),
 * {@code partial[id] = new Half(x)}, {@code partial[id] = Half.add(partial[id], partial[id + stride])}.
 * The array becomes a {@code float[]} ({@code new float[n]}, {@code allocateFloatLocalArray(n)}), every
 * store keeps its float value ({@code partial[id] = x}), every update adds in float
 * ({@code partial[id] += partial[id + stride]}, a product of two fp16 values as the product of their
 * exact floats), a cell read as {@code partial[k].getFloat32()} becomes {@code partial[k]}, and any
 * other cell read converts once, clamped to fp16's finite range. Refused unless every write to the
 * array is such a store or update and every other use reads one cell, so that no code sees the
 * changed element type.
 */
public final class HalfArraySumFix {
    /** Allocators of an fp16 array and their float counterparts (TornadoVM's local-memory arrays). */
    private static final Map<String, String> ALLOCATORS = Map.of(
            "allocateHalfFloatLocalArray", "allocateFloatLocalArray");

    private HalfArraySumFix() {
    }

    /** The fix of the fp16 array whose cell {@code update} adds into, or empty when an edit is not sure to compile. */
    public static Optional<Fix> of(Stmt.Assign update, MethodFacts facts) {
        return localArray(update.target()).flatMap(array -> rewrite(array, facts));
    }

    /**
     * The same fix for the conversion {@code store} writes into a cell ({@code partial[id] = new Half(x)})
     * when the array's cells are running sums elsewhere in the method: one rewrite for both findings.
     */
    public static Optional<Fix> ofStore(Stmt.Assign store, MethodFacts facts) {
        Optional<String> array = localArray(store.target());
        if (array.isEmpty() || Nodes.statements(facts.method().body()).stream().noneMatch(s -> s instanceof Stmt.Assign a
                && localArray(a.target()).equals(array) && HalfConversions.runningHalfSum(a, facts))) {
            return Optional.empty();
        }
        return rewrite(array.get(), facts);
    }

    /** The name of the local array whose cell {@code target} is ({@code name[i]}), or empty. */
    private static Optional<String> localArray(Expr target) {
        return Nodes.stripCasts(target) instanceof Expr.ArrayElement cell
                && Nodes.stripCasts(cell.array()) instanceof Expr.VarRead array && array.kind() == VarKind.LOCAL
                ? Optional.of(array.name()) : Optional.empty();
    }

    private static Optional<Fix> rewrite(String name, MethodFacts facts) {
        ClassFacts context = facts.context();
        Stmt.LocalDecl declaration = facts.declaration(name);
        if (declaration == null || declaration.init() == null || !declaration.type().name().endsWith("[]")) {
            return Optional.empty();
        }
        String half = declaration.type().name().substring(0, declaration.type().name().length() - 2);
        FunctionTable table = FunctionTable.standard();
        Optional<String> toFloat = table.methodComputing(half, "half-to-float");
        boolean constructor = table.function(half, "<init>").filter("to-half"::equals).isPresent();
        if (toFloat.isEmpty() || !constructor || Nodes.statements(facts.method().body()).stream().anyMatch(s -> s
                instanceof Stmt.LocalDecl other && other != declaration && other.name().equals(name))) {
            return Optional.empty();
        }
        String declared = context.text(declaration.span());
        Matcher named = Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(declared);
        String typeText = named.find() ? declared.substring(0, named.start()).strip() : "";
        Matcher arrayType = Pattern.compile("(?:final\\s+)?([\\w.]+)\\s*\\[\\s*]").matcher(typeText);
        if (!arrayType.matches()) {
            return Optional.empty();                        // var, annotations, 2-D or C-style arrays
        }
        String halfName = arrayType.group(1);
        Optional<String> allocation = floatAllocation(declaration.init(), halfName, context);
        if (allocation.isEmpty()) {
            return Optional.empty();
        }
        List<TextEdit> edits = new ArrayList<>();
        int typeStart = declaration.span().start() + arrayType.start(1);
        edits.add(new TextEdit(typeStart, typeStart + halfName.length(), "float"));
        edits.add(TextEdit.replace(declaration.init().span(), allocation.get()));

        List<Stmt.Assign> writes = new ArrayList<>();
        for (Stmt s : Nodes.statements(facts.method().body())) {
            if (s instanceof Stmt.Assign a && (Nodes.isLocal(a.target(), name) || localArray(a.target()).filter(name::equals)
                    .isPresent())) {
                Optional<String> written = write(a, name, half, toFloat.get(), context);
                if (written.isEmpty()) {
                    return Optional.empty();
                }
                writes.add(a);
                edits.add(new TextEdit(a.target().span().start(), a.value().span().end(), written.get()));
            }
        }
        List<Expr> expressions = Nodes.expressions(facts.method().body());
        for (Expr e : expressions) {
            if (!Nodes.isLocal(e, name) || writes.stream().anyMatch(w -> w.span().contains(e.span()))) {
                continue;
            }
            Optional<Expr.ArrayElement> cell = expressions.stream().filter(x -> x instanceof Expr.ArrayElement c
                    && c.array() == e).map(x -> (Expr.ArrayElement) x).findFirst();
            if (cell.isEmpty()) {
                if (expressions.stream().anyMatch(x -> x instanceof Expr.VarRead length && length.qualifier() == e
                        && length.name().equals("length"))) {
                    continue;                               // partial.length: the same on a float[]
                }
                return Optional.empty();                    // the array itself handed on or stored
            }
            if (expressions.stream().anyMatch(x -> x instanceof Expr.Other assignment && assignment.kind().equals("assignment")
                    && assignment.children().get(0) == cell.get())) {
                return Optional.empty();                    // a cell written inside an expression (a lambda's body)
            }
            Optional<Expr.Call> conversion = expressions.stream().filter(x -> x instanceof Expr.Call c && c.args().isEmpty()
                    && c.name().equals(toFloat.get()) && c.target() == cell.get()).map(x -> (Expr.Call) x).findFirst();
            String text = context.text(cell.get());
            edits.add(conversion.isPresent() ? TextEdit.replace(conversion.get().span(), text)
                    : TextEdit.replace(cell.get().span(), "new " + halfName + "(Math.max(-65504f, Math.min(65504f, " + text + ")))"));
        }
        edits.sort(Comparator.comparingInt(TextEdit::start));
        return Optional.of(Fix.review("Keep the running sums of '" + name + "' in a float array", edits, List.of()));
    }

    /** {@code new Half[n]} as {@code new float[n]}; a listed fp16 allocator as its float counterpart. */
    private static Optional<String> floatAllocation(Expr init, String halfName, ClassFacts context) {
        String text = context.text(init);
        Expr creation = Nodes.stripCasts(init);
        if (creation instanceof Expr.Other array && array.kind().equals("new-array") && !text.contains("{")) {
            Matcher created = Pattern.compile("^new\\s+" + Pattern.quote(halfName) + "(\\s*\\[)").matcher(text);
            return created.find() ? Optional.of("new float" + text.substring(created.start(1))) : Optional.empty();
        }
        if (creation instanceof Expr.Call allocate && ALLOCATORS.containsKey(allocate.name()) && allocate.target() != null) {
            String target = context.text(allocate.target());
            String rest = text.substring(text.indexOf(allocate.name(), target.length()) + allocate.name().length());
            return Optional.of(target + "." + ALLOCATORS.get(allocate.name()) + rest);
        }
        return Optional.empty();
    }

    /** The float form of a write to a cell of {@code array}: a store keeps its float value, an fp16 add adds in float. */
    private static Optional<String> write(Stmt.Assign write, String array, String half, String toFloat, ClassFacts context) {
        Expr target = Nodes.stripCasts(write.target());
        if (write.op() != AssignOp.ASSIGN || !(target instanceof Expr.ArrayElement)) {
            return Optional.empty();
        }
        String cell = context.text(write.target());
        Expr value = Nodes.stripCasts(write.value());
        if (value instanceof Expr.Call add && add.args().size() == 2 && add.ownerType().equals(half)
                && FunctionTable.standard().function(half, add.name()).filter("half-add"::equals).isPresent()) {
            Expr first = Nodes.stripCasts(add.args().get(0));
            Expr second = Nodes.stripCasts(add.args().get(1));
            Expr term = Nodes.sameShape(first, target) ? second : Nodes.sameShape(second, target) ? first : null;
            return term == null ? Optional.empty() : asFloat(term, array, half, toFloat, context).map(t -> cell + " += " + t);
        }
        return asFloat(value, array, half, toFloat, context).map(v -> cell + " = " + v);
    }

    /**
     * The exact float value of the fp16 expression {@code half}: a cell of {@code array} as it is (a float
     * now), the float a conversion rounds, a product of two fp16 values as the product of their floats.
     */
    private static Optional<String> asFloat(Expr value, String array, String half, String toFloat, ClassFacts context) {
        Expr e = Nodes.stripCasts(value);
        if (localArray(e).filter(array::equals).isPresent()) {
            return Optional.of(context.text(e));
        }
        if (Nodes.mentions(e, array)) {
            return Optional.empty();
        }
        Optional<Expr> converted = HalfConversions.constructedValue(e);
        if (converted.isPresent()) {
            return converted.get().type().name().equals("float") ? Optional.of(context.text(converted.get()))
                    : Optional.empty();
        }
        if (!e.type().name().equals(half)) {
            return Optional.empty();
        }
        if (e instanceof Expr.Call product && product.args().size() == 2 && product.ownerType().equals(half)
                && FunctionTable.standard().function(half, product.name()).filter("half-multiply"::equals).isPresent()) {
            return Optional.of(call(product.args().get(0), toFloat, context) + " * " + call(product.args().get(1), toFloat, context));
        }
        return Optional.of(call(e, toFloat, context));
    }

    private static String call(Expr half, String toFloat, ClassFacts context) {
        boolean primary = half instanceof Expr.VarRead || half instanceof Expr.Call || half instanceof Expr.ArrayElement;
        String text = context.text(half);
        return (primary ? text : "(" + text + ")") + "." + toFloat + "()";
    }
}
