package dev.numguard.errorprone;

import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.tree.EndPosTable;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.JCTree.JCAnnotation;
import com.sun.tools.javac.tree.JCTree.JCArrayAccess;
import com.sun.tools.javac.tree.JCTree.JCAssign;
import com.sun.tools.javac.tree.JCTree.JCAssignOp;
import com.sun.tools.javac.tree.JCTree.JCBinary;
import com.sun.tools.javac.tree.JCTree.JCBlock;
import com.sun.tools.javac.tree.JCTree.JCCase;
import com.sun.tools.javac.tree.JCTree.JCCatch;
import com.sun.tools.javac.tree.JCTree.JCClassDecl;
import com.sun.tools.javac.tree.JCTree.JCCompilationUnit;
import com.sun.tools.javac.tree.JCTree.JCConditional;
import com.sun.tools.javac.tree.JCTree.JCDoWhileLoop;
import com.sun.tools.javac.tree.JCTree.JCEnhancedForLoop;
import com.sun.tools.javac.tree.JCTree.JCExpression;
import com.sun.tools.javac.tree.JCTree.JCExpressionStatement;
import com.sun.tools.javac.tree.JCTree.JCFieldAccess;
import com.sun.tools.javac.tree.JCTree.JCForLoop;
import com.sun.tools.javac.tree.JCTree.JCIdent;
import com.sun.tools.javac.tree.JCTree.JCIf;
import com.sun.tools.javac.tree.JCTree.JCInstanceOf;
import com.sun.tools.javac.tree.JCTree.JCLabeledStatement;
import com.sun.tools.javac.tree.JCTree.JCLambda;
import com.sun.tools.javac.tree.JCTree.JCLiteral;
import com.sun.tools.javac.tree.JCTree.JCMemberReference;
import com.sun.tools.javac.tree.JCTree.JCMethodDecl;
import com.sun.tools.javac.tree.JCTree.JCMethodInvocation;
import com.sun.tools.javac.tree.JCTree.JCNewArray;
import com.sun.tools.javac.tree.JCTree.JCNewClass;
import com.sun.tools.javac.tree.JCTree.JCParens;
import com.sun.tools.javac.tree.JCTree.JCReturn;
import com.sun.tools.javac.tree.JCTree.JCSkip;
import com.sun.tools.javac.tree.JCTree.JCStatement;
import com.sun.tools.javac.tree.JCTree.JCSwitch;
import com.sun.tools.javac.tree.JCTree.JCSwitchExpression;
import com.sun.tools.javac.tree.JCTree.JCSynchronized;
import com.sun.tools.javac.tree.JCTree.JCThrow;
import com.sun.tools.javac.tree.JCTree.JCTry;
import com.sun.tools.javac.tree.JCTree.JCTypeCast;
import com.sun.tools.javac.tree.JCTree.JCUnary;
import com.sun.tools.javac.tree.JCTree.JCVariableDecl;
import com.sun.tools.javac.tree.JCTree.JCWhileLoop;
import com.sun.tools.javac.tree.JCTree.JCYield;
import com.sun.tools.javac.tree.JCTree.Tag;
import com.sun.tools.javac.tree.TreeInfo;
import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.ClassModel;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.FieldModel;
import dev.numguard.rules.model.LineIndex;
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
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.lang.model.element.ElementKind;

/**
 * Lowers one attributed javac compilation unit into the numeric model, following the lowering
 * rules of {@code dev.numguard.rules.model}'s package documentation so that the rules see exactly
 * what the Spoon front end shows them. javac specifics handled here: parentheses are
 * {@link JCParens} nodes (dropped), end positions come from the unit's {@link EndPosTable}, a
 * statement's end may or may not include its semicolon, and the compiler adds members (default
 * constructors, enum and record methods) that have no source.
 */
final class JavacLowering {
    private final JCCompilationUnit unit;
    private final EndPosTable endPositions;
    private final String text;
    private final LineIndex lines;
    private final List<Suppression> suppressions = new ArrayList<>();
    private final List<ClassModel> classes = new ArrayList<>();
    private final Set<Symbol> lambdaParameters = new HashSet<>();
    private Symbol.ClassSymbol currentClass;

