package dev.numguard.analyzer.fix;

import dev.numguard.rules.Finding;
import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import java.util.Collection;

/**
 * numguard's runtime library as fixed code sees it: the package its calls live in and the module
 * name its jar declares ({@code Automatic-Module-Name} in runtime-guards' manifest), which a
 * modular project must {@code require}.
 */
public final class RuntimeGuards {
    /** The module name of the runtime-guards jar. */
    public static final String MODULE = "dev.numguard.guards";
    private static final String PACKAGE_PREFIX = "dev.numguard.guards.";

    private RuntimeGuards() {
    }

    /** True when any of the findings' fixes imports or names a {@code dev.numguard.guards} type. */
    public static boolean neededBy(Collection<Finding> fixed) {
        return fixed.stream().anyMatch(finding -> finding.fix().isPresent() && usedBy(finding.fix().get()));
    }

    private static boolean usedBy(Fix fix) {
        return fix.imports().stream().anyMatch(name -> name.startsWith(PACKAGE_PREFIX))
                || fix.edits().stream().map(TextEdit::replacement).anyMatch(text -> text.contains(PACKAGE_PREFIX));
    }
}
