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
                .append("`@SuppressWarnings(\"numguard\")` on an enclosing declaration.\n")
                .append(SEVERITIES)
                .append(FUNCTIONS);
        return md.toString();
    }

    private static final String SEVERITIES = """

            ## What the severities mean

            A severity says what the code computes when it breaks, not how sure numguard is:

            - **error**: realistic inputs make the result NaN, ±Infinity or 0 where the true value is a \
            finite, non-zero number: overflow, underflow, or a cancellation that loses every digit \
            (a softmax of logits above 709.78, a product of a thousand probabilities, a variance of \
            values near 10^9).
            - **warning**: the result stays finite but loses accuracy that can matter: the digits of a \
            small argument (`log(1 + x)`), rounding error that grows with the length of the data (a \
            `float` sum), a step size that leaves half the digits (`(f(x + h) − f(x)) / h`).
            - **note** (`info` in the configuration, `SUGGESTION` in Error Prone): the form is there, but the code \
            gives a reason to doubt the failure is reachable or matters (an argument bounded by a branch \
            numguard cannot fully follow, a term dominated by a larger one). Such a finding is reported \
            one level or more below its rule's default severity, never dropped silently, and its message \
            says why (`reported as note: …`).

            Where numguard can show the failure cannot happen (a max shift, a guard, a bound by \
            construction, an integer-valued argument), it reports nothing. `--fail-on` (Maven \
            `failOnSeverity`) picks the lowest severity that fails the build; the default, `warning`, \
            lets notes through.
            """;

    private static final String FUNCTIONS = """

            ## Functions the rules recognise, and your own wrappers

            The rules see `exp`, `log`, `log1p`, `expm1`, `pow`, `sqrt`, `abs`, `max` and `min` however they \
            are called: `Math`, `StrictMath`, a static import, the `FastMath` of Commons Math 2/3/4, \
            Hipparchus and jafama, and `Math.pow(Math.E, x)` as `exp(x)`; ND4J (`Transforms.exp/log`, \
            `INDArray.sum/sumNumber/div`) and DJL (`NDArray.exp/log/sum/div`) as element-wise functions and \
            sums over whole arrays. The table is `dev/numguard/rules/facts/functions.properties` in \
            numguard-rules. To add in-house wrappers, write a file in the same format and name it with the \
            system property `numguard.functions` (for the CLI `JAVA_TOOL_OPTIONS=-Dnumguard.functions=…`, \
            for Maven `MAVEN_OPTS`, for Error Prone `-J-Dnumguard.functions=…`):

            ```properties
            # <type>#<method> = <function>; <type>#* = math for a drop-in replacement of java.lang.Math
            com.acme.LogExpUtil#exp = exp
            com.acme.Safe#ln = log
            com.acme.FastestMath#* = math
            com.acme.Mat#get = element-get
            com.acme.Mat#set = element-set
            com.acme.Money#plus = value-add
            ```

            Numbers kept in objects: `element-get`/`element-set` name a container's accessors of one element \
            (`m.get(i, j)`, `m.set(i, j, v)`: the value is the last argument, the indices the others), so a value \
            stored and read back at the same indices of the same local or parameter is followed like an array \
            element; `value-add`, `value-subtract`, `value-multiply`, `value-divide`, `value-sqrt` and `value-pow` \
            name the arithmetic of an immutable number object (`a.plus(b)`, `a.sqrt()`, `a.pow(2)`), read as the \
            operator. Classes in the analysed sources need no entry: an accessor whose body stores its last \
            argument into (or returns) one element of an array field, and a method whose body is \
            `new Self(f op other.f)`, are recognised from the code. Matrix libraries (Commons Math and Hipparchus \
            `RealMatrix`/`RealVector`, Jama, EJML, Colt, la4j) and ta4j's `Num` are built in; `BigDecimal` is left \
            out on purpose (its sums and differences are exact).

            Functions: exp, log, log1p, expm1, log10, pow, sqrt, abs, max, min, math, array-exp, array-log, \
            array-sum, array-div, element-get, element-set, value-add, value-subtract, value-multiply, value-divide, \
            value-sqrt, value-pow. A malformed line makes every file fail to be analysed, with the file and line of the entry as the reason.
            """;

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
