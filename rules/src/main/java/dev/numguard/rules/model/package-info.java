/**
 * The numeric model: a small, parser-independent picture of Java method bodies that every rule is
 * written against, so that each front end (Spoon in {@code numguard-analyzer}, javac trees in
 * {@code numguard-errorprone}) only has to <em>lower</em> its own trees into it.
 *
 * <h2>What is modelled</h2>
 * <ul>
 *   <li>{@link dev.numguard.rules.model.SourceFileModel}: one file (its path, its decoded text,
 *       its named classes — nested member classes flattened into the same list — and every
 *       {@code @SuppressWarnings} in it).</li>
 *   <li>{@link dev.numguard.rules.model.ClassModel}: fields and methods (constructors are
 *       methods named {@code <init>}). Every body of code is a method, so rules see code wherever
 *       it lives: initializer blocks are methods named {@code <clinit>} (static) and
 *       {@code <instinit>}, each field initializer a method {@code <field-init:name>} whose body
 *       assigns the initial value to the field (spanning the field's declaration). Local and
 *       anonymous classes (enum constant bodies included) are classes of their own, named by their
 *       binary name ({@code p.Outer$1}).</li>
 *   <li>{@link dev.numguard.rules.model.Stmt}: local declaration, assignment and compound
 *       assignment, expression statement, loop (for, enhanced for, while, do-while), if, return,
 *       block, and "other" (try, switch, synchronized, throw, …) which keeps the statements and
 *       expressions inside it.</li>
 *   <li>{@link dev.numguard.rules.model.Expr}: literal, variable read (local, parameter, field),
 *       array element, call (with the resolved declaring type), unary and binary operation, cast,
 *       conditional, lambda, method reference, and "other". A switch expression is
 *       {@code Other("switch", [selector, case values…])}: an arrow case's expression is its value;
 *       any other case is a parameterless {@code Lambda} over the case's statements, whose
 *       {@code yield}s are {@code Return}s.</li>
 *   <li>{@link dev.numguard.rules.model.TypeInfo}: the static type of every expression, reduced
 *       to a {@link dev.numguard.rules.model.NumericType} plus array dimensions.</li>
 * </ul>
 *
 * <h2>Lowering rules (what a front end must do)</h2>
 * <ol>
 *   <li><b>Spans.</b> Offsets are UTF-16 char offsets into the decoded file text, start inclusive,
 *       end exclusive; line and column come from {@link dev.numguard.rules.model.LineIndex} over
 *       that text so every front end numbers them alike. An expression's span excludes the
 *       parentheses around it ({@code (a + b)} spans {@code a + b}). A cast is its own node
 *       spanning from its {@code (} to the end of its operand. A statement ending in {@code ;}
 *       includes it; a block includes its braces. For-loop init and update statements have no
 *       semicolon. A declaration span covers its annotations and modifiers.</li>
 *   <li><b>Parentheses</b> are not nodes. <b>Comments</b> are not statements.</li>
 *   <li><b>Declarations</b> of several variables ({@code double a = 0, b;}) become one
 *       {@code LocalDecl} per variable, all with the span of the whole statement.</li>
 *   <li><b>Assignments</b> at statement level are {@code Stmt.Assign} ({@code =}, {@code +=},
 *       {@code -=}, {@code *=}, {@code /=}, other compound ops as {@code OTHER}); the target is a
 *       {@code VarRead} or {@code ArrayElement}. An assignment used as a value is
 *       {@code Expr.Other("assignment", [target, value])}. {@code i++} at statement level is an
 *       {@code ExprStmt} of a {@code Unary}.</li>
 *   <li><b>Variables.</b> Lambda parameters, enhanced-for variables, catch parameters and
 *       resources are {@code LOCAL}; method parameters are {@code PARAMETER}. A field read carries
 *       the qualified name of its declaring type ({@code java.lang.Math} for {@code Math.E}), the
 *       object it is read from as {@code qualifier} unless that is {@code this}, implicit, or a
 *       type, and {@code ownField} when it is read from {@code this} (or statically) and declared
 *       by the class being lowered. {@code a.length} is a field read named {@code length}.</li>
 *   <li><b>Calls</b> carry the qualified declaring type of the invoked method, resolved even for
 *       static imports ({@code exp(x)} after {@code import static java.lang.Math.exp} has owner
 *       {@code java.lang.Math}); {@code "?"} when the front end cannot resolve it. The target is
 *       {@code null} for static calls and implicit {@code this}; an explicit {@code this} is
 *       {@code Expr.Other("this")}.</li>
 *   <li><b>Types.</b> {@code double}/{@code Double} → DOUBLE, {@code float}/{@code Float} →
 *       FLOAT, {@code int}/{@code Integer}/{@code byte}/{@code char} → INT, {@code long} → LONG,
 *       {@code short}/{@code Short} and any type named {@code Half} → HALF_IN_SHORT, everything
 *       else OTHER; arrays keep the element's kind and count dimensions. The type of a cast
 *       node is the cast's target type; its operand keeps its own type. When a front end cannot
 *       type an arithmetic binary operation it applies binary numeric promotion to its operands.</li>
 *   <li><b>Suppressions.</b> Every {@code @SuppressWarnings} on a class, method, constructor,
 *       field, parameter or local variable becomes a {@link dev.numguard.rules.model.Suppression}
 *       whose region is the annotated declaration (annotation included); rules never see them:
 *       {@link dev.numguard.rules.running.RuleRunner} drops findings inside a region whose keys
 *       contain the rule id or {@code numguard}.</li>
 * </ol>
 *
 * <p>Everything derived (induction variables, what an enhanced-for iterates over, reductions,
 * reaching definitions, stream pipelines, helper inlining) is computed from the model in
 * {@code dev.numguard.rules.model} and the rules' {@code facts} and {@code idioms}, never by a front end,
 * so both front ends agree by construction.
 */
package dev.numguard.rules.model;
