package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.idioms.products.RawProducts;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.LoopKind;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores normalised by their total, each a product of probabilities: naive Bayes' posterior
 * {@code double p = 1; for (feature) p *= P(feature | c); w[c] = prior * p; total += w[c];} over
 * every class {@code c}, then {@code w[c] / total} (or {@code w} and {@code total} handed on
 * together). With a few hundred features every score underflows to 0 and the ratio is 0/0.
 *
 * <p>Kept in log space: {@code p} becomes {@code logP}, the sum of {@code Math.log} of the factors,
 * {@code w[c] = Math.log(prior) + logP}; the total leaves the loop, and after it
 * {@code total = LogSpace.toRelativeWeights(w)} turns the logs back into weights divided by the
 * largest, and returns their sum. Every ratio {@code w[c] / total} is unchanged; {@code w} and
 * {@code total} themselves are scaled by one factor (the largest score), hence review.
 *
 * <p>Offered only when the loop over {@code c} fills the whole array, {@code p} is declared in it
 * and read only by these stores, {@code w} is read in the loop only by the total, after it only
 * passed whole to calls, and the total is a local declared with 0 in the same block as the loop,
 * read only after it.
 */
public final class NormalisedWeightsFix {
    private NormalisedWeightsFix() {
    }

    /** The fix for the product update {@code p *= factor} of a class's score. */
    public static Optional<Fix> of(Stmt.Assign update, MethodFacts facts) {
        if (!(Nodes.stripCasts(update.target()) instanceof Expr.VarRead p) || p.kind() != VarKind.LOCAL) {
            return Optional.empty();
        }
        Stmt.LocalDecl product = facts.declaration(p.name());
        if (product == null || product.init() == null || !product.type().name().equals("double")) {
            return Optional.empty();
        }
        List<Stmt.Assign> updates = new ArrayList<>();
        for (Definition d : facts.definitions(p.name())) {
            if (d.site() instanceof Stmt.Assign a && RawProducts.factor(a) != null && Nodes.isLocal(a.target(), p.name())) {
                updates.add(a);
            } else if (d.site() != product) {
                return Optional.empty();
            }
        }
        List<Stmt.Assign> stores = stores(product, updates, facts);
        if (stores.isEmpty()) {
            return Optional.empty();
        }
        Expr.ArrayElement cell = (Expr.ArrayElement) Nodes.stripCasts(stores.get(0).target());
        Expr.VarRead w = (Expr.VarRead) Nodes.stripCasts(cell.array());
        String c = ((Expr.VarRead) Nodes.stripCasts(cell.index())).name();
        Stmt.Loop loop = facts.enclosingLoops(stores.get(0).span()).stream()
                .filter(l -> l.kind() == LoopKind.FOR && c.equals(l.inductionVariable())).findFirst().orElse(null);
        if (loop == null || !loop.body().span().contains(product.span())
                || !(loop.condition() instanceof Expr.Binary below) || below.op() != BinaryOp.LESS
                || !Nodes.isLocal(below.left(), c) || !SampledWeightsFix.fillsWholeArray(w.name(), facts.context().text(below.right()),
                facts.context())) {
            return Optional.empty();
        }
        Optional<Stmt.Assign> total = total(w.name(), c, loop);
        if (total.isEmpty() || stores.stream().anyMatch(s -> s.span().end() > total.get().span().start()) || !onlyInLoopAndWhole(w.name(), loop, stores, total.get(), facts)) {
            return Optional.empty();
        }
        String totalName = ((Expr.VarRead) Nodes.stripCasts(total.get().target())).name();
        Optional<TextEdit> uninitialised = totalDeclaredBefore(totalName, loop, total.get(), facts);
        Optional<TextEdit> dropped = DeadCode.deleteLines(total.get(), facts.context());
        if (uninitialised.isEmpty() || dropped.isEmpty()) {
            return Optional.empty();
        }
        return edits(facts, product, updates, stores, loop, w.name(), totalName).map(edits -> {
            edits.add(uninitialised.get());
            edits.add(dropped.get());
            return Fix.review("Keep each score's product as a sum of logs and turn the logs into weights relative to the "
                    + "largest (LogSpace.toRelativeWeights): every " + w.name() + "[" + c + "] / " + totalName + " is unchanged; "
                    + w.name() + " and " + totalName + " themselves are divided by the largest score", edits,
                    List.of(LogProductFixes.LOG_SPACE));
        });
    }

