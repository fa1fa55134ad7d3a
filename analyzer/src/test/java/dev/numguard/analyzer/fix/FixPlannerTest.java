package dev.numguard.analyzer.fix;

import static dev.numguard.analyzer.testing.Findings.replacing;
import static dev.numguard.analyzer.testing.Findings.spanOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.numguard.rules.Finding;
import dev.numguard.rules.Fix;
import dev.numguard.rules.Severity;
import dev.numguard.rules.TextEdit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FixPlannerTest {
    private static final String SOFTMAX = "dev.numguard.guards.StableMath";
    private final FixPlanner planner = new FixPlanner();

    @Test
    void addsImportInItsSortedPlaceAmongSortedImportsAndShortensTheName() {
        String before = """
                package demo;

                import java.util.List;
                import java.util.Map;

                class A {
                    double[] p(double[] x) { return naive(x); }
                }
                """;
        Finding finding = replacing("A.java", before, "naive(x)", SOFTMAX + ".softmax(x)", SOFTMAX);

        FixPlan plan = planner.plan(before, List.of(finding));

        assertThat(plan.error()).isEmpty();
        assertThat(plan.applied()).containsExactly(finding);
        assertThat(plan.fixed()).isEqualTo("""
                package demo;

                import dev.numguard.guards.StableMath;
                import java.util.List;
                import java.util.Map;

                class A {
                    double[] p(double[] x) { return StableMath.softmax(x); }
                }
                """);
    }

    @Test
    void addsImportAfterTheLastOneWhenTheExistingImportsAreNotSorted() {
        String before = """
                package demo;

                import java.util.Map;
                import java.util.List;

                class A {
                    double[] p(double[] x) { return naive(x); }
                }
                """;
        FixPlan plan = planner.plan(before, List.of(replacing("A.java", before, "naive(x)", SOFTMAX + ".softmax(x)", SOFTMAX)));

        assertThat(plan.fixed()).isEqualTo("""
                package demo;

                import java.util.Map;
                import java.util.List;
                import dev.numguard.guards.StableMath;

                class A {
                    double[] p(double[] x) { return StableMath.softmax(x); }
                }
                """);
    }

    @Test
    void addsImportRightAfterThePackageDeclarationWhenThereIsNoImport() {
        String before = """
                package demo;

                class A {
                    double[] p(double[] x) { return naive(x); }
                }
                """;
        FixPlan plan = planner.plan(before, List.of(replacing("A.java", before, "naive(x)", SOFTMAX + ".softmax(x)", SOFTMAX)));

        assertThat(plan.fixed()).isEqualTo("""
                package demo;

                import dev.numguard.guards.StableMath;

                class A {
                    double[] p(double[] x) { return StableMath.softmax(x); }
                }
                """);
    }

    @Test
    void setsImportsOffFromAPackageLineFollowedDirectlyByCode() {
        String glued = "package demo;\nclass A { double[] p(double[] x) { return naive(x); } }\n";
        FixPlan plan = planner.plan(glued, List.of(replacing("A.java", glued, "naive(x)", SOFTMAX + ".softmax(x)", SOFTMAX)));

        assertThat(plan.fixed()).isEqualTo(
                "package demo;\n\nimport dev.numguard.guards.StableMath;\n\nclass A { double[] p(double[] x) { return StableMath.softmax(x); } }\n");
    }

    @Test
    void addsImportAtTheTopOfAFileInTheDefaultPackage() {
        String before = "class A {\n    double f(double x) { return naive(x); }\n}\n";
        FixPlan plan = planner.plan(before, List.of(replacing("A.java", before, "naive(x)", SOFTMAX + ".logAddExp(x, x)", SOFTMAX)));

        assertThat(plan.fixed()).isEqualTo(
                "import dev.numguard.guards.StableMath;\n\nclass A {\n    double f(double x) { return StableMath.logAddExp(x, x); }\n}\n");
    }

    @Test
    void keepsTheQualifiedNameWhenTheFileImportsAnotherTypeOfThatName() {
        String before = """
                package demo;

                import org.other.StableMath;

                class A {
                    double[] p(double[] x) { return StableMath.naive(x); }
                }
                """;
        FixPlan plan = planner.plan(before, List.of(replacing("A.java", before, "StableMath.naive(x)", SOFTMAX + ".softmax(x)", SOFTMAX)));

        assertThat(plan.fixed()).isEqualTo(before.replace("StableMath.naive(x)", SOFTMAX + ".softmax(x)"));
    }

    @Test
    void keepsTheQualifiedNameWhenTheFileDeclaresATypeOfThatName() {
        String before = """
                package demo;

                class A {
                    static class StableMath { }
                    double[] p(double[] x) { return naive(x); }
                }
                """;
        FixPlan plan = planner.plan(before, List.of(replacing("A.java", before, "naive(x)", SOFTMAX + ".softmax(x)", SOFTMAX)));

        assertThat(plan.fixed()).isEqualTo(before.replace("naive(x)", SOFTMAX + ".softmax(x)"));
    }

    @Test
    void keepsTheQualifiedNameWhenTheSimpleNameAlreadyMeansSomethingElse() {
        // StableMath here comes from a wildcard import or the same package; an import would rebind it.
        String before = """
                package demo;

                import org.other.*;

                class A {
                    double m(double[] x) { return StableMath.max(x); }
                    double[] p(double[] x) { return naive(x); }
                }
                """;
        FixPlan plan = planner.plan(before, List.of(replacing("A.java", before, "naive(x)", SOFTMAX + ".softmax(x)", SOFTMAX)));

        assertThat(plan.fixed()).isEqualTo(before.replace("naive(x)", SOFTMAX + ".softmax(x)"));
    }

    @Test
    void addsASingleTypeImportNextToWildcardImportsSinceItShadowsThem() {
        String before = """
                package demo;

                import org.other.*;
                import dev.numguard.guards.*;

                class A {
                    double[] p(double[] x) { return naive(x); }
                }
                """;
        FixPlan plan = planner.plan(before, List.of(replacing("A.java", before, "naive(x)", SOFTMAX + ".softmax(x)", SOFTMAX)));

        assertThat(plan.fixed()).contains("import dev.numguard.guards.*;\nimport dev.numguard.guards.StableMath;\n")
                .contains("return StableMath.softmax(x);");
    }

    @Test
    void shortensWithoutANewImportWhenAlreadyImported() {
        String before = """
                package demo;

                import dev.numguard.guards.StableMath;

                class A {
                    double[] p(double[] x) { return naive(x); }
                    double q(double[] x) { return StableMath.logSumExp(x); }
                }
                """;
        FixPlan plan = planner.plan(before, List.of(replacing("A.java", before, "naive(x)", SOFTMAX + ".softmax(x)", SOFTMAX)));

        assertThat(plan.fixed()).isEqualTo(before.replace("naive(x)", "StableMath.softmax(x)"));
    }

    @Test
    void needsNoImportForJavaLangOrTheFilesOwnPackage() {
        String before = """
                package dev.numguard.guards;

                class A {
                    double f(double x) { return Math.log(1 + x) + naive(x); }
                }
                """;
        Finding log1p = replacing("A.java", before, "Math.log(1 + x)", "java.lang.Math.log1p(x)", "java.lang.Math");
        Finding softmax = replacing("A.java", before, "naive(x)", SOFTMAX + ".logAddExp(x, x)", SOFTMAX);

        FixPlan plan = planner.plan(before, List.of(log1p, softmax));

        assertThat(plan.fixed()).isEqualTo(before.replace("Math.log(1 + x)", "Math.log1p(x)")
                .replace("naive(x)", "StableMath.logAddExp(x, x)"));
    }

    @Test
    void keepsCrlfLineEndingsInImportsAndReplacementTexts() {
        String before = "package demo;\r\n\r\nimport java.util.List;\r\n\r\nclass A {\r\n    double f(double[] x) {\r\n"
                + "        return naive(x);\r\n    }\r\n}\r\n";
        Finding finding = replacing("A.java", before, "return naive(x);",
                "double[] shifted = " + SOFTMAX + ".softmax(x);\n        return shifted[0];", SOFTMAX);

        FixPlan plan = planner.plan(before, List.of(finding));

        assertThat(plan.fixed()).isEqualTo("package demo;\r\n\r\nimport dev.numguard.guards.StableMath;\r\nimport java.util.List;\r\n"
                + "\r\nclass A {\r\n    double f(double[] x) {\r\n        double[] shifted = StableMath.softmax(x);\r\n"
                + "        return shifted[0];\r\n    }\r\n}\r\n");
        assertThat(plan.fixed().replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void keepsCrlfWhenTheImportGoesRightUnderThePackage() {
        String before = "package demo;\r\n\r\nclass A {\r\n    double[] f(double[] x) { return naive(x); }\r\n}\r\n";
        FixPlan plan = planner.plan(before, List.of(replacing("A.java", before, "naive(x)", SOFTMAX + ".softmax(x)", SOFTMAX)));

        assertThat(plan.fixed()).contains("import dev.numguard.guards.StableMath;");
        assertThat(plan.fixed().replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void skipsAFixThatOverlapsAnAppliedOne() {
        String before = "class A {\n    double f(double x) { return Math.log(1 + Math.exp(x)); }\n}\n";
        Finding outer = replacing("A.java", before, "Math.log(1 + Math.exp(x))", "Math.log1p(Math.exp(x))");
        Finding inner = replacing("A.java", before, "Math.exp(x)", "Math.expm1(x) + 1");
        Finding sameStart = new Finding("Other", Severity.INFO, "A.java", outer.span(), "m",
                Optional.of(new Fix("insert", List.of(TextEdit.insert(outer.span().start(), "0 + ")), List.of())));

        FixPlan plan = planner.plan(before, List.of(outer, inner, sameStart));

        assertThat(plan.applied()).containsExactly(outer);
        assertThat(plan.skipped()).extracting(SkippedFix::finding).containsExactly(inner, sameStart);
        assertThat(plan.skipped().get(0).reason()).isEqualTo(FixPlanner.SUPERSEDED);
        assertThat(plan.skipped().get(1).reason()).contains("run fix again");
        assertThat(plan.fixed()).contains("return Math.log1p(Math.exp(x));");
    }

    @Test
    void takesTheFixOfAWholeFormulaBeforeTheFixOfOneOfItsPartsWhateverTheirOrder() {
        // as Log1p's log1p(-p) inside the binary cross-entropy the whole formula is rewritten from
        String before = "class A {\n    double f(double z, double t) { double p = s(z); return -(t * Math.log(p) + (1 - t) * Math.log(1 - p)); }\n}\n";
        Finding part = replacing("A.java", before, "Math.log(1 - p)", "Math.log1p(-p)");
        Finding whole = replacing("A.java", before, "-(t * Math.log(p) + (1 - t) * Math.log(1 - p))",
                "StableMath.binaryCrossEntropyWithLogits(z, t)");

        FixPlan plan = planner.plan(before, List.of(part, whole));

        assertThat(plan.applied()).containsExactly(whole);
        assertThat(plan.skipped()).extracting(SkippedFix::reason).containsExactly(FixPlanner.SUPERSEDED);
        assertThat(plan.fixed()).contains("return StableMath.binaryCrossEntropyWithLogits(z, t);");
    }

    @Test
    void appliesNonOverlappingFixesOfOneFileTogether() {
        String before = "class A {\n    double f(double x) { return Math.log(1 + x) * (Math.exp(x) - 1); }\n}\n";
        Finding log1p = replacing("A.java", before, "Math.log(1 + x)", "Math.log1p(x)");
        Finding expm1 = replacing("A.java", before, "Math.exp(x) - 1", "Math.expm1(x)");

        FixPlan plan = planner.plan(before, List.of(log1p, expm1));

        assertThat(plan.fixed()).contains("return Math.log1p(x) * (Math.expm1(x)); }");
        assertThat(plan.skipped()).isEmpty();
    }

    @Test
    void refusesTheWholeFileWhenTheResultWouldNotParse() {
        String before = "class A {\n    double f(double x) { return naive(x); }\n}\n";
        Finding broken = replacing("A.java", before, "naive(x)", "StableMath.softmax(x");

        FixPlan plan = planner.plan(before, List.of(broken));

        assertThat(plan.error()).hasValueSatisfying(reason -> assertThat(reason).contains("would not parse"));
        assertThat(plan.fixed()).isEqualTo(before);
        assertThat(plan.changes()).isFalse();
        assertThat(plan.applied()).isEmpty();
    }

    @Test
    void refusesAFileThatDoesNotParseToBeginWith() {
        String before = "class A {\n    double f(double x) { return naive(x) }\n";
        FixPlan plan = planner.plan(before, List.of(replacing("A.java", before, "naive(x)", "g(x)")));

        assertThat(plan.error()).hasValueSatisfying(reason -> assertThat(reason).contains("does not parse"));
        assertThat(plan.changes()).isFalse();
    }

    @Test
    void skipsAFixThatRunsPastTheEndOfTheFile() {
        String before = "class A { }\n";
        Finding finding = new Finding("R", Severity.WARNING, "A.java", spanOf(before, "A"), "m",
                Optional.of(new Fix("d", List.of(new TextEdit(5, 500, "x")), List.of())));

        FixPlan plan = planner.plan(before, List.of(finding));

        assertThat(plan.changes()).isFalse();
        assertThat(plan.skipped()).singleElement().satisfies(s -> assertThat(s.reason()).contains("past the end"));
    }

    @Test
    void ignoresFindingsWithoutAFix() {
        String before = "class A { double f(double x) { return x; } }\n";
        FixPlan plan = planner.plan(before, List.of(dev.numguard.analyzer.testing.Findings.withoutFix("A.java", before, "x;")));

        assertThat(plan.changes()).isFalse();
        assertThat(plan.applied()).isEmpty();
        assertThat(plan.skipped()).isEmpty();
    }

    @Test
    void keepsAByteOrderMark() {
        String before = "\uFEFFpackage demo;\n\nclass A {\n    double[] f(double[] x) { return naive(x); }\n}\n";
        FixPlan plan = planner.plan(before, List.of(replacing("A.java", before, "naive(x)", SOFTMAX + ".softmax(x)", SOFTMAX)));

        assertThat(plan.error()).isEmpty();
        assertThat(plan.fixed()).startsWith("\uFEFFpackage demo;\n").contains("import dev.numguard.guards.StableMath;")
                .contains("return StableMath.softmax(x);");
    }

    @Test
    void removesAnImportTheFixMadeUnused() {
        String before = """
                package demo;

                import java.util.Arrays;
                import java.util.List;

                class A {
                    List<Double> kept;

                    double lse(double[] x) { return Math.log(Arrays.stream(x).map(Math::exp).sum()); }
                }
                """;
        FixPlan plan = planner.plan(before, List.of(replacing("A.java", before,
                "Math.log(Arrays.stream(x).map(Math::exp).sum())", SOFTMAX + ".logSumExp(x)", SOFTMAX)));

        assertThat(plan.fixed()).isEqualTo("""
                package demo;

                import dev.numguard.guards.StableMath;
                import java.util.List;

                class A {
                    List<Double> kept;

                    double lse(double[] x) { return StableMath.logSumExp(x); }
                }
                """);
    }

    @Test
    void removesTheOnlyImportLeavingOneBlankLineAndKeepsStaticImportsStillUsed() {
        String before = """
                package demo;

                import static java.lang.Math.exp;
                import static java.lang.Math.log;

                import java.util.Arrays;

                class A {
                    double e(double y) { return exp(y); }

                    double lse(double[] x) { return log(Arrays.stream(x).map(Math::exp).sum()); }
                }
                """;
        FixPlan plan = planner.plan(before, List.of(replacing("A.java", before,
                "log(Arrays.stream(x).map(Math::exp).sum())", "dev.numguard.guards.StableMath.logSumExp(x)")));

        assertThat(plan.fixed()).isEqualTo("""
                package demo;

                import static java.lang.Math.exp;

                class A {
                    double e(double y) { return exp(y); }

                    double lse(double[] x) { return dev.numguard.guards.StableMath.logSumExp(x); }
                }
                """);
    }

    @Test
    void leavesImportsThatWereUnusedBeforeOrThatACommentStillNames() {
        String before = """
                package demo;

                import java.util.Arrays;
                import java.util.Map;
                import java.util.stream.DoubleStream;

                /** Sums like {@link Arrays#stream(double[])} would overflow. */
                class A {
                    double lse(double[] x) { return Math.log(DoubleStream.of(x).map(Math::exp).sum() + Arrays.hashCode(x) * 0); }
                }
                """;
        FixPlan plan = planner.plan(before, List.of(replacing("A.java", before,
                "Math.log(DoubleStream.of(x).map(Math::exp).sum() + Arrays.hashCode(x) * 0)",
                "dev.numguard.guards.StableMath.logSumExp(x)")));

        assertThat(plan.fixed()).contains("import java.util.Arrays;").contains("import java.util.Map;")
                .doesNotContain("import java.util.stream.DoubleStream;");
    }

    @Test
    void removingAWholeBlockOfImportsLeavesOneBlankLineNotTwo() {
        String before = """
                package demo;

                import static java.lang.Math.exp;
                import static java.lang.Math.log;

                import java.util.List;

                class A {
                    List<Double> kept;

                    double softplus(double x) { return log(1 + exp(x)); }
                }
                """;
        FixPlan plan = planner.plan(before, List.of(replacing("A.java", before, "log(1 + exp(x))",
                SOFTMAX + ".softplus(x)", SOFTMAX)));

        assertThat(plan.fixed()).isEqualTo("""
                package demo;

                import dev.numguard.guards.StableMath;
                import java.util.List;

                class A {
                    List<Double> kept;

                    double softplus(double x) { return StableMath.softplus(x); }
                }
                """);
    }
}