    JavacLowering(JCCompilationUnit unit, String text) {
        this.unit = unit;
        this.endPositions = unit.endPositions;
        this.text = text;
        this.lines = new LineIndex(text);
    }

    SourceFileModel lower(String path) {
        for (JCTree definition : unit.getTypeDecls()) {
            if (definition instanceof JCClassDecl clazz) {
                lowerClass(clazz);
            }
        }
        return new SourceFileModel(path, text, classes, suppressions);
    }

    // ---------------------------------------------------------------- declarations

    /**
     * Lowers {@code clazz} and, through its bodies, every local and anonymous class in it. Each
     * initializer block and each field initializer becomes a method of its own (see
     * {@link MethodModel}), so rules see the code wherever it lives.
     */
    private void lowerClass(JCClassDecl clazz) {
        Symbol.ClassSymbol previous = currentClass;
        currentClass = clazz.sym;
        collectSuppressions(clazz.mods, clazz);
        List<FieldModel> fields = new ArrayList<>();
        List<MethodModel> methods = new ArrayList<>();
        List<MethodModel> constructors = new ArrayList<>();
        List<MethodModel> initializers = new ArrayList<>();
        List<JCClassDecl> nested = new ArrayList<>();
        for (JCTree member : clazz.defs) {
            if (!hasSource(member)) {
                continue;
            }
            if (member instanceof JCVariableDecl field) {
                collectSuppressions(field.mods, field);
                FieldModel model = new FieldModel(field.name.toString(),
                        typeOf(field.type != null ? field.type : typeOfTree(field)), plainSpan(field), expr(field.init),
                        (field.mods.flags & Flags.STATIC) != 0, (field.mods.flags & Flags.FINAL) != 0);
                fields.add(model);
                if (model.init() != null) {
                    // javac sets a variable's pos to its name, as Spoon's name start
                    initializers.add(MethodModel.fieldInitializer(currentName(), model,
                            span(field.pos, field.pos + field.name.length())));
                }
            } else if (member instanceof JCBlock initializer) {
                boolean isStatic = (initializer.flags & Flags.STATIC) != 0;
                // javac starts a static block at {@code static}; its body starts at the brace
                Stmt.Block body = block(initializer);
                int brace = text.indexOf('{', body.span().start());
                if (brace >= 0 && brace < body.span().end()) {
                    body = new Stmt.Block(span(brace, body.span().end()), body.statements());
                }
                methods.add(new MethodModel(isStatic ? MethodModel.STATIC_INITIALIZER : MethodModel.INSTANCE_INITIALIZER,
                        plainSpan(initializer), TypeInfo.UNKNOWN, List.of(), body, isStatic, true, false));
            } else if (member instanceof JCMethodDecl method) {
                if ((method.mods.flags & (Flags.GENERATEDCONSTR | Flags.GENERATED_MEMBER)) != 0) {
                    continue;
                }
                collectSuppressions(method.mods, method);
                method.params.forEach(p -> collectSuppressions(p.mods, p));
                boolean constructor = method.name.contentEquals("<init>");
                List<Parameter> parameters = new ArrayList<>();
                for (JCVariableDecl p : method.params) {
                    parameters.add(new Parameter(p.name.toString(), typeOf(p.type != null ? p.type : typeOfTree(p)),
                            VarId.parameter(p.name.toString(), nameAt(p.pos, p.name.toString()))));
                }
                long flags = method.mods.flags;
                MethodModel model = new MethodModel(constructor ? "<init>" : method.name.toString(), plainSpan(method),
                        constructor ? TypeInfo.UNKNOWN : typeOfReturn(method), parameters, block(method.body),
                        !constructor && (flags & Flags.STATIC) != 0, (flags & Flags.PRIVATE) != 0, constructor);
                (constructor ? constructors : methods).add(model);
            } else if (member instanceof JCClassDecl inner) {
                nested.add(inner);
            }
        }
        methods.addAll(constructors);
        methods.addAll(initializers);
        classes.add(new ClassModel(clazz.sym == null ? clazz.name.toString() : qualifiedName(clazz.sym),
                clazz.name.toString(), plainSpan(clazz), fields, methods, supertypes(clazz)));
        nested.forEach(this::lowerClass);
        currentClass = previous;
    }

