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
 * <p>The same holds for weights filled in place, {@code w[c] = prior; for (..) w[c] *= q;} (the
 * start becomes {@code Math.log(prior)}, each update {@code w[c] += Math.log(q)}). Offered only
 * when the loop over {@code c} fills the whole array, {@code p} is declared in it and read only by
 * these stores, {@code w} is read in the loop only by the total and after it only passed whole to
 * calls or divided by the total, and the total is a local declared with 0 in the same block as the
 * loop, read only after it.
 */
public final class NormalisedWeightsFix {
    private NormalisedWeightsFix() {
    }

    /** The fix for the product update {@code p *= factor} or {@code w[c] *= factor} of a class's score. */
    public static Optional<Fix> of(Stmt.Assign update, MethodFacts facts) {
        Expr target = Nodes.stripCasts(update.target());
        if (target instanceof Expr.ArrayElement cell) {
            return inArray(update, cell, facts);
        }
        if (!(target instanceof Expr.VarRead p) || p.kind() != VarKind.LOCAL) {
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
        Stmt.Loop loop = loopOver(cell, stores.get(0), facts);
        if (loop == null || !loop.body().span().contains(product.span())) {
            return Optional.empty();
        }
        return productEdits(facts, product, updates, stores).flatMap(edits -> normalised(edits, cell, loop, stores, facts));
    }

    /**
     * {@code w[c] = prior; for (..) w[c] *= factor;}: the start and every update of the cell in
     * the loop over {@code c}, which are the only writes of {@code w} in the method.
     */
    private static Optional<Fix> inArray(Stmt.Assign update, Expr.ArrayElement cell, MethodFacts facts) {
        if (update.op() != AssignOp.MULTIPLY || !(Nodes.stripCasts(cell.index()) instanceof Expr.VarRead c)
                || c.kind() != VarKind.LOCAL || !(Nodes.stripCasts(cell.array()) instanceof Expr.VarRead w)) {
            return Optional.empty();
        }
        List<Stmt.Assign> writes = facts.statements().stream().filter(s -> s instanceof Stmt.Assign a
                && Nodes.stripCasts(a.target()) instanceof Expr.ArrayElement e && Nodes.stripCasts(e.array()) instanceof Expr.VarRead v
                && v.name().equals(w.name())).map(Stmt.Assign.class::cast).toList();
        if (writes.size() < 2 || writes.get(0).op() != AssignOp.ASSIGN || !Nodes.sameShape(Nodes.stripCasts(writes.get(0).target()), cell)
                || writes.stream().skip(1).anyMatch(a -> a.op() != AssignOp.MULTIPLY || !Nodes.sameShape(Nodes.stripCasts(a.target()), cell))) {
            return Optional.empty();
        }
        Stmt.Assign start = writes.get(0);
        Stmt.Loop loop = loopOver(cell, start, facts);
        if (loop == null || facts.enclosingLoops(start.span()).get(facts.enclosingLoops(start.span()).size() - 1) != loop) {
            return Optional.empty();                        // the start must run once per class, not per factor
        }
        String text = facts.context().file().text();
        List<TextEdit> edits = new ArrayList<>();
        edits.add(logEdit(start.value(), facts.context()));
        for (Stmt.Assign each : writes.subList(1, writes.size())) {
            int operator = text.indexOf("*=", each.target().span().end());
            if (operator < 0 || operator >= each.value().span().start()) {
                return Optional.empty();
            }
            edits.add(new TextEdit(operator, operator + 2, "+="));
            edits.add(logEdit(each.value(), facts.context()));
        }
        return normalised(edits, cell, loop, writes, facts);
    }

    /** The loop {@code for (c = ..; c < bound; ..)} around {@code write} that fills the whole array of {@code cell}. */
    private static Stmt.Loop loopOver(Expr.ArrayElement cell, Stmt write, MethodFacts facts) {
        String w = ((Expr.VarRead) Nodes.stripCasts(cell.array())).name();
        String c = ((Expr.VarRead) Nodes.stripCasts(cell.index())).name();
        Stmt.Loop loop = facts.enclosingLoops(write.span()).stream()
                .filter(l -> l.kind() == LoopKind.FOR && c.equals(l.inductionVariable())).findFirst().orElse(null);
        return loop != null && loop.condition() instanceof Expr.Binary below && below.op() == BinaryOp.LESS
                && Nodes.isLocal(below.left(), c) && SampledWeightsFix.fillsWholeArray(w, facts.context().text(below.right()),
                facts.context()) ? loop : null;
    }

    /**
     * The fix, given the edits that put the scores' logs into {@code w}: the total's update leaves
     * the loop, and after it {@code total = LogSpace.toRelativeWeights(w)}.
     */
    private static Optional<Fix> normalised(List<TextEdit> edits, Expr.ArrayElement cell, Stmt.Loop loop,
                                            List<Stmt.Assign> writes, MethodFacts facts) {
        String w = ((Expr.VarRead) Nodes.stripCasts(cell.array())).name();
        String c = ((Expr.VarRead) Nodes.stripCasts(cell.index())).name();
        Optional<Stmt.Assign> total = total(w, c, loop);
        if (total.isEmpty() || writes.stream().anyMatch(s -> s.span().end() > total.get().span().start()
                || !loop.body().span().contains(s.span()))) {
            return Optional.empty();
        }
        String totalName = ((Expr.VarRead) Nodes.stripCasts(total.get().target())).name();
        Optional<TextEdit> uninitialised = totalDeclaredBefore(totalName, loop, total.get(), facts);
        Optional<TextEdit> dropped = DeadCode.deleteLines(total.get(), facts.context());
        if (uninitialised.isEmpty() || dropped.isEmpty() || !onlyInLoopAndWhole(w, totalName, loop, writes, total.get(), facts)) {
            return Optional.empty();
        }
        List<TextEdit> all = new ArrayList<>(edits);
        all.add(uninitialised.get());
        all.add(dropped.get());
        all.add(TextEdit.insert(loop.span().end(), facts.context().lineSeparator() + facts.context().indentationAt(loop.span().start())
                + totalName + " = " + LogProductFixes.LOG_SPACE + ".toRelativeWeights(" + w + ");"));
        return Optional.of(Fix.review("Keep each score's product as a sum of logs and turn the logs into weights relative to the "
                + "largest (LogSpace.toRelativeWeights): every " + w + "[" + c + "] / " + totalName + " is unchanged; "
                + w + " and " + totalName + " themselves are divided by the largest score", all,
                List.of(LogProductFixes.LOG_SPACE)));
    }

    /** The text of log(v): 0 for a literal 1; the parentheses around v, if any, become the call's. */
    private static String logOf(Expr v, ClassFacts context) {
        if (MathCalls.isLiteral(v, 1)) {
            return "0";
        }
        String text = context.text(v);
        return "Math.log" + (parenthesised(text) ? text : "(" + text + ")");
    }

    /**
     * The edit that puts {@code v} under a log; parentheses right around it in the source (which a
     * front end may leave out of its span) become the call's.
     */
    private static TextEdit logEdit(Expr v, ClassFacts context) {
        String text = context.file().text();
        if (MathCalls.isLiteral(v, 1) || !SourceEdits.isGrouped(v.span(), text)) {
            return TextEdit.replace(v.span(), logOf(v, context));
        }
        int open = text.lastIndexOf('(', v.span().start() - 1);
        int close = text.indexOf(')', v.span().end());
        return new TextEdit(open, close + 1, "Math.log(" + context.text(v) + ")");
    }

    /** {@code e} is the array {@code w}: a local, a parameter or a field. */
    private static boolean reads(Expr e, String w) {
        return Nodes.stripCasts(e) instanceof Expr.VarRead v && v.name().equals(w);
    }

    /** {@code (…)} with the first parenthesis closed by the last one. */
    private static boolean parenthesised(String text) {
        if (!text.startsWith("(") || !text.endsWith(")")) {
            return false;
        }
        int depth = 0;
        for (int i = 0; i < text.length() - 1; i++) {
            depth += text.charAt(i) == '(' ? 1 : text.charAt(i) == ')' ? -1 : 0;
            if (depth == 0) {
                return false;
            }
        }
        return true;
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
                        && reads(e.array(), w) && Nodes.isLocal(e.index(), c))
                .map(Stmt.Assign.class::cast).toList();
        return totals.size() == 1 ? Optional.of(totals.get(0)) : Optional.empty();
    }

