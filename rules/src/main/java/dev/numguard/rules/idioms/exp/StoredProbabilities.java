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
        Optional<MethodFacts> getter = facts.context().callee(call);
        return getter.flatMap(g -> Nodes.singleReturnValue(g.method()).map(Nodes::stripCasts)
                .flatMap(StoredProbabilities::fieldArrayOf).map(f -> new StoredProbabilities(g.context(), f)));
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