    private TypeInfo typeOfReturn(JCMethodDecl method) {
        if (method.sym != null) {
            return typeOf(method.sym.getReturnType());
        }
        return method.restype == null ? TypeInfo.UNKNOWN : typeOf(method.restype.type);
    }

    private void collectSuppressions(JCTree.JCModifiers modifiers, JCTree declaration) {
        if (modifiers == null) {
            return;
        }
        for (JCAnnotation annotation : modifiers.annotations) {
            String name = annotation.annotationType.toString();
            if (!name.equals("SuppressWarnings") && !name.equals("java.lang.SuppressWarnings")) {
                continue;
            }
            Set<String> keys = new LinkedHashSet<>();
            for (JCExpression argument : annotation.args) {
                collectStrings(argument, keys);
            }
            if (!keys.isEmpty() && hasSource(declaration)) {
                int start = Math.min(start(declaration), start(annotation));
                suppressions.add(new Suppression(span(start, end(declaration)), keys));
            }
        }
    }

    private static void collectStrings(JCTree tree, Set<String> keys) {
        if (tree instanceof JCAssign assign) {
            collectStrings(assign.rhs, keys);
        } else if (tree instanceof JCNewArray array && array.elems != null) {
            array.elems.forEach(e -> collectStrings(e, keys));
        } else if (tree instanceof JCLiteral literal && literal.getValue() instanceof String key) {
            keys.add(key);
        } else if (tree instanceof JCParens parens) {
            collectStrings(parens.expr, keys);
        }
    }

    // ---------------------------------------------------------------- statements

    private Stmt.Block block(JCBlock block) {
        if (block == null) {
            return null;
        }
        List<Stmt> statements = new ArrayList<>();
        lowerStatements(block.stats, statements);
        return new Stmt.Block(plainSpan(block), statements);
    }

    /**
     * Lowers the statements of a block. {@code double a = 0, b;} is several javac declarations
     * sharing one type tree; each becomes a declaration with the span of the whole statement.
     */
    private void lowerStatements(List<? extends JCStatement> statements, List<Stmt> out) {
        for (int i = 0; i < statements.size(); i++) {
            JCStatement s = statements.get(i);
            if (s instanceof JCVariableDecl first && first.vartype != null) {
                int last = i;
                while (last + 1 < statements.size() && statements.get(last + 1) instanceof JCVariableDecl next
                        && next.vartype == first.vartype) {
                    last++;
                }
                if (last > i) {
                    int[] whole = statementBounds(start(first), end(statements.get(last)));
                    SourceSpan span = span(whole[0], whole[1]);
                    for (int k = i; k <= last; k++) {
                        JCVariableDecl d = (JCVariableDecl) statements.get(k);
                        collectSuppressions(d.mods, d);
                        out.add(new Stmt.LocalDecl(span, typeOf(d.type != null ? d.type : typeOfTree(d)),
                                d.name.toString(), expr(d.init), VarId.local(d.name.toString(), d.pos)));
                    }
                    i = last;
                    continue;
                }
            }
            Stmt lowered = stmt(s, true);
            if (lowered != null) {
                out.add(lowered);
            }
        }
    }

    private Stmt body(JCStatement s) {
        if (s instanceof JCBlock b) {
            return block(b);
        }
        Stmt lowered = stmt(s, true);
        return lowered != null ? lowered : new Stmt.Block(plainSpan(s), List.of());
    }

    private SourceSpan stmtSpan(JCTree s, boolean inBlock) {
        int start = start(s);
        int end = end(s);
        if (inBlock) {
            int[] bounds = statementBounds(start, end);
            return span(bounds[0], bounds[1]);
        }
        // for-loop init and update parts have no semicolon of their own
        while (end > start && (text.charAt(end - 1) == ';' || Character.isWhitespace(text.charAt(end - 1)))) {
            end--;
        }
        return span(start, end);
    }

