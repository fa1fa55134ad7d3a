package dev.numguard.analyzer.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.numguard.analyzer.testing.TestRules;
import dev.numguard.rules.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleDocsTest {
    @Test
    void pageFollowsTheRuffLayout() {
        String page = RuleDocs.page(TestRules.all().get(0).metadata());

        assertThat(page).contains("# TestLog1p\n\nlog(1 + x) loses precision for tiny x\n\nDefault severity: **warning**\n\n"
                + "## What it does\n\nFlags log(1 + x) loses precision for tiny x.\n\n"
                + "## Why is this bad?\n\nIt breaks: exp overflows to Infinity above 709.78 in double.\n\n"
                + "## Example\n\n```java\ndouble y = Math.log(1 + x);\n```\n\n"
                + "## Use instead\n\n```java\ndouble y = Math.log1p(x);\n```\n\n"
                + "## Fix safety\n\nSafe: the same function.\n\n"
                + "## Known limits\n\nNone known.\n\n"
                + "## Suppression\n\n");
        assertThat(page).contains("`@SuppressWarnings(\"TestLog1p\")`").contains("`@SuppressWarnings(\"numguard\")`");
    }

    @Test
    void indexLinksEveryRuleAndEscapesTablePipes() {
        String index = RuleDocs.index(TestRules.all().stream().map(Rule::metadata).toList());

        assertThat(index).contains("| [TestLog1p](TestLog1p.md) | warning | log(1 + x) loses precision for tiny x |")
                .contains("| [TestSoftmax](TestSoftmax.md) | error |")
                .contains("| [TestHack](TestHack.md) | info | a HACK comment |");
        assertThat(RuleDocs.index(List.of())).contains("No rules are registered yet.");
    }

    @Test
    void allFilesNamesTheIndexAndOnePagePerRule() {
        assertThat(RuleDocs.allFiles(TestRules.all().stream().map(Rule::metadata).toList()).keySet())
                .containsExactly("docs/rules/README.md", "docs/rules/TestLog1p.md", "docs/rules/TestSoftmax.md",
                        "docs/rules/TestHack.md");
    }
}
