package dev.numguard.analyzer.spoon;

import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.ClassModel;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.FieldModel;
import dev.numguard.rules.model.LoopKind;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Parameter;
import dev.numguard.rules.model.SourceFileModel;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.Suppression;
import dev.numguard.rules.model.TypeInfo;
import dev.numguard.rules.model.UnaryOp;
import dev.numguard.rules.model.VarId;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import spoon.reflect.code.BinaryOperatorKind;
import spoon.reflect.code.CtArrayAccess;
import spoon.reflect.code.CtAssignment;
import spoon.reflect.code.CtBinaryOperator;
import spoon.reflect.code.CtBlock;
import spoon.reflect.code.CtBreak;
import spoon.reflect.code.CtCase;
import spoon.reflect.code.CtCatch;
import spoon.reflect.code.CtComment;
import spoon.reflect.code.CtConditional;
import spoon.reflect.code.CtConstructorCall;
import spoon.reflect.code.CtContinue;
import spoon.reflect.code.CtDo;
import spoon.reflect.code.CtExecutableReferenceExpression;
import spoon.reflect.code.CtExpression;
import spoon.reflect.code.CtFieldAccess;
import spoon.reflect.code.CtFor;
import spoon.reflect.code.CtForEach;
import spoon.reflect.code.CtIf;
import spoon.reflect.code.CtInvocation;
import spoon.reflect.code.CtLambda;
import spoon.reflect.code.CtLiteral;
import spoon.reflect.code.CtLocalVariable;
import spoon.reflect.code.CtNewArray;
import spoon.reflect.code.CtNewClass;
import spoon.reflect.code.CtOperatorAssignment;
import spoon.reflect.code.CtResource;
import spoon.reflect.code.CtReturn;
import spoon.reflect.code.CtStatement;
import spoon.reflect.code.CtSwitch;
import spoon.reflect.code.CtSwitchExpression;
import spoon.reflect.code.CtSynchronized;
import spoon.reflect.code.CtThisAccess;
import spoon.reflect.code.CtThrow;
import spoon.reflect.code.CtTry;
import spoon.reflect.code.CtTryWithResource;
import spoon.reflect.code.CtTypeAccess;
import spoon.reflect.code.CtUnaryOperator;
import spoon.reflect.code.CtVariableAccess;
import spoon.reflect.code.CtWhile;
import spoon.reflect.code.CtYieldStatement;
import spoon.reflect.code.UnaryOperatorKind;
import spoon.reflect.cu.SourcePosition;
import spoon.reflect.cu.position.DeclarationSourcePosition;
import spoon.reflect.declaration.CtAnnotation;
import spoon.reflect.declaration.CtAnonymousExecutable;
import spoon.reflect.declaration.CtClass;
import spoon.reflect.declaration.CtConstructor;
import spoon.reflect.declaration.CtElement;
import spoon.reflect.declaration.CtEnum;
import spoon.reflect.declaration.CtField;
import spoon.reflect.declaration.CtMethod;
import spoon.reflect.declaration.CtParameter;
import spoon.reflect.declaration.CtType;
import spoon.reflect.declaration.CtVariable;
import spoon.reflect.declaration.ModifierKind;
import spoon.reflect.reference.CtArrayTypeReference;
import spoon.reflect.reference.CtExecutableReference;
import spoon.reflect.reference.CtFieldReference;
import spoon.reflect.reference.CtParameterReference;
import spoon.reflect.reference.CtTypeReference;
import spoon.reflect.reference.CtVariableReference;
import spoon.reflect.visitor.filter.TypeFilter;

/**
 * Lowers the Spoon types of one file into the numeric model. The lowering rules are those of
 * {@code dev.numguard.rules.model}'s package documentation; Spoon specifics handled here: end
 * offsets are inclusive and include parentheses, casts are a property of the cast expression, and
 * implicit nodes (implicit {@code this}, type accesses) have no position.
 */
final class SpoonLowering {
    private final String path;
    private final SpanMapper spans;
    private final List<Suppression> suppressions = new ArrayList<>();
    private final List<ClassModel> classes = new ArrayList<>();
    private String currentClass = "";
    private LocalDeclarations declarations = LocalDeclarations.none();