    private Stmt stmt(JCStatement s, boolean inBlock) {
        if (s == null || s instanceof JCSkip) {
            return null;
        }
        if (s instanceof JCLabeledStatement labelled) {
            return stmt(labelled.body, inBlock);
        }
        SourceSpan span = stmtSpan(s, inBlock);
        if (s instanceof JCBlock b) {
            return block(b);
        }
        if (s instanceof JCVariableDecl local) {
            collectSuppressions(local.mods, local);
            return new Stmt.LocalDecl(span, typeOf(local.type != null ? local.type : typeOfTree(local)),
                    local.name.toString(), expr(local.init), VarId.local(local.name.toString(), local.pos));
        }
        if (s instanceof JCExpressionStatement statement) {
            JCExpression e = statement.expr;
            if (e instanceof JCAssignOp compound) {
                return new Stmt.Assign(span, expr(compound.lhs), assignOp(compound.getTag()), expr(compound.rhs));
            }
            if (e instanceof JCAssign assignment) {
                return new Stmt.Assign(span, expr(assignment.lhs), AssignOp.ASSIGN, expr(assignment.rhs));
            }
            return new Stmt.ExprStmt(span, expr(e));
        }
        if (s instanceof JCForLoop loop) {
            List<Stmt> init = new ArrayList<>();
            loop.init.forEach(i -> addIfPresent(init, stmt(i, false)));
            List<Stmt> update = new ArrayList<>();
            loop.step.forEach(u -> addIfPresent(update, stmt(u, false)));
            return new Stmt.Loop(span, LoopKind.FOR, init, expr(loop.cond), update, null, null, body(loop.body));
        }
        if (s instanceof JCEnhancedForLoop loop) {
            JCVariableDecl variable = loop.var;
            Stmt.LocalDecl element = new Stmt.LocalDecl(plainSpan(variable),
                    typeOf(variable.type != null ? variable.type : typeOfTree(variable)), variable.name.toString(),
                    null, VarId.local(variable.name.toString(), variable.pos));
            return new Stmt.Loop(span, LoopKind.FOR_EACH, List.of(), null, List.of(), element, expr(loop.expr),
                    body(loop.body));
        }
        if (s instanceof JCWhileLoop loop) {
            return new Stmt.Loop(span, LoopKind.WHILE, List.of(), expr(loop.cond), List.of(), null, null,
                    body(loop.body));
        }
        if (s instanceof JCDoWhileLoop loop) {
            return new Stmt.Loop(span, LoopKind.DO_WHILE, List.of(), expr(loop.cond), List.of(), null, null,
                    body(loop.body));
        }
        if (s instanceof JCIf branch) {
            return new Stmt.If(span, expr(branch.cond), body(branch.thenpart),
                    branch.elsepart == null ? null : body(branch.elsepart));
        }
        if (s instanceof JCReturn ret) {
            return new Stmt.Return(span, expr(ret.expr));
        }
        if (s instanceof JCYield yielded) {
            // a switch expression's case value; see switchExpression
            return new Stmt.Return(span, expr(yielded.value));
        }
        return other(s, span);
    }

    private Stmt other(JCStatement s, SourceSpan span) {
        List<Expr> exprs = new ArrayList<>();
        List<Stmt> children = new ArrayList<>();
        String kind;
        if (s instanceof JCTry attempt) {
            kind = "try";
            for (JCTree resource : attempt.resources) {
                if (resource instanceof JCStatement statement) {
                    addIfPresent(children, stmt(statement, false));
                } else if (resource instanceof JCExpression e) {
                    addIfPresent(exprs, expr(e));
                }
            }
            children.add(block(attempt.body));
            for (JCCatch catcher : attempt.catchers) {
                children.add(block(catcher.body));
            }
            if (attempt.finalizer != null) {
                children.add(block(attempt.finalizer));
            }
        } else if (s instanceof JCSwitch choice) {
            kind = "switch";
            exprs.add(expr(choice.selector));
            for (JCCase branch : choice.cases) {
                if (branch.stats != null) {
                    lowerStatements(branch.stats, children);
                }
            }
        } else if (s instanceof JCSynchronized monitor) {
            kind = "synchronized";
            exprs.add(expr(monitor.lock));
            children.add(block(monitor.body));
        } else if (s instanceof JCThrow thrown) {
            kind = "throw";
            exprs.add(expr(thrown.expr));
        } else if (s.hasTag(Tag.BREAK)) {
            kind = "break";
        } else if (s.hasTag(Tag.CONTINUE)) {
            kind = "continue";
        } else if (s instanceof JCClassDecl local) {
            kind = "local-class";
            lowerClass(local);
        } else if (s.hasTag(Tag.ASSERT)) {
            kind = "assert";
            JCTree.JCAssert check = (JCTree.JCAssert) s;
            exprs.add(expr(check.cond));
            addIfPresent(exprs, expr(check.detail));
        } else {
            kind = s.getTag().name().toLowerCase();
        }
        exprs.removeIf(Objects::isNull);
        children.removeIf(Objects::isNull);
        return new Stmt.Other(span, kind, exprs, children);
    }

