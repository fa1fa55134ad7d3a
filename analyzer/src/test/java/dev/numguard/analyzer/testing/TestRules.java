package dev.numguard.analyzer.testing;

import dev.numguard.rules.Finding;
import dev.numguard.rules.Rule;
import dev.numguard.rules.RuleMetadata;
import dev.numguard.rules.Severity;
import dev.numguard.rules.facts.ClassFacts;
import java.util.List;

/** Three stand-in rules for engine, report and CLI tests, run by {@link PatternFrontEnd}. */
public final class TestRules {
    public static final String LOG1P = "TestLog1p";
    public static final String SOFTMAX = "TestSoftmax";
    public static final String HACK = "TestHack";

    private TestRules() {
    }

    public static List<Rule> all() {
        return List.of(
                rule(LOG1P, "log(1 + x) loses precision for tiny x", Severity.WARNING,
                        "double y = Math.log(1 + x);", "double y = Math.log1p(x);"),
                rule(SOFTMAX, "naive softmax overflows for logits above 709.78 <b>&</b>", Severity.ERROR,
                        "double[] p = naiveSoftmax(x);", "double[] p = StableMath.softmax(x);"),
                rule(HACK, "a HACK comment", Severity.INFO, "// HACK", "// fixed"));
    }

    private static Rule rule(String id, String summary, Severity severity, String example, String useInstead) {
        RuleMetadata metadata = new RuleMetadata(id, summary, severity, "Flags " + summary + ".",
                "It breaks: exp overflows to Infinity above 709.78 in double.", example, useInstead,
                "Safe: the same function.", "None known.");
        return new Rule() {
            @Override
            public RuleMetadata metadata() {
                return metadata;
            }

            /** Finds nothing in the model: {@link PatternFrontEnd} finds these rules' patterns in the text. */
            @Override
            public List<Finding> check(ClassFacts clazz) {
                return List.of();
            }
        };
    }
}