    SpoonLowering(String path, String text) {
        this(path, text, SyntaxCheck.Wrapper.NONE);
    }

    /** Lowers {@code text} as Spoon saw it inside {@code wrapper}; every span is one of {@code text}. */
    SpoonLowering(String path, String text, SyntaxCheck.Wrapper wrapper) {
        this.path = path;
        this.spans = new SpanMapper(text, wrapper);
    }

    /** The model of the file holding {@code types} (its top-level types). */
    SourceFileModel lower(List<CtType<?>> types) {
        for (CtType<?> type : types) {
            collectSuppressions(type);
            declarations = LocalDeclarations.of(type);
            lowerType(type);
        }
        return new SourceFileModel(path, spans.text(), classes, suppressions);
    }

    /** The direct supertypes {@code type} declares ({@code extends}, {@code implements}), by qualified name. */
    private static List<String> supertypes(CtType<?> type) {
        List<String> names = new ArrayList<>();
        try {
            if (type.getSuperclass() != null && !type.isEnum()) {
                names.add(type.getSuperclass().getQualifiedName());
            }
            type.getSuperInterfaces().forEach(i -> names.add(i.getQualifiedName()));
        } catch (RuntimeException unresolved) {
            // without the classpath a supertype may not resolve: keep what did
        }
        names.removeIf(n -> n.equals("java.lang.Object") || n.equals("java.lang.Record") || n.equals("java.lang.Enum"));
        return names;
    }

    /**
     * Lowers {@code type} and, through its bodies, every local and anonymous class in it. Each
     * initializer block and each field initializer becomes a method of its own (see
     * {@link MethodModel}), so rules see the code wherever it lives.
     */
    private void lowerType(CtType<?> type) {
        String previous = currentClass;
        currentClass = type.getQualifiedName();
        List<FieldModel> fields = new ArrayList<>();
        List<MethodModel> initializers = new ArrayList<>();
        for (CtField<?> field : declaredFields(type)) {
            if (field.isImplicit() || !spans.hasPosition(field)) {
                continue;
            }
            FieldModel model = new FieldModel(field.getSimpleName(), typeOf(field.getType()), declarationSpan(field),
                    expr(field.getDefaultExpression()), field.hasModifier(ModifierKind.STATIC),
                    field.hasModifier(ModifierKind.FINAL));
            fields.add(model);
            int name = nameOffset(field);
            if (model.init() != null && name >= 0) {
                initializers.add(MethodModel.fieldInitializer(currentClass, model,
                        spans.span(name, name + field.getSimpleName().length())));
            }
        }
        List<MethodModel> methods = new ArrayList<>();
        List<CtMethod<?>> declared = new ArrayList<>(type.getMethods());
        declared.sort(Comparator.comparingInt(m -> spans.raw(m)[0]));
        for (CtMethod<?> method : declared) {
            if (method.isImplicit() || !spans.hasPosition(method)) {
                continue;
            }
            methods.add(new MethodModel(method.getSimpleName(), plainSpan(method), typeOf(method.getType()),
                    parameters(method.getParameters()), block(method.getBody()),
                    method.hasModifier(ModifierKind.STATIC), method.hasModifier(ModifierKind.PRIVATE), false));
        }
        if (type instanceof CtClass<?> clazz) {
            for (CtConstructor<?> constructor : clazz.getConstructors()) {
                if (constructor.isImplicit() || !spans.hasPosition(constructor)) {
                    continue;
                }
                methods.add(new MethodModel("<init>", plainSpan(constructor), TypeInfo.UNKNOWN,
                        parameters(constructor.getParameters()), block(constructor.getBody()), false,
                        constructor.hasModifier(ModifierKind.PRIVATE), true));
            }
            for (CtAnonymousExecutable initializer : clazz.getAnonymousExecutables()) {
                if (!spans.hasPosition(initializer)) {
                    continue;
                }
                boolean isStatic = initializer.hasModifier(ModifierKind.STATIC);
                methods.add(new MethodModel(isStatic ? MethodModel.STATIC_INITIALIZER : MethodModel.INSTANCE_INITIALIZER,
                        plainSpan(initializer), TypeInfo.UNKNOWN, List.of(), block(initializer.getBody()), isStatic,
                        true, false));
            }
        }
        methods.addAll(initializers);
        classes.add(new ClassModel(type.getQualifiedName(), type.getSimpleName(), plainSpan(type), fields, methods,
                supertypes(type)));
        for (CtType<?> nested : type.getNestedTypes()) {
            lowerType(nested);
        }
        currentClass = previous;
    }