    private static <T> void addIfPresent(List<T> list, T item) {
        if (item != null) {
            list.add(item);
        }
    }

    // ---------------------------------------------------------------- expressions

    private Expr expr(JCExpression e) {
        if (e == null) {
            return null;
        }
        JCExpression bare = TreeInfo.skipParens(e);
        SourceSpan span = span(start(bare), end(bare));
        TypeInfo type = typeOf(bare.type);
        if (bare instanceof JCLiteral literal) {
            return new Expr.Literal(span, type, text.substring(span.start(), span.end()), literalValue(literal));
        }
        if (bare instanceof JCTypeCast cast) {
            return new Expr.Cast(span, typeOf(cast.clazz.type), expr(cast.expr));
        }
        if (bare instanceof JCArrayAccess access) {
            return new Expr.ArrayElement(span, type, expr(access.indexed), expr(access.index));
        }
        if (bare instanceof JCMethodInvocation call) {
            return invocation(call, span, type);
        }
        if (bare instanceof JCIdent ident) {
            return ident(ident, span, type);
        }
        if (bare instanceof JCFieldAccess select) {
            return select(select, span, type);
        }
        if (bare instanceof JCUnary unary) {
            return new Expr.Unary(span, type, unaryOp(unary.getTag()), expr(unary.arg));
        }
        if (bare instanceof JCInstanceOf test) {
            return new Expr.Other(span, type, "instanceof", List.of(expr(test.expr)));
        }
        if (bare instanceof JCBinary binary) {
            Expr left = expr(binary.lhs);
            Expr right = expr(binary.rhs);
            BinaryOp op = binaryOp(binary.getTag());
            if (bare.type == null && op.isArithmetic()) {
                type = TypeInfo.promoted(left.type(), right.type());
            }
            return new Expr.Binary(span, type, op, left, right);
        }
        if (bare instanceof JCConditional conditional) {
            return new Expr.Conditional(span, type, expr(conditional.cond), expr(conditional.truepart),
                    expr(conditional.falsepart));
        }
        if (bare instanceof JCLambda lambda) {
            List<String> names = new ArrayList<>();
            for (JCVariableDecl p : lambda.params) {
                names.add(p.name.toString());
                if (p.sym != null) {
                    lambdaParameters.add(p.sym);
                }
            }
            boolean expressionBody = lambda.body instanceof JCExpression;
            return new Expr.Lambda(span, type, names, expressionBody ? expr((JCExpression) lambda.body) : null,
                    expressionBody ? null : block((JCBlock) lambda.body));
        }
        if (bare instanceof JCMemberReference reference) {
            Symbol symbol = reference.sym;
            String owner = symbol == null || symbol.owner == null ? "?" : qualifiedName(symbol.owner);
            String name = reference.name.toString();
            return new Expr.MethodRef(span, type, owner, name.equals("<init>") ? "<init>" : name);
        }
        if (bare instanceof JCAssign assignment) {
            return new Expr.Other(span, type, "assignment", List.of(expr(assignment.lhs), expr(assignment.rhs)));
        }
        if (bare instanceof JCAssignOp assignment) {
            return new Expr.Other(span, type, "assignment", List.of(expr(assignment.lhs), expr(assignment.rhs)));
        }
        if (bare instanceof JCNewArray array) {
            List<Expr> children = new ArrayList<>();
            array.dims.forEach(d -> children.add(expr(d)));
            if (array.elems != null) {
                array.elems.forEach(el -> children.add(expr(el)));
            }
            return new Expr.Other(span, type, "new-array", children);
        }
        if (bare instanceof JCNewClass creation) {
            List<Expr> children = new ArrayList<>();
            creation.args.forEach(a -> children.add(expr(a)));
            if (creation.def != null) {
                lowerClass(creation.def);
            }
            return new Expr.Other(span, type, "new", children);
        }
        if (bare instanceof JCSwitchExpression choice) {
            return switchExpression(choice, span, type);
        }
        return new Expr.Other(span, type, bare.getTag().name().toLowerCase(), List.of());
    }

