package dev.numguard.rules.facts;

import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each expression of one method sits and how its locals are used, indexed in one walk per
 * method ({@link MethodFacts#index}). Rules and fixes ask these questions for every candidate;
 * walking the whole method for each answer made a method of 3,000
 * {@code s += Math.log(1 + x * i)} lines take tens of seconds.
 */
public final class MethodUses {
    private final Map<Expr, Object> holders = new IdentityHashMap<>();
    private final Map<SourceSpan, Expr> parentsBySpan = new HashMap<>();
    private final Map<Expr, Stmt.LocalDecl> initialized = new IdentityHashMap<>();
    private final Map<String, List<Expr.VarRead>> localReads = new HashMap<>();
    private final Map<String, List<Stmt>> writes = new HashMap<>();
    private final List<Object> branches = new ArrayList<>();

    private MethodUses(MethodFacts facts) {
        for (Object node : facts.nodes()) {
            if (node instanceof Expr e) {
                for (Expr child : e.children()) {
                    holders.putIfAbsent(child, e);
                    parentsBySpan.merge(child.span(), e, (known, other) -> known.span().contains(other.span()) ? other : known);
                }
            } else if (node instanceof Stmt.Assign a) {
                holders.putIfAbsent(a.value(), a);
            }
            if (node instanceof Stmt.If || node instanceof Expr.Conditional) {
                branches.add(node);
            } else if (node instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL) {
                localReads.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(v);
            }
        }
        for (Stmt s : facts.statements()) {
            if (s instanceof Stmt.LocalDecl d && d.init() != null) {
                initialized.putIfAbsent(d.init(), d);
            }
            String written = writtenVariable(s);
            if (written != null) {
                writes.computeIfAbsent(written, k -> new ArrayList<>()).add(s);
            }
        }
    }

    /** The index of {@code facts}' method, built on first use. */
    public static MethodUses of(MethodFacts facts) {
        return facts.index(MethodUses.class, MethodUses::new);
    }

    /**
     * The expression or assignment whose operand or assigned value {@code child} is (the first in
     * source order), or null: an expression directly inside a statement of another kind has none.
     */
    public Object holder(Expr child) {
        return holders.get(child);
    }

    /**
     * The innermost expression that has an operand spanning exactly what {@code e} spans, or null:
     * the parent of {@code e} found by position, for an {@code e} that need not be the node of
     * this method's tree itself.
     */
    public Expr parentBySpan(Expr e) {
        return parentsBySpan.get(e.span());
    }

    /** The first local declaration (in source order) that {@code init} initializes, or null. */
    public Stmt.LocalDecl declarationInitializedBy(Expr init) {
        return initialized.get(init);
    }

    /** Every read of the local {@code name}, in source order. */
    public List<Expr.VarRead> localReads(String name) {
        return localReads.getOrDefault(name, List.of());
    }

    /** Every {@code if} statement and conditional expression, in source order. */
    public List<Object> branches() {
        return branches;
    }

    /**
     * The declarations with a value and the assignments that write the variable {@code name} or
     * an element of it, in source order.
     */
    public List<Stmt> writes(String name) {
        return writes.getOrDefault(name, List.of());
    }

    /** The variable a declaration with a value or an assignment writes (into an element of it, too), or null. */
    private static String writtenVariable(Stmt s) {
        if (s instanceof Stmt.LocalDecl d) {
            return d.init() != null ? d.name() : null;
        }
        Expr target = s instanceof Stmt.Assign a ? a.target() : null;
        while (target instanceof Expr.ArrayElement el) {
            target = Nodes.stripCasts(el.array());
        }
        return target instanceof Expr.VarRead v ? v.name() : null;
    }
}