    /** The fields of {@code type}, an enum's constants included (once). */
    private static List<CtField<?>> declaredFields(CtType<?> type) {
        Set<CtField<?>> fields = Collections.newSetFromMap(new IdentityHashMap<>());
        List<CtField<?>> ordered = new ArrayList<>();
        if (type instanceof CtEnum<?> enumeration) {
            enumeration.getEnumValues().stream().filter(fields::add).forEach(ordered::add);
        }
        type.getFields().stream().filter(fields::add).forEach(ordered::add);
        return ordered;
    }

    private List<Parameter> parameters(List<CtParameter<?>> parameters) {
        List<Parameter> out = new ArrayList<>();
        for (CtParameter<?> p : parameters) {
            out.add(new Parameter(p.getSimpleName(), typeOf(p.getType()), VarId.parameter(p.getSimpleName(), nameOffset(p))));
        }
        return out;
    }

    private void collectSuppressions(CtType<?> type) {
        for (CtAnnotation<?> annotation : type.getElements(new TypeFilter<>(CtAnnotation.class))) {
            CtTypeReference<?> annotationType = annotation.getAnnotationType();
            if (annotationType == null || !annotationType.getSimpleName().equals("SuppressWarnings")
                    || !annotation.isParentInitialized()) {
                continue;
            }
            Set<String> keys = new LinkedHashSet<>();
            for (CtLiteral<?> literal : annotation.getElements(new TypeFilter<>(CtLiteral.class))) {
                if (literal.getValue() instanceof String key) {
                    keys.add(key);
                }
            }
            CtElement declaration = annotation.getParent();
            if (!keys.isEmpty() && spans.hasPosition(declaration)) {
                int[] raw = spans.raw(declaration);
                int start = Math.min(raw[0], spans.raw(annotation)[0]);
                suppressions.add(new Suppression(spans.span(start, raw[1]), keys));
            }
        }
    }

    /** The span of a declaration from its first annotation or modifier: JDT starts it at a comment above. */
    private SourceSpan declarationSpan(CtElement e) {
        int[] raw = spans.raw(e);
        String text = spans.text();
        int start = raw[0];
        while (start < raw[1]) {
            if (Character.isWhitespace(text.charAt(start))) {
                start++;
            } else if (text.startsWith("//", start)) {
                int newline = text.indexOf('\n', start);
                start = newline < 0 || newline >= raw[1] ? raw[1] : newline + 1;
            } else if (text.startsWith("/*", start)) {
                int close = text.indexOf("*/", start + 2);
                start = close < 0 || close + 2 > raw[1] ? raw[1] : close + 2;
            } else {
                break;
            }
        }
        return spans.span(start < raw[1] ? start : raw[0], raw[1]);
    }

    private SourceSpan plainSpan(CtElement e) {
        int[] raw = spans.raw(e);
        return spans.span(raw[0], raw[1]);
    }

    // ---------------------------------------------------------------- statements

    private Stmt.Block block(CtBlock<?> block) {
        if (block == null) {
            return null;
        }
        List<Stmt> statements = new ArrayList<>();
        for (CtStatement s : block.getStatements()) {
            Stmt lowered = stmt(s, true);
            if (lowered != null) {
                statements.add(lowered);
            }
        }
        SourceSpan span;
        if (spans.hasPosition(block)) {
            span = plainSpan(block);
        } else if (!statements.isEmpty()) {
            span = spans.span(statements.get(0).span().start(), statements.get(statements.size() - 1).span().end());
        } else {
            span = plainSpan(block);
        }
        return new Stmt.Block(span, statements);
    }

