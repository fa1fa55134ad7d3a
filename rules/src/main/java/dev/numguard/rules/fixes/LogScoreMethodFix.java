package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.idioms.products.RawProducts;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.Parameter;
import dev.numguard.rules.model.Stmt;
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
    private LogScoreMethodFix() {
    }

    /** The split of the method around {@code update}, when it only builds and returns the product. */
    public static Optional<Fix> of(Stmt.Assign update, MethodFacts facts) {
        Optional<ReturnedProduct> product = ReturnedProduct.of(update, facts);
        if (product.isEmpty()) {
            return Optional.empty();
        }
        MethodModel method = facts.method();
        ClassFacts context = facts.context();
        String name = product.get().name();
        Stmt.LocalDecl decl = product.get().decl();
        List<Stmt> top = method.body().statements();
        List<Stmt.Assign> updates = product.get().updates();
        Stmt.Return ret = product.get().ret();
        String logMethod = SiblingMethod.logName(method.name());
        String logName = SourceEdits.freshName(facts, "log" + Character.toUpperCase(name.charAt(0)) + name.substring(1));
        String text = context.file().text();
        Matcher comments = SiblingMethod.LEADING_COMMENTS.matcher(text).region(method.span().start(), method.body().span().start());
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
        Matcher override = SiblingMethod.OVERRIDE.matcher(header);
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
}