    /**
     * {@code Other("switch", [selector, case values…])}: the value of a case that only yields is its
     * expression; any other case is a parameterless lambda over its statements, yields as returns.
     */
    private Expr switchExpression(JCSwitchExpression choice, SourceSpan span, TypeInfo type) {
        List<Expr> children = new ArrayList<>();
        children.add(expr(choice.selector));
        for (JCCase branch : choice.cases) {
            List<JCStatement> statements = branch.stats == null ? List.of() : branch.stats;
            if (statements.isEmpty()) {
                continue;
            }
            if (statements.size() == 1 && statements.get(0) instanceof JCYield yielded) {
                addIfPresent(children, expr(yielded.value));
                continue;
            }
            Stmt.Block body;
            if (statements.size() == 1 && statements.get(0) instanceof JCBlock block) {
                body = block(block);
            } else {
                List<Stmt> lowered = new ArrayList<>();
                lowerStatements(statements, lowered);
                if (lowered.isEmpty()) {
                    continue;
                }
                body = new Stmt.Block(span(lowered.get(0).span().start(), lowered.get(lowered.size() - 1).span().end()),
                        lowered);
            }
            children.add(new Expr.Lambda(body.span(), type, List.of(), null, body));
        }
        return new Expr.Other(span, type, "switch", children);
    }

    private static Object literalValue(JCLiteral literal) {
        Object value = literal.getValue();
        if (literal.typetag == TypeTag.CHAR && value instanceof Integer code) {
            return (char) code.intValue();
        }
        return value;
    }

    private Expr ident(JCIdent ident, SourceSpan span, TypeInfo type) {
        Symbol symbol = ident.sym;
        String name = ident.name.toString();
        if (name.equals("this") || name.equals("super")) {
            return new Expr.Other(span, type, name, List.of());
        }
        if (symbol == null) {
            return new Expr.VarRead(span, type, VarKind.LOCAL, name, null, null, false);
        }
        if (symbol instanceof Symbol.ClassSymbol || symbol instanceof Symbol.PackageSymbol) {
            return new Expr.Other(span, type, "type", List.of());
        }
        ElementKind kind = symbol.getKind();
        if (kind == ElementKind.FIELD || kind == ElementKind.ENUM_CONSTANT) {
            String owner = qualifiedName(symbol.owner);
            boolean ownField = currentClass != null && (symbol.owner == currentClass || owner.equals(currentName()));
            return new Expr.VarRead(span, type, VarKind.FIELD, name, owner, null, ownField);
        }
        VarKind varKind = kind == ElementKind.PARAMETER && !lambdaParameters.contains(symbol)
                ? VarKind.PARAMETER : VarKind.LOCAL;
        // javac sets a variable symbol's pos to its declaration's name, as Spoon's name start
        int declaredAt = symbol instanceof Symbol.VarSymbol variable ? nameAt(variable.pos, name) : -1;
        return new Expr.VarRead(span, type, varKind, name, null, null, false,
                new VarId(varKind, name, null, declaredAt));
    }