    private static boolean isInSwitchStatement(CtStatement s) {
        return s.isParentInitialized() && s.getParent() instanceof CtCase<?> branch && branch.isParentInitialized()
                && branch.getParent() instanceof CtSwitch<?>;
    }

    private Stmt body(CtStatement s) {
        if (s instanceof CtBlock<?> b && b.isImplicit() && b.getStatements().size() == 1) {
            // a loop or branch body without braces: the statement itself, as javac has it
            return body(b.getStatements().get(0));
        }
        if (s instanceof CtBlock<?> b) {
            return block(b);
        }
        Stmt lowered = stmt(s, true);
        return lowered != null ? lowered : new Stmt.Block(plainSpan(s), List.of());
    }

    private SourceSpan stmtSpan(CtStatement s, boolean inBlock) {
        int[] raw = spans.raw(s);
        int[] extended = inBlock ? spans.statement(raw[0], raw[1]) : raw;
        return spans.span(extended[0], extended[1]);
    }

    private Stmt stmt(CtStatement s, boolean inBlock) {
        if (s == null || s instanceof CtComment) {
            return null;
        }
        SourceSpan span = stmtSpan(s, inBlock);
        if (s instanceof CtBlock<?> b) {
            return block(b);
        }
        if (s instanceof CtLocalVariable<?> local) {
            return new Stmt.LocalDecl(span, typeOf(local.getType()), local.getSimpleName(),
                    expr(local.getDefaultExpression()), VarId.local(local.getSimpleName(), nameOffset(local)));
        }
        if (s instanceof CtOperatorAssignment<?, ?> compound) {
            return new Stmt.Assign(span, expr(compound.getAssigned()), assignOp(compound.getKind()),
                    expr(compound.getAssignment()));
        }
        if (s instanceof CtAssignment<?, ?> assignment) {
            return new Stmt.Assign(span, expr(assignment.getAssigned()), AssignOp.ASSIGN,
                    expr(assignment.getAssignment()));
        }
        if (s instanceof CtFor loop) {
            List<Stmt> init = new ArrayList<>();
            loop.getForInit().forEach(i -> addIfPresent(init, stmt(i, false)));
            List<Stmt> update = new ArrayList<>();
            loop.getForUpdate().forEach(u -> addIfPresent(update, stmt(u, false)));
            return new Stmt.Loop(span, LoopKind.FOR, init, expr(loop.getExpression()), update, null, null,
                    body(loop.getBody()));
        }
        if (s instanceof CtForEach loop) {
            CtLocalVariable<?> variable = loop.getVariable();
            Stmt.LocalDecl element = new Stmt.LocalDecl(plainSpan(variable), typeOf(variable.getType()),
                    variable.getSimpleName(), null, VarId.local(variable.getSimpleName(), nameOffset(variable)));
            return new Stmt.Loop(span, LoopKind.FOR_EACH, List.of(), null, List.of(), element,
                    expr(loop.getExpression()), body(loop.getBody()));
        }
        if (s instanceof CtWhile loop) {
            return new Stmt.Loop(span, LoopKind.WHILE, List.of(), expr(loop.getLoopingExpression()), List.of(), null,
                    null, body(loop.getBody()));
        }
        if (s instanceof CtDo loop) {
            return new Stmt.Loop(span, LoopKind.DO_WHILE, List.of(), expr(loop.getLoopingExpression()), List.of(),
                    null, null, body(loop.getBody()));
        }
        if (s instanceof CtIf branch) {
            CtStatement otherwise = branch.getElseStatement();
            return new Stmt.If(span, expr(branch.getCondition()), body(branch.getThenStatement()),
                    otherwise == null ? null : body(otherwise));
        }
        if (s instanceof CtReturn<?> ret) {
            return new Stmt.Return(span, expr(ret.getReturnedExpression()));
        }
        if (s instanceof CtYieldStatement yielded) {
            if (yielded.isImplicit() && yielded.getExpression() instanceof CtStatement statement
                    && isInSwitchStatement(yielded)) {
                // Spoon wraps the statement of an arrow case ({@code case 2 -> r = f(r);}) in a yield
                return stmt(statement, inBlock);
            }
            // a switch expression's case value; see switchExpression
            return new Stmt.Return(span, expr(yielded.getExpression()));
        }
        if (s instanceof CtExpression<?> expression) {
            return new Stmt.ExprStmt(span, expr(expression));
        }
        return other(s, span);
    }

