package dev.numguard.analyzer.report;

import dev.numguard.rules.RuleMetadata;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Markdown docs of the rules, generated from their {@link RuleMetadata} so that they are never
 * written twice: one page per rule in the ruff / clippy layout (What it does, Why is this bad?,
 * Example, Use instead, Fix safety, Known limits, Suppression) and an index. The same page is {@code numguard explain}'s
 * output and a SARIF rule's {@code help}.
 */
public final class RuleDocs {
    /** The folder the pages live in, relative to the repository root. */
    public static final String FOLDER = "docs/rules";
    /** The index page's name inside {@link #FOLDER}. */
    public static final String INDEX = "README.md";

    private static final String GENERATED_NOTE =
            "<!-- Generated from the rule's metadata (RuleDocs); edit the rule, not this file. -->\n";

    private RuleDocs() {
    }

    /** A rule's page. */
    public static String page(RuleMetadata rule) {
        StringBuilder md = new StringBuilder(GENERATED_NOTE);
        md.append("# ").append(rule.id()).append("\n\n");
        md.append(rule.summary().strip()).append("\n\n");
        md.append("Default severity: **").append(rule.defaultSeverity().name().toLowerCase(Locale.ROOT)).append("**\n\n");
        md.append("## What it does\n\n").append(rule.whatItDoes().strip()).append("\n\n");
        md.append("## Why is this bad?\n\n").append(rule.whyIsThisBad().strip()).append("\n\n");
        md.append("## Example\n\n```java\n").append(rule.example().strip()).append("\n```\n\n");
        md.append("## Use instead\n\n```java\n").append(rule.useInstead().strip()).append("\n```\n\n");
        md.append("## Fix safety\n\n").append(rule.fixSafety().strip()).append("\n\n");
        md.append("## Known limits\n\n").append(rule.knownLimits().strip()).append("\n\n");
        md.append("## Suppression\n\n")
                .append("Annotate the enclosing method, field or class with `@SuppressWarnings(\"").append(rule.id())
                .append("\")`, or with `@SuppressWarnings(\"numguard\")` to silence every numguard rule there. ")
                .append("The same annotation works for the command line, the Maven plugin and the Error Prone checks.\n\n")
                .append("```java\n@SuppressWarnings(\"").append(rule.id()).append("\")\n")
                .append("double[] scores(double[] logits) {\n    // ...\n}\n```\n");
        return md.toString();
    }

    /** The index page: one row per rule, in the order given. */
    public static String index(List<RuleMetadata> rules) {
        StringBuilder md = new StringBuilder(GENERATED_NOTE);
        md.append("# numguard rules\n\n");
        if (rules.isEmpty()) {
            md.append("No rules are registered yet.\n");
            return md.toString();
        }
        md.append("| Rule | Default severity | What it flags |\n|---|---|---|\n");
        for (RuleMetadata rule : rules) {
            md.append("| [").append(rule.id()).append("](").append(rule.id()).append(".md) | ")
                    .append(rule.defaultSeverity().name().toLowerCase(Locale.ROOT)).append(" | ")
                    .append(rule.summary().strip().replace("|", "\\|").replace("\n", " ")).append(" |\n");
        }
        md.append("\nSuppress any rule with `@SuppressWarnings(\"RuleId\")` or all of them with ")
                .append("`@SuppressWarnings(\"numguard\")` on an enclosing declaration.\n");
        return md.toString();
    }

    /**
     * Every docs file, keyed by its path relative to the repository root
     * ({@code docs/rules/<Id>.md} and {@code docs/rules/README.md}).
     */
    public static Map<String, String> allFiles(List<RuleMetadata> rules) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(FOLDER + "/" + INDEX, index(rules));
        for (RuleMetadata rule : rules) {
            files.put(rule.docsPath(), page(rule));
        }
        return files;
    }
}
