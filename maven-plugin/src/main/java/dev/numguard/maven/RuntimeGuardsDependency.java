package dev.numguard.maven;

import dev.numguard.rules.Finding;
import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import java.util.Collection;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.Dependency;

/**
 * Whether fixed code needs numguard's runtime library, and the exact {@code <dependency>} to add
 * when the project lacks it.
 */
final class RuntimeGuardsDependency {
    static final String GROUP_ID = "dev.numguard";
    static final String ARTIFACT_ID = "numguard-runtime-guards";
    private static final String GUARDS_PACKAGE = "dev.numguard.guards.";

    private RuntimeGuardsDependency() {
    }

    /** True when any of the applied fixes imports or names a {@code dev.numguard.guards} type. */
    static boolean neededBy(Collection<Finding> applied) {
        for (Finding finding : applied) {
            if (finding.fix().isPresent() && usesGuards(finding.fix().get())) {
                return true;
            }
        }
        return false;
    }

    private static boolean usesGuards(Fix fix) {
        return fix.imports().stream().anyMatch(name -> name.startsWith(GUARDS_PACKAGE))
                || fix.edits().stream().map(TextEdit::replacement).anyMatch(text -> text.contains(GUARDS_PACKAGE));
    }

    /** True when the module declares the dependency or gets it transitively. */
    static boolean presentIn(List<Dependency> declared, Collection<Artifact> resolved) {
        return declared.stream().anyMatch(d -> GROUP_ID.equals(d.getGroupId()) && ARTIFACT_ID.equals(d.getArtifactId()))
                || resolved.stream().anyMatch(a -> GROUP_ID.equals(a.getGroupId()) && ARTIFACT_ID.equals(a.getArtifactId()));
    }

    /** The snippet to paste into the POM's {@code <dependencies>}. */
    static String snippet(String version) {
        return String.join(System.lineSeparator(),
                "<dependency>",
                "  <groupId>" + GROUP_ID + "</groupId>",
                "  <artifactId>" + ARTIFACT_ID + "</artifactId>",
                "  <version>" + version + "</version>",
                "</dependency>");
    }
}