    private Stmt other(CtStatement s, SourceSpan span) {
        List<Expr> exprs = new ArrayList<>();
        List<Stmt> children = new ArrayList<>();
        String kind;
        if (s instanceof CtTry attempt) {
            kind = "try";
            if (attempt instanceof CtTryWithResource withResources) {
                for (CtResource<?> resource : withResources.getResources()) {
                    if (resource instanceof CtStatement statement) {
                        addIfPresent(children, stmt(statement, false));
                    }
                }
            }
            children.add(block(attempt.getBody()));
            for (CtCatch catcher : attempt.getCatchers()) {
                children.add(block(catcher.getBody()));
            }
            if (attempt.getFinalizer() != null) {
                children.add(block(attempt.getFinalizer()));
            }
        } else if (s instanceof CtSwitch<?> choice) {
            kind = "switch";
            exprs.add(expr(choice.getSelector()));
            for (CtCase<?> branch : choice.getCases()) {
                for (CtStatement statement : branch.getStatements()) {
                    addIfPresent(children, stmt(statement, true));
                }
            }
        } else if (s instanceof CtSynchronized monitor) {
            kind = "synchronized";
            exprs.add(expr(monitor.getExpression()));
            children.add(block(monitor.getBlock()));
        } else if (s instanceof CtThrow thrown) {
            kind = "throw";
            exprs.add(expr(thrown.getThrownExpression()));
        } else if (s instanceof CtBreak) {
            kind = "break";
        } else if (s instanceof CtContinue) {
            kind = "continue";
        } else if (s instanceof CtType<?> local) {
            kind = "local-class";
            lowerType(local);
        } else {
            kind = s.getClass().getSimpleName().replace("Impl", "").replace("Ct", "").toLowerCase();
            for (CtElement child : s.getDirectChildren()) {
                if (child instanceof CtExpression<?> e) {
                    addIfPresent(exprs, expr(e));
                } else if (child instanceof CtStatement st) {
                    addIfPresent(children, stmt(st, true));
                }
            }
        }
        exprs.removeIf(java.util.Objects::isNull);
        children.removeIf(java.util.Objects::isNull);
        return new Stmt.Other(span, kind, exprs, children);
    }

    private static <T> void addIfPresent(List<T> list, T item) {
        if (item != null) {
            list.add(item);
        }
    }

    // ---------------------------------------------------------------- expressions

    private Expr expr(CtExpression<?> e) {
        if (e == null) {
            return null;
        }
        int[] raw = spans.raw(e);
        int end = raw[1];
        // JDT ends the expression of an arrow case ({@code case 0 -> f(x);}) after its semicolon
        while (end > raw[0] && spans.text().charAt(end - 1) == ';') {
            end--;
        }
        int[] span = spans.stripParentheses(raw[0], end);
        List<CtTypeReference<?>> casts = e.getTypeCasts();
        if (casts.isEmpty() || !spans.hasPosition(e)) {
            return bare(e, spans.span(span[0], span[1]));
        }
        List<int[]> castSpans = new ArrayList<>();
        int[] inner = span;
        for (int i = 0; i < casts.size(); i++) {
            int after = spans.skipCast(inner[0], inner[1]);
            if (after < 0) {
                break;
            }
            castSpans.add(inner);
            inner = spans.stripParentheses(after, inner[1]);
        }
        Expr result = bare(e, spans.span(inner[0], inner[1]));
        for (int i = castSpans.size() - 1; i >= 0; i--) {
            int[] c = castSpans.get(i);
            result = new Expr.Cast(spans.span(c[0], c[1]), typeOf(casts.get(i)), result);
        }
        return result;
    }