    /**
     * {@code w} is written only by {@code writes}, read in the loop's body only by them and the
     * total, not before the loop, and after it only passed whole to calls and constructors or
     * divided by the total ({@code w[k] / total}).
     */
    private static boolean onlyInLoopAndWhole(String w, String total, Stmt.Loop loop, List<Stmt.Assign> writes,
                                              Stmt.Assign totalUpdate, MethodFacts facts) {
        Stmt.LocalDecl declaration = facts.declaration(w);
        for (Definition d : facts.definitions(w)) {
            if (d.site() != declaration && !writes.contains(d.site())) {
                return false;
            }
        }
        List<Expr> allowedAfter = new ArrayList<>();
        for (Expr e : Nodes.expressions(facts.method().body())) {
            if (e instanceof Expr.Call call) {
                call.args().stream().filter(a -> reads(a, w)).forEach(allowedAfter::add);
            } else if (e instanceof Expr.Other creation && creation.kind().equals("new")) {
                creation.children().stream().filter(a -> reads(a, w)).forEach(allowedAfter::add);
            } else if (e instanceof Expr.Binary share && share.op() == BinaryOp.DIVIDE && Nodes.isLocal(share.right(), total)
                    && Nodes.stripCasts(share.left()) instanceof Expr.ArrayElement element
                    && Nodes.stripCasts(element.array()) instanceof Expr.VarRead v && v.name().equals(w)) {
                allowedAfter.add(share.left());
            }
        }
        for (Expr e : Nodes.expressions(facts.method().body())) {
            if (!(e instanceof Expr.VarRead v) || !v.name().equals(w) || declaration != null && declaration.span().contains(v.span())) {
                continue;
            }
            if (loop.condition() != null && loop.condition().span().contains(v.span())) {
                continue;                                   // c < w.length
            }
            boolean inBody = loop.body().span().contains(v.span());
            boolean after = v.span().start() >= loop.span().end();
            if (inBody ? !totalUpdate.value().span().contains(v.span()) && writes.stream().noneMatch(s -> s.target().span().contains(v.span()))
                    : !after || allowedAfter.stream().noneMatch(a -> a.span().contains(v.span()))) {
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

    /** The product's declaration, updates and stores in log space. */
    private static Optional<List<TextEdit>> productEdits(MethodFacts facts, Stmt.LocalDecl product, List<Stmt.Assign> updates,
                                                         List<Stmt.Assign> stores) {
        ClassFacts context = facts.context();
        String p = product.name();
        String logName = SourceEdits.freshName(facts, "log" + Character.toUpperCase(p.charAt(0)) + p.substring(1));
        String declared = context.text(product.span());
        int initOffset = product.init().span().start() - product.span().start();
        Matcher name = Pattern.compile("\\b" + Pattern.quote(p) + "\\b(?=\\s*=)").matcher(declared);
        if (!name.find() || name.end() > initOffset) {
            return Optional.empty();
        }
        List<TextEdit> edits = new ArrayList<>();
        edits.add(TextEdit.replace(product.span(), declared.substring(0, name.start()) + logName
                + declared.substring(name.end(), initOffset) + logOf(product.init(), context)
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
        return Optional.of(edits);
    }
}
