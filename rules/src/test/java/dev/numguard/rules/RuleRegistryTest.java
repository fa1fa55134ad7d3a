package dev.numguard.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RuleRegistryTest {
    @Test
    void shipsItsRulesInAStableOrder() {
        assertThat(RuleRegistry.all()).extracting(Rule::id).containsExactly("NaiveSoftmax", "NaiveLogSumExp",
                "NaiveVariance", "LogOfProduct", "UnscaledHalfBackward", "NaiveCrossEntropy", "Log1p", "Expm1",
                "UnderflowingProduct", "NaiveBinaryCrossEntropy", "NaiveSoftplus", "NaiveHypot", "NormalizeWithoutEpsilon",
                "FloatAccumulation", "CancellingDifference", "ForwardDifference", "Fp16Overflow");
    }

    @Test
    void metadataComesFromTheAnnotationAndNeedsIt() {
        RuleMetadata log1p = RuleRegistry.byId("Log1p").orElseThrow().metadata();
        assertThat(log1p.defaultSeverity()).isEqualTo(Severity.WARNING);
        assertThat(log1p.example()).isEqualTo("double logLikelihoodRatio(double x) {\n    return Math.log(1 + x);\n}");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> RuleMetadata.of(String.class)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("java.lang.String declares no @RuleInfo");
    }

    @Test
    void looksRulesUpById() {
        assertThat(RuleRegistry.byId("Log1p")).get().extracting(Rule::id).isEqualTo("Log1p");
        assertThat(RuleRegistry.byId("NoSuchRule")).isEmpty();
    }

    @Test
    void everyRuleDocumentsItsConcreteThreshold() {
        for (Rule rule : RuleRegistry.all()) {
            RuleMetadata m = rule.metadata();
            assertThat(m.summary()).as(m.id()).isNotBlank();
            assertThat(m.whatItDoes()).as(m.id()).isNotBlank();
            assertThat(m.example()).as(m.id()).isNotBlank();
            assertThat(m.useInstead()).as(m.id()).isNotBlank();
            assertThat(m.whyIsThisBad()).as(m.id()).containsPattern("[0-9]");
            assertThat(m.fixSafety()).as(m.id()).isNotBlank();
            assertThat(m.knownLimits()).as(m.id()).isNotBlank();
            assertThat(m.id()).isEqualTo(rule.getClass().getSimpleName());
            assertThat(m.docsPath()).isEqualTo("docs/rules/" + m.id() + ".md");
        }
        assertThat(RuleRegistry.byId("NaiveSoftmax").orElseThrow().metadata().whyIsThisBad())
                .contains("709.78").contains("88.72").contains("11.09");
        assertThat(RuleRegistry.byId("LogOfProduct").orElseThrow().metadata().whyIsThisBad()).contains("323").contains("45");
        assertThat(RuleRegistry.byId("NaiveVariance").orElseThrow().metadata().whyIsThisBad()).contains("10^8").contains("3·10^3");
        assertThat(RuleRegistry.byId("UnscaledHalfBackward").orElseThrow().metadata().summary()).contains("6e-8");
    }
}
