package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.idioms.products.RawProducts;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A method that returns a running product of factors of unknown sign, {@code double p = 1; for (…)
 * p *= q; return p;}, used as a score, is computed in log space: the loop sums
 * {@code Math.log(Math.abs(q))} and keeps the parity of the negative factors, and the method returns
 * {@code ±Math.exp} of the sum, so no partial product underflows or overflows on the way (factors
 * 1e-200, 1e-200, 1e300 give 1e-100, not 0). A sibling {@code logX} with the same parameters returns
 * {@code Math.log(X(…))} without forming the product at all: NaN for a negative product (as
 * {@code Math.log} of it would), the log of the magnitude otherwise. Where the product itself
 * underflows to 0 (hundreds of factors below 1) {@code logX} stays finite, and the order of two
 * positive scores is the order of their logs, so callers that compare or argmax these scores can call it.
 *
 * <p>{@code X} keeps its signature and, on every input where no partial product left the double
 * range, its value up to rounding in the last bits; the fix is review because the callers still
 * have to move to {@code logX} to gain on long products. Offered when the product is a double local
 * started from a positive literal, updated only by {@code p *= q} / {@code p = p * q} statements,
 * read nowhere but in them and in the method's final {@code return p;}.
 */
public final class LogScoreSiblingFix {
    private LogScoreSiblingFix() {
    }

    /** The method has a log-space twin {@code logX} (same parameter types) in its class: the callers can pick the log. */
    public static boolean hasLogTwin(MethodFacts facts) {
        return SiblingMethod.hasLogTwin(facts);
    }

    /** The log-space rewrite of the method that builds the product {@code update} updates, and its {@code logX}, when it only builds and returns it. */
    public static Optional<Fix> of(Stmt.Assign update, MethodFacts facts) {
        Optional<ReturnedProduct> product = ReturnedProduct.of(update, facts);
        if (product.isEmpty() || !(Nodes.stripCasts(product.get().decl().init()) instanceof Expr.Literal seed)
                || !(seed.value() instanceof Number first) || !(first.doubleValue() > 0)
                || first.doubleValue() == Double.POSITIVE_INFINITY) {
            return Optional.empty();
        }
        MethodModel method = facts.method();
        ClassFacts context = facts.context();
        String name = product.get().name();
        Stmt.LocalDecl decl = product.get().decl();
        List<Stmt> top = method.body().statements();
        List<Stmt.Assign> updates = product.get().updates();
        Stmt.Return ret = product.get().ret();
        for (Stmt s : facts.statements()) {
            if (s instanceof Stmt.Loop loop && loop.update().stream().anyMatch(updates::contains)) {
                return Optional.empty();                    // in a for's update clause: no room for statements
            }
        }
        String logMethod = SiblingMethod.logName(method.name());
        String negative = SourceEdits.freshName(facts, "negative");
        String factor = SourceEdits.freshName(facts, "factor");
        String text = context.file().text();
        List<TextEdit> logLoop = new ArrayList<>();         // the product as a sum of log-magnitudes and a sign
        double value = first.doubleValue();
        logLoop.add(TextEdit.replace(decl.init().span(), value == 1 ? "0" : "Math.log(" + context.text(decl.init()) + ")"));
        logLoop.add(TextEdit.insert(top.get(0).span().start(), "boolean " + negative + " = false;" + context.lineSeparator()
                + context.indentationAt(top.get(0).span().start())));
        for (Stmt.Assign each : updates) {
            int end = SiblingMethod.statementEnd(text, each.span().end());
            if (end < 0) {
                return Optional.empty();
            }
            logLoop.add(new TextEdit(each.span().start(), end, "{ double " + factor + " = " + context.text(RawProducts.factor(each))
                    + "; " + name + " += Math.log(Math.abs(" + factor + ")); " + negative + " ^= " + factor + " < 0; }"));
        }
        List<TextEdit> inSibling = new ArrayList<>(logLoop);
        inSibling.add(TextEdit.replace(ret.value().span(), negative + " && " + name + " > Double.NEGATIVE_INFINITY ? Double.NaN : "
                + name));
        Optional<TextEdit> sibling = SiblingMethod.add(facts, logMethod, inSibling, "Math.log(" + method.name()
                + "(…)) without forming the product, which underflows to 0: compare these (NaN for a negative product).");
        if (sibling.isEmpty()) {
            return Optional.empty();
        }
        List<TextEdit> edits = new ArrayList<>(logLoop);
        edits.add(TextEdit.replace(ret.value().span(), negative + " ? -Math.exp(" + name + ") : Math.exp(" + name + ")"));
        edits.add(sibling.get());
        return Optional.of(Fix.review("Compute " + method.name() + " as ±exp of a sum of log-magnitudes, so no partial product"
                + " underflows, and add " + logMethod + ", its log (NaN for a negative product, as Math.log gives): callers that"
                + " compare these scores should compare " + logMethod + ", since a long product itself still underflows",
                edits, List.of()));
    }
}