    /**
     * Every read of {@code p} outside its updates, each the value (or a factor of it) of a store
     * {@code w[c] = prior * p} into one double array at one loop variable; empty otherwise.
     */
    private static List<Stmt.Assign> stores(Stmt.LocalDecl product, List<Stmt.Assign> updates, MethodFacts facts) {
        String p = product.name();
        List<Stmt.Assign> stores = new ArrayList<>();
        for (Expr.VarRead v : DeadCode.readsOf(product.id(), facts)) {
            if (updates.stream().anyMatch(u -> u.span().contains(v.span()))) {
                continue;
            }
            Stmt.Assign store = facts.statements().stream().filter(s -> s instanceof Stmt.Assign a && a.op() == AssignOp.ASSIGN
                    && a.value().span().contains(v.span())).map(Stmt.Assign.class::cast).findFirst().orElse(null);
            if (store == null || prior(store.value(), p) == null
                    || !(Nodes.stripCasts(store.target()) instanceof Expr.ArrayElement cell)
                    || !(Nodes.stripCasts(cell.array()) instanceof Expr.VarRead w) || w.kind() != VarKind.LOCAL
                    || !w.type().isFloatingVector() || w.type().numeric() != NumericType.DOUBLE
                    || !(Nodes.stripCasts(cell.index()) instanceof Expr.VarRead index) || index.kind() != VarKind.LOCAL
                    || !stores.isEmpty() && !Nodes.sameShape(Nodes.stripCasts(stores.get(0).target()), cell)) {
                return List.of();
            }
            stores.add(store);
        }
        return stores;
    }

    /**
     * The other factor of {@code prior * p} or {@code p * prior}; {@code p} itself for a bare
     * {@code p} (a prior of 1); null for anything else.
     */
    private static Expr prior(Expr value, String p) {
        Expr x = Nodes.stripCasts(value);
        if (Nodes.isLocal(x, p)) {
            return x;
        }
        if (x instanceof Expr.Binary times && times.op() == BinaryOp.MULTIPLY) {
            if (Nodes.isLocal(times.right(), p) && !Nodes.mentions(times.left(), p)) {
                return times.left();
            }
            if (Nodes.isLocal(times.left(), p) && !Nodes.mentions(times.right(), p)) {
                return times.right();
            }
        }
        return null;
    }

    /** The one statement {@code total += w[c]} of the loop. */
    private static Optional<Stmt.Assign> total(String w, String c, Stmt.Loop loop) {
        List<Stmt.Assign> totals = Nodes.statements(loop.body()).stream().filter(s -> s instanceof Stmt.Assign a
                        && a.op() == AssignOp.ADD && Nodes.stripCasts(a.target()) instanceof Expr.VarRead t
                        && t.kind() == VarKind.LOCAL && Nodes.stripCasts(a.value()) instanceof Expr.ArrayElement e
                        && Nodes.isLocal(e.array(), w) && Nodes.isLocal(e.index(), c))
                .map(Stmt.Assign.class::cast).toList();
        return totals.size() == 1 ? Optional.of(totals.get(0)) : Optional.empty();
    }