    private Expr bare(CtExpression<?> e, SourceSpan span) {
        TypeInfo type = typeOf(e.getType());
        if (e instanceof CtLiteral<?> literal) {
            return new Expr.Literal(span, type, spans.text().substring(span.start(), span.end()), literal.getValue());
        }
        if (e instanceof CtArrayAccess<?, ?> access) {
            return new Expr.ArrayElement(span, type, expr(access.getTarget()), expr(access.getIndexExpression()));
        }
        if (e instanceof CtFieldAccess<?> field) {
            return fieldRead(field, span, type);
        }
        if (e instanceof CtVariableAccess<?> variable) {
            CtVariable<?> declaration = declarations.of(variable);
            VarKind kind = variableKind(variable.getVariable(), declaration);
            String name = variable.getVariable().getSimpleName();
            return new Expr.VarRead(span, type, kind, name, null, null, false,
                    new VarId(kind, name, null, nameOffset(declaration)));
        }
        if (e instanceof CtInvocation<?> call) {
            return invocation(call, span, type);
        }
        if (e instanceof CtUnaryOperator<?> unary) {
            return new Expr.Unary(span, type, unaryOp(unary.getKind()), expr(unary.getOperand()));
        }
        if (e instanceof CtBinaryOperator<?> binary) {
            Expr left = expr(binary.getLeftHandOperand());
            Expr right = expr(binary.getRightHandOperand());
            if (binary.getKind() == BinaryOperatorKind.INSTANCEOF) {
                return new Expr.Other(span, type, "instanceof", List.of(left));
            }
            BinaryOp op = binaryOp(binary.getKind());
            if (e.getType() == null && op.isArithmetic()) {
                type = TypeInfo.promoted(left.type(), right.type());
            }
            return new Expr.Binary(span, type, op, left, right);
        }
        if (e instanceof CtConditional<?> conditional) {
            return new Expr.Conditional(span, type, expr(conditional.getCondition()),
                    expr(conditional.getThenExpression()), expr(conditional.getElseExpression()));
        }
        if (e instanceof CtLambda<?> lambda) {
            List<String> names = lambda.getParameters().stream().map(CtParameter::getSimpleName).toList();
            return new Expr.Lambda(span, type, names, expr(lambda.getExpression()),
                    lambda.getExpression() == null ? block(lambda.getBody()) : null);
        }
        if (e instanceof CtExecutableReferenceExpression<?, ?> reference) {
            CtExecutableReference<?> executable = reference.getExecutable();
            return new Expr.MethodRef(span, type, ownerOf(executable), executable.getSimpleName());
        }
        if (e instanceof CtAssignment<?, ?> assignment) {
            return new Expr.Other(span, type, "assignment",
                    List.of(expr(assignment.getAssigned()), expr(assignment.getAssignment())));
        }
        if (e instanceof CtThisAccess<?>) {
            return new Expr.Other(span, type, "this", List.of());
        }
        if (e instanceof CtTypeAccess<?>) {
            return new Expr.Other(span, type, "type", List.of());
        }
        if (e instanceof CtNewArray<?> array) {
            List<Expr> children = new ArrayList<>();
            array.getDimensionExpressions().forEach(d -> children.add(expr(d)));
            array.getElements().forEach(el -> children.add(expr(el)));
            return new Expr.Other(span, type, "new-array", children);
        }
        if (e instanceof CtConstructorCall<?> creation) {
            List<Expr> children = new ArrayList<>();
            creation.getArguments().forEach(a -> children.add(expr(a)));
            if (creation instanceof CtNewClass<?> anonymous && anonymous.getAnonymousClass() != null) {
                lowerType(anonymous.getAnonymousClass());
            }
            return new Expr.Other(span, type, "new", children);
        }
        if (e instanceof CtSwitchExpression<?, ?> choice) {
            return switchExpression(choice, span, type);
        }
        List<Expr> children = new ArrayList<>();
        for (CtElement child : e.getDirectChildren()) {
            if (child instanceof CtExpression<?> sub && !(child instanceof CtTypeAccess<?>)) {
                children.add(expr(sub));
            }
        }
        return new Expr.Other(span, type, e.getClass().getSimpleName().replace("Impl", "").replace("Ct", "")
                .toLowerCase(), children);
    }

