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
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

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
     * {@code log(a * pow(λ, n) / b)} becomes {@code log(a) + n * log(λ) - log(b)}: offered only when
     * every factor that is a product over data ({@code isDataSized}) is a power written in the log
     * itself, whose log is exact without forming it, or a determinant of an array built there
     * ({@link DeterminantLogs}); a literal 1 contributes nothing. Any other determinant, or a
     * product made elsewhere, would still underflow before its log: no fix then.
     */
    public static Optional<Fix> sumOfLogs(ClassFacts context, Expr.Call log, List<Expr> factors, List<Expr> divisors,
                                          Predicate<Expr> isDataSized) {
        String owner = MathCalls.ownerForFix(log);
        StringBuilder sum = new StringBuilder();
        int terms = 0;
        boolean determinants = false;
        List<Expr> all = Stream.concat(factors.stream(), divisors.stream()).toList();
        for (int i = 0; i < all.size(); i++) {
            Expr f = all.get(i);
            boolean divisor = i >= factors.size();
            Optional<Expr.Call> pow = MathCalls.call(f, "pow", 2);
            Optional<String> logDeterminant = DeterminantLogs.logOf(f, context);
            if (isDataSized.test(f) && pow.isEmpty() && logDeterminant.isEmpty()) {
                return Optional.empty();
            }
            if (MathCalls.isLiteral(f, 1)) {
                continue;
            }
            determinants |= logDeterminant.isPresent();
            String term = logDeterminant.orElseGet(() -> pow.map(p -> "(" + context.text(p.args().get(1)) + ") * "
                    + owner + ".log(" + context.text(p.args().get(0)) + ")").orElse(owner + ".log(" + context.text(f) + ")"));
            sum.append(terms == 0 ? (divisor ? "-" : "") : divisor ? " - " : " + ").append(term);
            terms++;
        }
        if (terms == 0) {
            return Optional.empty();
        }
        return Optional.of(Fix.review("Sum the logs of the factors; the log of a power is exponent * log(base)"
                + (determinants ? ", that of a determinant LogDeterminant.ofMagnitude(matrix)" : ""),
                List.of(TextEdit.replace(log.span(), "(" + sum + ")")),
                determinants ? List.of(DeterminantLogs.LOG_DETERMINANT) : List.of()));
    }

    /**
     * Accumulate in log space in place: the accumulator keeps its name and holds the log of the
     * product. Its start becomes the log of the start (0 for 1), each {@code p *= q} (or
     * {@code p = p * q}) becomes {@code p += log(q)}, {@code p *= exp(a)} becomes {@code p += a}
     * (exact, and it never overflows), {@code p /= q} becomes {@code p -= log(q)}, a restart
     * {@code p = v} becomes {@code p = log(v)}, and the final log is dropped. Only when the
     * accumulator is a double local read nowhere but in its own writes and in this log.
     */
    public static Optional<Fix> inPlace(ClassFacts context, MethodFacts facts, Expr.Call log, Reduction product) {
        String name = product.variable();
        Stmt.LocalDecl decl = facts.declaration(name);
        if (decl == null || decl.init() == null || !decl.type().name().equals("double")) {
            return Optional.empty();
        }
        List<Definition> defs = facts.definitions(name);
        for (Expr e : Nodes.expressions(facts.method().body())) {
            if (e instanceof Expr.VarRead v && v.name().equals(name) && v.kind() == VarKind.LOCAL
                    && defs.stream().noneMatch(d -> d.site() != decl && d.site().span().contains(v.span()))
                    && !log.span().contains(v.span())) {
                return Optional.empty();
            }
        }
        String owner = MathCalls.ownerForFix(log);
        List<TextEdit> edits = new ArrayList<>();
        for (Definition d : defs) {
            if (d.site() == decl) {
                edits.add(TextEdit.replace(decl.init().span(), logOf(decl.init(), owner, context)));
                continue;
            }
            if (d.element() || !(d.site() instanceof Stmt.Assign write) || !Nodes.isLocal(write.target(), name)) {
                return Optional.empty();
            }
            Expr value = Nodes.stripCasts(write.value());
            Expr factor = write.op() == AssignOp.MULTIPLY || write.op() == AssignOp.DIVIDE ? write.value()
                    : write.op() != AssignOp.ASSIGN ? null
                    : value instanceof Expr.Binary times && times.op() == BinaryOp.MULTIPLY
                            && Nodes.isLocal(times.left(), name) ? times.right()
                    : value instanceof Expr.Binary times && times.op() == BinaryOp.MULTIPLY
                            && Nodes.isLocal(times.right(), name) ? times.left() : null;
            String update;
            if (factor != null) {
                Optional<Expr> exponent = MathCalls.expArgument(Nodes.stripCasts(factor));
                String logFactor = exponent.map(context::text).orElseGet(() -> owner + ".log(" + context.text(factor) + ")");
                update = name + (write.op() == AssignOp.DIVIDE ? " -= " : " += ") + logFactor;
            } else if (write.op() == AssignOp.ASSIGN && Nodes.expressions(write.value()).stream()
                    .noneMatch(x -> Nodes.isLocal(x, name))) {
                update = name + " = " + logOf(write.value(), owner, context);     // a restart
            } else {
                return Optional.empty();
            }
            edits.add(new TextEdit(write.target().span().start(), write.value().span().end(), update));
        }
        edits.add(TextEdit.replace(log.span(), name));
        return Optional.of(Fix.review("Accumulate the sum of logs instead of the product", edits, List.of()));
    }

    /** The text of log(v): 0 for a literal 1 (0.0 when written with a point), the exponent of exp(a). */
    private static String logOf(Expr v, String owner, ClassFacts context) {
        if (MathCalls.isLiteral(v, 1)) {
            return context.text(v).contains(".") ? "0.0" : "0";
        }
        return MathCalls.expArgument(Nodes.stripCasts(v)).map(context::text).orElseGet(() -> owner + ".log(" + context.text(v) + ")");
    }
}
