package dev.numguard.rules.idioms.exp;

import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Values kept in a field array and read back elsewhere: an element of a field of this class
 * ({@code pi[s][a]}), or the result of a getter of this or another class that returns one
 * ({@code policy.pi(s, a)} with {@code double pi(int s, int a) { return pi[s][a]; }}). Used to
 * follow probabilities from the method that computes them to the one that takes their log.
 *
 * @param owner the class that holds the field
 * @param field the field's name
 */
public record StoredProbabilities(ClassFacts owner, String field) {

    /** The field array whose element {@code value} (read in {@code facts}' method) is, or empty. */
    public static Optional<StoredProbabilities> of(Expr value, MethodFacts facts) {
        Expr x = Nodes.stripCasts(facts.resolve(value));
        Optional<String> own = fieldArrayOf(x);
        if (own.isPresent()) {
            return own.map(f -> new StoredProbabilities(facts.context(), f));
        }
        if (!(x instanceof Expr.Call call)) {
            return Optional.empty();
        }
        String receiver = call.target() == null ? null : call.target().type().name();
        return returnedField(call, facts.context(), receiver, 0);
    }

    /**
     * The field array whose element the getter {@code call} returns: {@code return pi[s][a];}, or
     * through another accessor of the same object ({@code return probabilities(s)[a];}, the
     * default method of an interface reading the implementation's array). A call on the object is
     * dispatched on {@code receiver}, the static type of the object the getter was called on,
     * when the project declares that method there with a body.
     */
    private static Optional<StoredProbabilities> returnedField(Expr.Call call, ClassFacts caller, String receiver,
                                                              int depth) {
        Optional<MethodFacts> getter = dispatched(call, caller, receiver).or(() -> caller.callee(call));
        if (getter.isEmpty() || depth > 2) {
            return Optional.empty();
        }
        Optional<Expr> value = Nodes.singleReturnValue(getter.get().method()).map(Nodes::stripCasts);
        Optional<String> field = value.flatMap(StoredProbabilities::fieldArrayOf);
        if (field.isPresent()) {
            return Optional.of(new StoredProbabilities(getter.get().context(), field.get()));
        }
        Expr base = value.orElse(null);
        while (base instanceof Expr.ArrayElement element) {
            base = Nodes.stripCasts(element.array());
        }
        if (base instanceof Expr.Call inner && onSameObject(inner)) {
            return returnedField(inner, getter.get().context(), receiver, depth + 1);
        }
        return Optional.empty();
    }

    /** The method {@code call} runs on an object whose static type is {@code receiver}, when that class declares it. */
    private static Optional<MethodFacts> dispatched(Expr.Call call, ClassFacts caller, String receiver) {
        if (receiver == null || call.isStatic()) {
            return Optional.empty();
        }
        List<MethodFacts> found = new ArrayList<>();
        for (ClassFacts owner : caller.project().classesNamed(receiver)) {
            owner.clazz().methodsNamed(call.name()).stream()
                    .filter(m -> m.body() != null && m.parameters().size() == call.args().size())
                    .forEach(m -> found.add(owner.facts(m)));
        }
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    private static boolean onSameObject(Expr.Call call) {
        return !call.isStatic() && (call.target() == null
                || call.target() instanceof Expr.Other o && o.kind().equals("this"));
    }

    /** The spans of the statements of the owner class that write elements of the field. */
    public List<SourceSpan> writes() {
        List<SourceSpan> spans = new ArrayList<>();
        for (MethodFacts method : owner.methodsWithBodies()) {
            for (Stmt s : method.statements()) {
                if (s instanceof Stmt.Assign a && Nodes.stripCasts(a.target()) instanceof Expr.ArrayElement element
                        && fieldArrayOf(element).filter(field::equals).isPresent()) {
                    spans.add(a.span());
                }
            }
        }
        return spans;
    }

    /** For {@code f[i]} or {@code f[i][j]} with {@code f} a field of the class reading it, f's name. */
    private static Optional<String> fieldArrayOf(Expr e) {
        Expr base = e;
        while (Nodes.stripCasts(base) instanceof Expr.ArrayElement element) {
            base = element.array();
        }
        return base != e && Nodes.stripCasts(base) instanceof Expr.VarRead v && v.kind() == VarKind.FIELD && v.ownField()
                ? Optional.of(v.name()) : Optional.empty();
    }
}