    /**
     * {@code Other("switch", [selector, case values…])}: the value of a case that only yields is its
     * expression; any other case is a parameterless lambda over its statements, yields as returns.
     */
    private Expr switchExpression(CtSwitchExpression<?, ?> choice, SourceSpan span, TypeInfo type) {
        List<Expr> children = new ArrayList<>();
        children.add(expr(choice.getSelector()));
        for (CtCase<?> branch : choice.getCases()) {
            List<CtStatement> statements = branch.getStatements();
            if (statements.isEmpty()) {
                continue;
            }
            if (statements.size() == 1 && statements.get(0) instanceof CtYieldStatement yielded) {
                addIfPresent(children, expr(yielded.getExpression()));
                continue;
            }
            Stmt.Block body;
            if (statements.size() == 1 && statements.get(0) instanceof CtBlock<?> block) {
                body = block(block);
            } else {
                List<Stmt> lowered = new ArrayList<>();
                statements.forEach(st -> addIfPresent(lowered, stmt(st, true)));
                if (lowered.isEmpty()) {
                    continue;
                }
                body = new Stmt.Block(spans.span(lowered.get(0).span().start(),
                        lowered.get(lowered.size() - 1).span().end()), lowered);
            }
            children.add(new Expr.Lambda(body.span(), type, List.of(), null, body));
        }
        return new Expr.Other(span, type, "switch", children);
    }

    private Expr fieldRead(CtFieldAccess<?> field, SourceSpan span, TypeInfo type) {
        CtFieldReference<?> reference = field.getVariable();
        CtTypeReference<?> declaring = reference.getDeclaringType();
        String owner = declaring == null ? null : declaring.getQualifiedName();
        CtExpression<?> target = field.getTarget();
        boolean viaThis = target == null || target instanceof CtThisAccess<?>
                || target instanceof CtTypeAccess<?> && target.isImplicit();
        boolean ownField = viaThis && (owner == null || owner.equals(currentClass));
        Expr qualifier = target == null || target.isImplicit() || target instanceof CtThisAccess<?>
                || target instanceof CtTypeAccess<?> ? null : expr(target);
        if (target instanceof CtTypeAccess<?> access && !access.isImplicit() && access.getAccessedType() != null
                && access.getAccessedType().getQualifiedName().equals(currentClass)) {
            ownField = true;
        }
        return new Expr.VarRead(span, type, VarKind.FIELD, reference.getSimpleName(), owner, qualifier, ownField);
    }

    private Expr invocation(CtInvocation<?> call, SourceSpan span, TypeInfo type) {
        CtExecutableReference<?> executable = call.getExecutable();
        CtExpression<?> target = call.getTarget();
        Expr loweredTarget = target == null || target.isImplicit() || target instanceof CtTypeAccess<?>
                ? null : expr(target);
        List<Expr> args = new ArrayList<>();
        call.getArguments().forEach(a -> args.add(expr(a)));
        boolean isStatic;
        try {
            isStatic = executable.isStatic();
        } catch (RuntimeException unresolved) {
            isStatic = target instanceof CtTypeAccess<?>;
        }
        return new Expr.Call(span, type, loweredTarget, ownerOf(executable), executable.getSimpleName(), args,
                isStatic);
    }

    private static String ownerOf(CtExecutableReference<?> executable) {
        CtTypeReference<?> declaring = executable.getDeclaringType();
        return declaring == null ? "?" : declaring.getQualifiedName();
    }

    /**
     * The offset of {@code variable}'s name in its declaration, the identity of a local or
     * parameter in the model ({@link VarId}); -1 when it has no position in this file.
     */
    private int nameOffset(CtVariable<?> variable) {
        if (variable == null || !spans.hasPosition(variable)) {
            return -1;
        }
        SourcePosition position = variable.getPosition();
        if (position instanceof DeclarationSourcePosition declared && spans.offset(declared.getNameStart()) >= 0
                && spans.text().startsWith(variable.getSimpleName(), spans.offset(declared.getNameStart()))) {
            return spans.offset(declared.getNameStart());
        }
        // a lambda parameter without a type: its position is the name itself
        int start = spans.offset(position.getSourceStart());
        if (start < 0) {
            return -1;
        }
        return spans.text().startsWith(variable.getSimpleName(), start) ? start : -1;
    }

