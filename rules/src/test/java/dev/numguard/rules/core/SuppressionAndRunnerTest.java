package dev.numguard.rules.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.numguard.rules.Finding;
import dev.numguard.rules.RuleRegistry;
import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.ClassModel;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.LineIndex;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Parameter;
import dev.numguard.rules.model.SourceFileModel;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.Suppression;
import dev.numguard.rules.model.TypeInfo;
import dev.numguard.rules.model.VarKind;
import dev.numguard.rules.running.RuleRunner;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Builds the model by hand, as a front end would, for {@code return Math.log(1 + x);}: rules
 * need no parser, and suppression is applied by the runner for every front end alike.
 */
class SuppressionAndRunnerTest {
    private static final String TEXT = "class A {\n  double f(double x) {\n    return Math.log(1 + x);\n  }\n}\n";

    private static SourceFileModel model(List<Suppression> suppressions) {
        LineIndex lines = new LineIndex(TEXT);
        int call = TEXT.indexOf("Math.log");
        int one = TEXT.indexOf("1 + x");
        TypeInfo dbl = TypeInfo.scalar(NumericType.DOUBLE);
        Expr.Literal literal = new Expr.Literal(lines.span(one, one + 1), TypeInfo.scalar(NumericType.INT), "1", 1);
        Expr.VarRead x = new Expr.VarRead(lines.span(one + 4, one + 5), dbl, VarKind.PARAMETER, "x", null, null, false);
        Expr.Binary sum = new Expr.Binary(lines.span(one, one + 5), dbl, BinaryOp.ADD, literal, x);
        Expr.Call log = new Expr.Call(lines.span(call, one + 6), dbl, null, "java.lang.Math", "log", List.of(sum), true);
        int ret = TEXT.indexOf("return");
        Stmt.Return returned = new Stmt.Return(lines.span(ret, TEXT.indexOf(';') + 1), log);
        SourceSpan body = lines.span(TEXT.indexOf("{", 10), TEXT.lastIndexOf("}", TEXT.length() - 3) + 1);
        MethodModel f = new MethodModel("f", lines.span(12, body.end()), dbl, List.of(new Parameter("x", dbl)),
                new Stmt.Block(body, List.of(returned)), false, false, false);
        ClassModel a = new ClassModel("A", "A", lines.span(0, TEXT.length() - 1), List.of(), List.of(f));
        return new SourceFileModel("A.java", TEXT, List.of(a), suppressions);
    }

    @Test
    void runsRulesOverAHandBuiltModel() {
        List<Finding> findings = RuleRunner.run(model(List.of()), RuleRegistry.all());
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("Log1p");
            assertThat(f.span().line()).isEqualTo(3);
            assertThat(f.fix().orElseThrow().edits().get(0).replacement()).isEqualTo("Math.log1p(x)");
        });
    }

    @Test
    void dropsFindingsInsideASuppressingDeclaration() {
        SourceSpan method = new LineIndex(TEXT).span(12, TEXT.length() - 3);
        assertThat(RuleRunner.run(model(List.of(new Suppression(method, Set.of("Log1p")))), RuleRegistry.all())).isEmpty();
        assertThat(RuleRunner.run(model(List.of(new Suppression(method, Set.of("numguard")))), RuleRegistry.all())).isEmpty();
        assertThat(RuleRunner.run(model(List.of(new Suppression(method, Set.of("Expm1")))), RuleRegistry.all())).hasSize(1);
    }
}
