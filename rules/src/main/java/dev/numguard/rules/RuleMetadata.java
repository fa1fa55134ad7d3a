package dev.numguard.rules;

import java.util.Objects;

/**
 * What a rule is, for humans, as read from its {@link RuleInfo}: the basis of its generated docs
 * page, of {@code numguard explain}, of SARIF rule descriptors and of Error Prone's
 * {@code @BugPattern}. Sections follow the ruff / clippy layout.
 *
 * @param id the rule id, e.g. {@code NaiveSoftmax}; also the {@code @SuppressWarnings} key
 * @param summary one line
 * @param defaultSeverity severity unless configured otherwise
 * @param whatItDoes "What it does"
 * @param whyIsThisBad "Why is this bad?", with the concrete failure threshold
 * @param example Java code that is flagged
 * @param useInstead the Java code the fix produces
 * @param fixSafety "Fix safety"
 * @param knownLimits "Known limits"
 */
public record RuleMetadata(String id, String summary, Severity defaultSeverity, String whatItDoes,
                           String whyIsThisBad, String example, String useInstead, String fixSafety,
                           String knownLimits) {
    public RuleMetadata {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(defaultSeverity, "defaultSeverity");
        Objects.requireNonNull(whatItDoes, "whatItDoes");
        Objects.requireNonNull(whyIsThisBad, "whyIsThisBad");
        Objects.requireNonNull(example, "example");
        Objects.requireNonNull(useInstead, "useInstead");
        Objects.requireNonNull(fixSafety, "fixSafety");
        Objects.requireNonNull(knownLimits, "knownLimits");
    }

    /** The metadata declared by {@code ruleClass}'s {@link RuleInfo}; the id is its simple name. */
    public static RuleMetadata of(Class<?> ruleClass) {
        RuleInfo info = ruleClass.getAnnotation(RuleInfo.class);
        if (info == null) {
            throw new IllegalStateException(ruleClass.getName() + " declares no @" + RuleInfo.class.getSimpleName());
        }
        return new RuleMetadata(ruleClass.getSimpleName(), info.summary(), info.severity(), info.whatItDoes(),
                info.whyIsThisBad(), info.example(), info.useInstead(), info.fixSafety(), info.knownLimits());
    }

    /** The relative path of the generated docs page, e.g. {@code docs/rules/NaiveSoftmax.md}. */
    public String docsPath() {
        return "docs/rules/" + id + ".md";
    }
}