    /** A lambda's parameter is a local of the model; {@code declaration} is null when unresolved. */
    private static VarKind variableKind(CtVariableReference<?> reference, CtVariable<?> declaration) {
        if (!(reference instanceof CtParameterReference<?>)) {
            return VarKind.LOCAL;
        }
        return declaration instanceof CtParameter<?> parameter && parameter.isParentInitialized()
                && parameter.getParent() instanceof CtLambda<?> ? VarKind.LOCAL : VarKind.PARAMETER;
    }

    // ---------------------------------------------------------------- types and operators

    static TypeInfo typeOf(CtTypeReference<?> reference) {
        if (reference == null) {
            return TypeInfo.UNKNOWN;
        }
        int dimensions = 0;
        CtTypeReference<?> element = reference;
        while (element instanceof CtArrayTypeReference<?> array && array.getComponentType() != null) {
            dimensions++;
            element = array.getComponentType();
        }
        // The qualified name, not toString(): printing a reference runs Spoon's import analysis over
        // the whole model each time, which dominated the analysis time of large code bases.
        String elementName = element.getQualifiedName();
        return new TypeInfo(numeric(elementName), dimensions, elementName + "[]".repeat(dimensions));
    }

    private static NumericType numeric(String qualifiedName) {
        return switch (qualifiedName) {
            case "double", "java.lang.Double" -> NumericType.DOUBLE;
            case "float", "java.lang.Float" -> NumericType.FLOAT;
            case "int", "java.lang.Integer", "short", "byte", "char" -> qualifiedName.equals("short")
                    ? NumericType.HALF_IN_SHORT : NumericType.INT;
            case "long", "java.lang.Long" -> NumericType.LONG;
            case "java.lang.Short" -> NumericType.HALF_IN_SHORT;
            default -> qualifiedName.endsWith(".Half") || qualifiedName.equals("Half")
                    ? NumericType.HALF_IN_SHORT : NumericType.OTHER;
        };
    }


    private static AssignOp assignOp(BinaryOperatorKind kind) {
        return switch (kind) {
            case PLUS -> AssignOp.ADD;
            case MINUS -> AssignOp.SUBTRACT;
            case MUL -> AssignOp.MULTIPLY;
            case DIV -> AssignOp.DIVIDE;
            default -> AssignOp.OTHER;
        };
    }

    private static UnaryOp unaryOp(UnaryOperatorKind kind) {
        return switch (kind) {
            case POS -> UnaryOp.PLUS;
            case NEG -> UnaryOp.NEGATE;
            case NOT -> UnaryOp.NOT;
            case COMPL -> UnaryOp.COMPLEMENT;
            case PREINC -> UnaryOp.PRE_INCREMENT;
            case PREDEC -> UnaryOp.PRE_DECREMENT;
            case POSTINC -> UnaryOp.POST_INCREMENT;
            case POSTDEC -> UnaryOp.POST_DECREMENT;
        };
    }

    private static BinaryOp binaryOp(BinaryOperatorKind kind) {
        return switch (kind) {
            case OR -> BinaryOp.CONDITIONAL_OR;
            case AND -> BinaryOp.CONDITIONAL_AND;
            case BITOR -> BinaryOp.OR;
            case BITXOR -> BinaryOp.XOR;
            case BITAND -> BinaryOp.AND;
            case EQ -> BinaryOp.EQUAL;
            case NE -> BinaryOp.NOT_EQUAL;
            case LT -> BinaryOp.LESS;
            case GT -> BinaryOp.GREATER;
            case LE -> BinaryOp.LESS_EQUAL;
            case GE -> BinaryOp.GREATER_EQUAL;
            case SL -> BinaryOp.SHIFT_LEFT;
            case SR -> BinaryOp.SHIFT_RIGHT;
            case USR -> BinaryOp.UNSIGNED_SHIFT_RIGHT;
            case PLUS -> BinaryOp.ADD;
            case MINUS -> BinaryOp.SUBTRACT;
            case MUL -> BinaryOp.MULTIPLY;
            case DIV -> BinaryOp.DIVIDE;
            case MOD -> BinaryOp.REMAINDER;
            case INSTANCEOF -> throw new IllegalArgumentException("instanceof is not a binary operator of the model");
        };
    }
}