    /**
     * {@code w} is written only by the stores, read in the loop's body only by the total and
     * after the loop only as a whole call argument.
     */
    private static boolean onlyInLoopAndWhole(String w, Stmt.Loop loop, List<Stmt.Assign> stores, Stmt.Assign total,
                                              MethodFacts facts) {
        Stmt.LocalDecl declaration = facts.declaration(w);
        for (Definition d : facts.definitions(w)) {
            if (d.site() != declaration && !stores.contains(d.site())) {
                return false;
            }
        }
        List<Expr> wholeArguments = new ArrayList<>();
        for (Expr e : Nodes.expressions(facts.method().body())) {
            if (e instanceof Expr.Call call) {
                call.args().stream().filter(a -> Nodes.isLocal(a, w)).forEach(wholeArguments::add);
            }
        }
        for (Expr e : Nodes.expressions(facts.method().body())) {
            if (!(e instanceof Expr.VarRead v) || !v.name().equals(w) || v.kind() != VarKind.LOCAL) {
                continue;
            }
            boolean inBody = loop.body().span().contains(v.span());
            boolean after = v.span().start() >= loop.span().end();
            if (inBody && !total.value().span().contains(v.span()) && stores.stream().noneMatch(s -> s.target().span().contains(v.span()))
                    || after && wholeArguments.stream().noneMatch(a -> a.span().contains(v.span()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The edit that drops the {@code = 0} of the total's declaration, when it is a double local
     * declared in the loop's own block, written only by {@code total} and read only after the
     * loop (so the assignment inserted after the loop is its only value).
     */
    private static Optional<TextEdit> totalDeclaredBefore(String name, Stmt.Loop loop, Stmt.Assign total, MethodFacts facts) {
        Stmt.LocalDecl declaration = facts.declaration(name);
        if (declaration == null || declaration.init() == null || !MathCalls.isLiteral(declaration.init(), 0)
                || !declaration.type().name().equals("double")
                || SourceEdits.parentBlock(facts.method(), loop).filter(b -> b.statements().contains(declaration)).isEmpty()
                || declaration.span().end() > loop.span().start()) {
            return Optional.empty();
        }
        for (Definition d : facts.definitions(name)) {
            if (d.site() != declaration && d.site() != total) {
                return Optional.empty();
            }
        }
        for (Expr.VarRead read : DeadCode.readsOf(declaration.id(), facts)) {
            if (!total.span().contains(read.span()) && read.span().start() < loop.span().end()) {
                return Optional.empty();
            }
        }
        ClassFacts context = facts.context();
        Matcher declared = Pattern.compile("\\b" + Pattern.quote(name) + "\\b(\\s*=\\s*)").matcher(context.text(declaration.span()));
        if (!declared.find()) {
            return Optional.empty();
        }
        int from = declaration.span().start() + declared.end(1) - declared.group(1).length();
        return Optional.of(new TextEdit(from, declaration.init().span().end(), ""));
    }

    /** The product's declaration, updates and stores in log space, and the weights made after the loop. */
    private static Optional<List<TextEdit>> edits(MethodFacts facts, Stmt.LocalDecl product, List<Stmt.Assign> updates,
                                                  List<Stmt.Assign> stores, Stmt.Loop loop, String w, String total) {
        ClassFacts context = facts.context();
        String p = product.name();
        String logName = SourceEdits.freshName(facts, "log" + Character.toUpperCase(p.charAt(0)) + p.substring(1));
        String declared = context.text(product.span());
        int initOffset = product.init().span().start() - product.span().start();
        Matcher name = Pattern.compile("\\b" + Pattern.quote(p) + "\\b(?=\\s*=)").matcher(declared);
        if (!name.find() || name.end() > initOffset) {
            return Optional.empty();
        }
        String start = MathCalls.isLiteral(product.init(), 1) ? "0" : "Math.log(" + context.text(product.init()) + ")";
        List<TextEdit> edits = new ArrayList<>();
        edits.add(TextEdit.replace(product.span(), declared.substring(0, name.start()) + logName
                + declared.substring(name.end(), initOffset) + start
                + declared.substring(product.init().span().end() - product.span().start())));
        String text = context.file().text();
        for (Stmt.Assign each : updates) {
            boolean statement = text.charAt(each.span().end() - 1) == ';';
            edits.add(TextEdit.replace(each.span(), logName + " += Math.log(" + context.text(RawProducts.factor(each)) + ")"
                    + (statement ? ";" : "")));
        }
        for (Stmt.Assign store : stores) {
            Expr prior = prior(store.value(), p);
            edits.add(TextEdit.replace(store.value().span(), Nodes.isLocal(prior, p) || MathCalls.isLiteral(prior, 1) ? logName
                    : "Math.log(" + context.text(prior) + ") + " + logName));
        }
        edits.add(TextEdit.insert(loop.span().end(), context.lineSeparator() + context.indentationAt(loop.span().start())
                + total + " = " + LogProductFixes.LOG_SPACE + ".toRelativeWeights(" + w + ");"));
        return Optional.of(edits);
    }
}
