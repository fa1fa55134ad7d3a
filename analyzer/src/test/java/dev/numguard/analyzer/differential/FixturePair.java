package dev.numguard.analyzer.differential;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One rule fixture before and after its fix: {@code <root>/<RuleId>/positive/<Case>.java} and
 * {@code <root>/<RuleId>/fixed/<Case>.java}.
 *
 * @param ruleId the rule the fixture exercises, e.g. {@code NaiveSoftmax}
 * @param caseName the file name without {@code .java}, which is also the fixture's class name
 * @param positive the source that the rule flags
 * @param fixed where the source after the fix lives; the file may not exist yet
 */
record FixturePair(String ruleId, String caseName, Path positive, Path fixed) {

    /** Whether the fixed counterpart has been written. */
    boolean hasFixed() {
        return Files.isRegularFile(fixed);
    }

    /** The name a test report shows, {@code RuleId/Case}. */
    String displayName() {
        return ruleId + "/" + caseName;
    }
}