    private Expr select(JCFieldAccess select, SourceSpan span, TypeInfo type) {
        Symbol symbol = select.sym;
        if (symbol instanceof Symbol.ClassSymbol || symbol instanceof Symbol.PackageSymbol) {
            return new Expr.Other(span, type, "type", List.of());
        }
        String name = select.name.toString();
        if (name.equals("class")) {
            return new Expr.Other(span, type, "type", List.of());
        }
        JCExpression target = TreeInfo.skipParens(select.selected);
        boolean viaThis = isThis(target);
        boolean viaType = isType(target);
        String owner = symbol == null || symbol.owner == null ? null : qualifiedName(symbol.owner);
        if (name.equals("length") && target.type instanceof Type.ArrayType) {
            owner = null;
        }
        boolean ownField = viaThis && (owner == null || owner.equals(currentName()))
                || viaType && owner != null && owner.equals(currentName()) && currentName().equals(typeName(target));
        Expr qualifier = viaThis || viaType ? null : expr(select.selected);
        return new Expr.VarRead(span, type, VarKind.FIELD, name, owner, qualifier, ownField);
    }

    private Expr invocation(JCMethodInvocation call, SourceSpan span, TypeInfo type) {
        JCExpression method = TreeInfo.skipParens(call.meth);
        Symbol symbol = TreeInfo.symbol(method);
        String name = method instanceof JCFieldAccess select ? select.name.toString()
                : method instanceof JCIdent ident ? ident.name.toString() : "?";
        Expr target = null;
        boolean typeTarget = false;
        if (method instanceof JCFieldAccess select) {
            JCExpression selected = TreeInfo.skipParens(select.selected);
            typeTarget = isType(selected);
            target = typeTarget ? null : expr(select.selected);
        }
        List<Expr> args = new ArrayList<>();
        call.args.forEach(a -> args.add(expr(a)));
        String owner = symbol == null || symbol.owner == null ? "?" : qualifiedName(symbol.owner);
        boolean isStatic = symbol != null ? symbol.isStatic() : typeTarget;
        return new Expr.Call(span, type, target, owner, name, args, isStatic);
    }

    private static boolean isThis(JCExpression e) {
        return e instanceof JCIdent ident && ident.name.contentEquals("this");
    }

    private static boolean isType(JCExpression e) {
        Symbol symbol = TreeInfo.symbol(e);
        return symbol instanceof Symbol.ClassSymbol || symbol instanceof Symbol.PackageSymbol;
    }

    private static String typeName(JCExpression e) {
        Symbol symbol = TreeInfo.symbol(e);
        return symbol == null ? "" : qualifiedName(symbol);
    }

    /**
     * The offset of the declared {@code name} at or just after {@code pos}: javac puts a variable's
     * position on its name, except for the implicit parameters of a compact record constructor, whose
     * position is the record component's type (Spoon, and so {@link VarId}, count from the name).
     */
    private int nameAt(int pos, String name) {
        if (pos < 0 || text.startsWith(name, pos)) {
            return pos;
        }
        int limit = Math.min(text.length(), pos + 256);
        for (int at = text.indexOf(name, pos); at >= 0 && at < limit; at = text.indexOf(name, at + 1)) {
            boolean startsWord = !Character.isJavaIdentifierPart(text.charAt(at - 1));
            int end = at + name.length();
            boolean endsWord = end >= text.length() || !Character.isJavaIdentifierPart(text.charAt(end));
            if (startsWord && endsWord) {
                return at;
            }
        }
        return pos;
    }

    private String currentName() {
        return currentClass == null ? "" : qualifiedName(currentClass);
    }

    /** A class's qualified name; a local or anonymous class has none, so its binary name, as Spoon names it. */
    /** The direct supertypes {@code clazz} declares ({@code extends}, {@code implements}), by qualified name. */
    private static List<String> supertypes(JCClassDecl clazz) {
        List<String> names = new ArrayList<>();
        List<JCTree> declared = new ArrayList<>(clazz.implementing);
        if (clazz.extending != null) {
            declared.add(0, clazz.extending);
        }
        for (JCTree supertype : declared) {
            if (supertype.type != null && supertype.type.tsym != null) {
                names.add(qualifiedName(supertype.type.tsym));
            }
        }
        names.removeIf(n -> n.equals("java.lang.Object"));
        return names;
    }

    private static String qualifiedName(Symbol symbol) {
        if (symbol instanceof Symbol.ClassSymbol clazz) {
            return (clazz.isDirectlyOrIndirectlyLocal() ? clazz.flatName() : clazz.getQualifiedName()).toString();
        }
        if (symbol.type instanceof Type.ArrayType) {
            return symbol.type.toString();
        }
        return symbol.getQualifiedName().toString();
    }

