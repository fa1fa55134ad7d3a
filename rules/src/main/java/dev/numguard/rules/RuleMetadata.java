package dev.numguard.rules;

import java.util.Objects;

/**
 * What a rule is, for humans: the basis of its generated docs page, of {@code numguard explain},
 * of SARIF rule descriptors and of Error Prone's {@code @BugPattern}. Sections follow the ruff /
 * clippy layout.
 *
 * @param id the rule id, e.g. {@code NaiveSoftmax}; also the {@code @SuppressWarnings} key
 * @param summary one line
 * @param defaultSeverity severity unless configured otherwise
 * @param whatItDoes "What it does"
 * @param whyIsThisBad "Why is this bad?", with the concrete failure threshold
 * @param example Java code that is flagged
 * @param useInstead the Java code the fix produces
 */
public record RuleMetadata(String id, String summary, Severity defaultSeverity, String whatItDoes,
                           String whyIsThisBad, String example, String useInstead) {
    public RuleMetadata {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(defaultSeverity, "defaultSeverity");
        Objects.requireNonNull(whatItDoes, "whatItDoes");
        Objects.requireNonNull(whyIsThisBad, "whyIsThisBad");
        Objects.requireNonNull(example, "example");
        Objects.requireNonNull(useInstead, "useInstead");
    }

    /** The relative path of the generated docs page, e.g. {@code docs/rules/NaiveSoftmax.md}. */
    public String docsPath() {
        return "docs/rules/" + id + ".md";
    }
}
