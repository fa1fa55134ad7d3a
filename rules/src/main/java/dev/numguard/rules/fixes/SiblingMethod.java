package dev.numguard.rules.fixes;

import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.model.MethodModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A new method added right after an existing one: same modifiers, parameters and throws clause,
 * another name, and the existing body with some edits applied. The existing method is left as it
 * is, so every caller keeps its value; used by the fixes that add a log-space variant
 * ({@code logX}) of a method whose result underflows.
 */
final class SiblingMethod {
    static final Pattern OVERRIDE = Pattern.compile("@Override\\s+");
    private static final Pattern ACCESSOR = Pattern.compile("(get|compute|calc|calculate)([A-Z].*)");
    static final Pattern LEADING_COMMENTS = Pattern.compile("(\\s*(/\\*.*?\\*/|//[^\\n]*))*\\s*", Pattern.DOTALL);

    private SiblingMethod() {
    }

    /** {@code getScore} becomes {@code getLogScore}, {@code score} becomes {@code logScore}. */
    static String logName(String name) {
        Matcher accessor = ACCESSOR.matcher(name);
        return accessor.matches() ? accessor.group(1) + "Log" + accessor.group(2)
                : "log" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /**
     * The insertion, after {@code facts}' method, of a copy named {@code name} whose body has
     * {@code inBody} applied (edits in file offsets, all inside the body, not overlapping); empty
     * when the class already has a method of that name or the edits do not fit.
     */
    static Optional<TextEdit> add(MethodFacts facts, String name, List<TextEdit> inBody, String javadoc) {
        MethodModel method = facts.method();
        ClassFacts context = facts.context();
        if (method.body() == null || !context.clazz().methodsNamed(name).isEmpty()) {
            return Optional.empty();
        }
        String text = context.file().text();
        Matcher comments = LEADING_COMMENTS.matcher(text).region(method.span().start(), method.body().span().start());
        int start = comments.lookingAt() ? comments.end() : method.span().start();
        String header = text.substring(start, method.body().span().start());
        Matcher override = OVERRIDE.matcher(header);
        header = override.lookingAt() ? header.substring(override.end()) : header;   // the new method overrides nothing
        Matcher renamed = Pattern.compile("\\b" + Pattern.quote(method.name()) + "(?=\\s*\\()").matcher(header);
        if (!renamed.find()) {
            return Optional.empty();
        }
        header = header.substring(0, renamed.start()) + name + header.substring(renamed.end());
        int bodyStart = method.body().span().start();
        int bodyEnd = method.body().span().end();
        List<TextEdit> edits = new ArrayList<>(inBody);
        edits.sort(Comparator.comparingInt(TextEdit::start).thenComparingInt(TextEdit::end).reversed());
        StringBuilder body = new StringBuilder(text.substring(bodyStart, bodyEnd));
        int previous = bodyEnd;
        for (TextEdit edit : edits) {
            if (edit.start() < bodyStart || edit.end() > previous) {
                return Optional.empty();                    // outside the body, or overlapping
            }
            body.replace(edit.start() - bodyStart, edit.end() - bodyStart, edit.replacement());
            previous = edit.start();
        }
        String nl = context.lineSeparator();
        String indent = context.indentationAt(start);
        return Optional.of(TextEdit.insert(bodyEnd, nl + nl + indent + "/** " + javadoc + " */" + nl + indent + header + body));
    }

    /**
     * The method of {@code facts} has a log-space twin in its class: a method named
     * {@link #logName} of it with the same parameter types, returning a floating-point value.
     */
    static boolean hasLogTwin(MethodFacts facts) {
        MethodModel method = facts.method();
        List<String> types = method.parameters().stream().map(p -> p.type().name()).toList();
        return facts.context().clazz().methodsNamed(logName(method.name())).stream()
                .anyMatch(m -> m.returnType().isFloatingScalar()
                        && m.parameters().stream().map(p -> p.type().name()).toList().equals(types));
    }

    /**
     * The edits that turn the method into {@code return Math.exp(name(arguments));} followed by a
     * method {@code name} with the original body and {@code inBody} applied: the split of
     * {@link LogScoreMethodFix}, for callers that keep the linear value while the log is computed
     * without underflow.
     */
    static Optional<List<TextEdit>> delegate(MethodFacts facts, String name, List<TextEdit> inBody, String javadoc) {
        MethodModel method = facts.method();
        ClassFacts context = facts.context();
        List<dev.numguard.rules.model.Stmt> top = method.body() == null ? List.of() : method.body().statements();
        Optional<TextEdit> sibling = add(facts, name, inBody, javadoc);
        if (sibling.isEmpty() || top.isEmpty()) {
            return Optional.empty();
        }
        String arguments = String.join(", ", method.parameters().stream().map(p -> p.name()).toList());
        int from = top.get(0).span().start();
        int to = top.get(top.size() - 1).span().end();
        for (TextEdit edit : inBody) {
            if (edit.start() < from || edit.end() > to) {
                return Optional.empty();
            }
        }
        return Optional.of(List.of(new TextEdit(from, to, "return Math.exp(" + name + "(" + arguments + "));"), sibling.get()));
    }

    /** The offset just after the {@code ;} that ends the statement whose expression ends at {@code end}; -1 when none. */
    static int statementEnd(String text, int end) {
        if (end > 0 && text.charAt(end - 1) == ';') {
            return end;
        }
        int i = end;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i < text.length() && text.charAt(i) == ';' ? i + 1 : -1;
    }
}