    // ---------------------------------------------------------------- positions

    private boolean hasSource(JCTree tree) {
        int start = TreeInfo.getStartPos(tree);
        int end = TreeInfo.getEndPos(tree, endPositions);
        return start >= 0 && end > start && end <= text.length();
    }

    private int start(JCTree tree) {
        return Math.max(0, TreeInfo.getStartPos(tree));
    }

    private int end(JCTree tree) {
        int end = TreeInfo.getEndPos(tree, endPositions);
        return end < 0 ? start(tree) : Math.min(end, text.length());
    }

    private SourceSpan plainSpan(JCTree tree) {
        return span(start(tree), end(tree));
    }

    private SourceSpan span(int start, int end) {
        return lines.span(start, Math.max(start, end));
    }

    /** {@code [start, end)} of a statement in a block, extended over its semicolon. */
    private int[] statementBounds(int start, int end) {
        if (end > 0 && text.charAt(end - 1) == ';') {
            return new int[] {start, end};
        }
        int i = end;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i < text.length() && text.charAt(i) == ';' ? new int[] {start, i + 1} : new int[] {start, end};
    }

    // ---------------------------------------------------------------- types and operators

    private static Type typeOfTree(JCVariableDecl declaration) {
        return declaration.vartype == null ? null : declaration.vartype.type;
    }

    static TypeInfo typeOf(Type type) {
        if (type == null || type.isErroneous()) {
            return TypeInfo.UNKNOWN;
        }
        int dimensions = 0;
        Type element = type;
        while (element instanceof Type.ArrayType array) {
            dimensions++;
            element = array.elemtype;
        }
        String elementName = element.tsym == null ? element.toString() : element.tsym.getQualifiedName().toString();
        return new TypeInfo(numeric(element), dimensions, elementName + "[]".repeat(dimensions));
    }

    private static NumericType numeric(Type type) {
        return switch (type.getTag()) {
            case DOUBLE -> NumericType.DOUBLE;
            case FLOAT -> NumericType.FLOAT;
            case INT, BYTE, CHAR -> NumericType.INT;
            case LONG -> NumericType.LONG;
            case SHORT -> NumericType.HALF_IN_SHORT;
            case CLASS -> switch (type.tsym.getQualifiedName().toString()) {
                case "java.lang.Double" -> NumericType.DOUBLE;
                case "java.lang.Float" -> NumericType.FLOAT;
                case "java.lang.Integer" -> NumericType.INT;
                case "java.lang.Long" -> NumericType.LONG;
                case "java.lang.Short" -> NumericType.HALF_IN_SHORT;
                default -> type.tsym.getSimpleName().contentEquals("Half") ? NumericType.HALF_IN_SHORT
                        : NumericType.OTHER;
            };
            default -> NumericType.OTHER;
        };
    }


    private static AssignOp assignOp(Tag tag) {
        return switch (tag) {
            case PLUS_ASG -> AssignOp.ADD;
            case MINUS_ASG -> AssignOp.SUBTRACT;
            case MUL_ASG -> AssignOp.MULTIPLY;
            case DIV_ASG -> AssignOp.DIVIDE;
            default -> AssignOp.OTHER;
        };
    }

    private static UnaryOp unaryOp(Tag tag) {
        return switch (tag) {
            case POS -> UnaryOp.PLUS;
            case NEG -> UnaryOp.NEGATE;
            case NOT -> UnaryOp.NOT;
            case COMPL -> UnaryOp.COMPLEMENT;
            case PREINC -> UnaryOp.PRE_INCREMENT;
            case PREDEC -> UnaryOp.PRE_DECREMENT;
            case POSTINC -> UnaryOp.POST_INCREMENT;
            case POSTDEC -> UnaryOp.POST_DECREMENT;
            default -> throw new IllegalArgumentException("not a unary operator: " + tag);
        };
    }

    private static BinaryOp binaryOp(Tag tag) {
        return switch (tag) {
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
            default -> throw new IllegalArgumentException("not a binary operator: " + tag);
        };
    }
}
