package dev.numguard.rules.fixes;

import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.idioms.products.RawProducts;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A method that only builds a running product and returns it: a {@code double} local declared with
 * an initialiser, written only by factor updates ({@code p *= q}, {@code p = p * q}), read nowhere
 * but in them and in the method's final {@code return p;}. The shape the log-space method fixes
 * ({@link LogScoreMethodFix}, {@link LogScoreSiblingFix}) rewrite.
 *
 * @param name the product's local
 * @param decl its declaration (with an initialiser)
 * @param updates every factor update of it
 * @param ret the method's final {@code return name;}
 */
record ReturnedProduct(String name, Stmt.LocalDecl decl, List<Stmt.Assign> updates, Stmt.Return ret) {

    /** The product {@code update} updates, when its method only builds and returns it. */
    static Optional<ReturnedProduct> of(Stmt.Assign update, MethodFacts facts) {
        MethodModel method = facts.method();
        if (RawProducts.factor(update) == null || method.body() == null || method.isConstructor() || method.isInitializer()
                || method.returnType().numeric() != NumericType.DOUBLE || !method.returnType().isFloatingScalar()
                || !(Nodes.stripCasts(update.target()) instanceof Expr.VarRead target) || target.kind() != VarKind.LOCAL) {
            return Optional.empty();
        }
        String name = target.name();
        Stmt.LocalDecl decl = facts.declaration(name);
        List<Stmt> top = method.body().statements();
        if (decl == null || decl.init() == null || !decl.type().name().equals("double") || top.isEmpty()
                || !(top.get(top.size() - 1) instanceof Stmt.Return ret) || ret.value() == null
                || !(Nodes.stripCasts(ret.value()) instanceof Expr.VarRead returned) || !returned.name().equals(name)) {
            return Optional.empty();
        }
        List<Stmt.Assign> updates = new ArrayList<>();
        for (Definition definition : facts.definitions(name)) {
            if (definition.site() instanceof Stmt.Assign assign && RawProducts.factor(assign) != null
                    && Nodes.stripCasts(assign.target()) instanceof Expr.VarRead v && v.name().equals(name)) {
                updates.add(assign);
            } else if (definition.site() != decl) {
                return Optional.empty();                    // another kind of write: not a plain running product
            }
        }
        for (Expr e : Nodes.expressions(method.body())) {
            if (e instanceof Expr.VarRead v && v.name().equals(name) && v.kind() == VarKind.LOCAL
                    && updates.stream().noneMatch(u -> u.span().contains(v.span())) && !ret.span().contains(v.span())) {
                return Optional.empty();                    // read elsewhere: the product itself is needed there
            }
        }
        return Optional.of(new ReturnedProduct(name, decl, List.copyOf(updates), ret));
    }
}
