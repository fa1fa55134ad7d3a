package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.List;
import java.util.Optional;

/** The fixes of the log of a running product: LogSpace.logProduct replaces the whole method, or the product becomes a sum of logs in place. */
public final class LogProductFixes {
    public static final String LOG_SPACE = "dev.numguard.guards.LogSpace";

    private LogProductFixes() {
    }

    /** The method is only {@code return log(Π p[i])}: {@code return LogSpace.logProduct(p);}. */
    public static Optional<Fix> wholeMethod(MethodFacts facts, Expr.Call log, Reduction product, NumericType type) {
        MethodModel method = facts.method();
        List<Stmt> top = method.body().statements();
        if (!method.returnType().isFloatingScalar() || method.returnType().numeric() != type
                || !(top.get(top.size() - 1) instanceof Stmt.Return ret) || ret.value() == null
                || !Nodes.stripCasts(ret.value()).span().equals(log.span())) {
            return Optional.empty();
        }
        Optional<String> p = WholeArrayIdiom.arrayOf(product.term(), facts, null);
        if (p.isEmpty() || !WholeArrayIdiom.bodyIsOnlyIdiom(facts, p.get())) {
            return Optional.empty();
        }
        boolean vectorOfType = Nodes.expressions(method.body()).stream().anyMatch(e -> e instanceof Expr.VarRead v
                && v.name().equals(p.get()) && v.type().isFloatingVector() && v.type().numeric() == type);
        if (!vectorOfType) {
            return Optional.empty();
        }
        return Optional.of(Fix.review("Use LogSpace.logProduct",
                List.of(WholeArrayIdiom.replaceBody(method, "return " + LOG_SPACE + ".logProduct(" + p.get() + ");")),
                List.of(LOG_SPACE)));
    }

    /**
     * Accumulate in log space in place: start at 0, add the log of each factor, drop the final
     * log. Only when the accumulator is read nowhere but in its update and in this log.
     */
    public static Optional<Fix> inPlace(ClassFacts context, MethodFacts facts, Expr.Call log, Reduction product) {
        String name = product.variable();
        Stmt.LocalDecl decl = facts.declaration(name);
        List<Definition> defs = facts.definitions(name);
        if (decl == null || decl.init() == null || !MathCalls.isLiteral(decl.init(), 1) || defs.size() != 2
                || !(product.update() instanceof Stmt.Assign update)) {
            return Optional.empty();
        }
        for (Expr e : Nodes.expressions(facts.method().body())) {
            if (e instanceof Expr.VarRead v && v.name().equals(name) && v.kind() == VarKind.LOCAL
                    && !update.span().contains(v.span()) && !log.span().contains(v.span())) {
                return Optional.empty();
            }
        }
        String owner = MathCalls.ownerForFix(log);
        String zero = context.text(decl.init()).contains(".") ? "0.0" : "0";
        String newUpdate = name + " += " + owner + ".log(" + context.text(product.term()) + ");";
        boolean isStatement = update.span().end() > 0 && context.file().text().charAt(update.span().end() - 1) == ';';
        List<TextEdit> edits = List.of(
                TextEdit.replace(decl.init().span(), zero),
                TextEdit.replace(update.span(), isStatement ? newUpdate : newUpdate.substring(0, newUpdate.length() - 1)),
                TextEdit.replace(log.span(), name));
        if (update.op() != AssignOp.MULTIPLY && update.op() != AssignOp.ASSIGN) {
            return Optional.empty();
        }
        return Optional.of(Fix.review("Accumulate the sum of logs instead of the product", edits, List.of()));
    }
}
