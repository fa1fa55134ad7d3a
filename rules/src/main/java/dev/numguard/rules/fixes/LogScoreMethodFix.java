package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.idioms.products.RawProducts;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Parameter;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A method that returns a product of probabilities, {@code double p = 1; for (…) p *= q; return p;},
 * becomes two: {@code logX}, the same loop summing {@code Math.log(q)}, which does not underflow, and
 * {@code X}, which keeps its signature and returns {@code Math.exp(logX(…))}, so that every caller
 * still compiles and gets the same value (up to rounding in the last bits).
 *
 * <p>The value {@code X} returns still underflows to 0 for long products: the cure is for the callers
 * that compare or normalise these scores to call {@code logX} instead, which is why the fix is
 * {@code review} and its description says so. Offered only for probability-like factors (a log of a
 * negative factor would be NaN where the product of two was positive).
 */
public final class LogScoreMethodFix {
    private static final Pattern OVERRIDE = Pattern.compile("@Override\\s+");
    private static final Pattern ACCESSOR = Pattern.compile("(get|compute|calc|calculate)([A-Z].*)");
    /** The Javadoc and other comments a front end may count into the method's span. */
    private static final Pattern LEADING_COMMENTS = Pattern.compile("(\\s*(/\\*.*?\\*/|//[^\\n]*))*\\s*", Pattern.DOTALL);

    private LogScoreMethodFix() {
    }

    /** The split of the method around {@code update}, when it only builds and returns the product. */
    public static Optional<Fix> of(Stmt.Assign update, MethodFacts facts) {
        MethodModel method = facts.method();
        ClassFacts context = facts.context();
        if (RawProducts.factor(update) == null || method.body() == null || method.isConstructor() || method.isInitializer()
                || method.returnType().numeric() != NumericType.DOUBLE || !method.returnType().isFloatingScalar()
                || !(Nodes.stripCasts(update.target()) instanceof Expr.VarRead target) || target.kind() != VarKind.LOCAL) {
            return Optional.empty();
        }
        String name = target.name();
        Stmt.LocalDecl decl = facts.declaration(name);
        List<Stmt> top = method.body().statements();
        List<Stmt.Assign> updates = new ArrayList<>();
        for (Definition definition : facts.definitions(name)) {
            if (definition.site() instanceof Stmt.Assign assign && RawProducts.factor(assign) != null
                    && Nodes.stripCasts(assign.target()) instanceof Expr.VarRead v && v.name().equals(name)) {
                updates.add(assign);
            } else if (definition.site() != decl) {
                return Optional.empty();                    // another kind of write: not a plain running product
            }
        }
        if (decl == null || decl.init() == null || !decl.type().name().equals("double")
                || !(top.get(top.size() - 1) instanceof Stmt.Return ret) || ret.value() == null
                || !(Nodes.stripCasts(ret.value()) instanceof Expr.VarRead returned) || !returned.name().equals(name)) {
            return Optional.empty();
        }
        for (Expr e : Nodes.expressions(method.body())) {
            if (e instanceof Expr.VarRead v && v.name().equals(name) && v.kind() == VarKind.LOCAL
                    && updates.stream().noneMatch(u -> u.span().contains(v.span())) && !ret.span().contains(v.span())) {
                return Optional.empty();                    // read elsewhere: the product itself is needed there
            }
        }
        String logMethod = logName(method.name());
        String logName = SourceEdits.freshName(facts, "log" + Character.toUpperCase(name.charAt(0)) + name.substring(1));
        String text = context.file().text();
        Matcher comments = LEADING_COMMENTS.matcher(text).region(method.span().start(), method.body().span().start());
        int start = comments.lookingAt() ? comments.end() : method.span().start();
        String header = text.substring(start, method.body().span().start());
        Matcher methodName = Pattern.compile("\\b" + Pattern.quote(method.name()) + "\\s*\\(").matcher(header);
        if (!context.clazz().methodsNamed(logMethod).isEmpty() || !methodName.find()) {
            return Optional.empty();
        }
        String nl = context.lineSeparator();
        String indent = context.indentationAt(start);
        String bodyIndent = context.indentationAt(top.get(0).span().start());
        String arguments = String.join(", ", method.parameters().stream().map(Parameter::name).toList());
        String delegate = header + "{" + nl
                + bodyIndent + "return Math.exp(" + logMethod + "(" + arguments + "));" + nl
                + indent + "}" + nl + nl
                + indent + "/** The natural logarithm of {@link #" + method.name() + "}, which does not underflow:"
                + " compare and normalise these. */" + nl + indent;

        List<TextEdit> edits = new ArrayList<>();
        Matcher override = OVERRIDE.matcher(header);
        int overrideEnd = override.lookingAt() ? override.end() : 0;  // the log method overrides nothing
        edits.add(new TextEdit(start, start + overrideEnd, delegate));
        int nameAt = start + methodName.start();
        edits.add(new TextEdit(nameAt, nameAt + method.name().length(), logMethod));
        String init = MathCalls.isLiteral(decl.init(), 1) ? "0" : "Math.log(" + context.text(decl.init()) + ")";
        String declared = context.text(decl.span());
        int initOffset = decl.init().span().start() - decl.span().start();
        Matcher declName = Pattern.compile("\\b" + Pattern.quote(name) + "\\b(?=\\s*=)").matcher(declared);
        if (!declName.find() || declName.end() > initOffset) {
            return Optional.empty();
        }
        edits.add(TextEdit.replace(decl.span(), declared.substring(0, declName.start()) + logName
                + declared.substring(declName.end(), initOffset) + init
                + declared.substring(decl.init().span().end() - decl.span().start())));
        for (Stmt.Assign each : updates) {
            boolean statement = text.charAt(each.span().end() - 1) == ';';
            edits.add(TextEdit.replace(each.span(), logName + " += Math.log(" + context.text(RawProducts.factor(each)) + ")"
                    + (statement ? ";" : "")));
        }
        edits.add(TextEdit.replace(ret.value().span(), logName));
        return Optional.of(Fix.review("Split into " + logMethod + " (a sum of logs) and " + method.name()
                + " = exp(" + logMethod + "): callers that compare or normalise these scores should call "
                + logMethod + ", since the product itself still underflows", edits, List.of()));
    }

    /** {@code getLikelihood} becomes {@code getLogLikelihood}, {@code score} becomes {@code logScore}. */
    private static String logName(String name) {
        Matcher accessor = ACCESSOR.matcher(name);
        return accessor.matches() ? accessor.group(1) + "Log" + accessor.group(2)
                : "log" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
