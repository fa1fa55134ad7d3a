package dev.numguard.maven;

import java.util.Collection;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.Dependency;

/**
 * Whether a module has numguard's runtime library, and the exact {@code <dependency>} to add
 * when the project lacks it.
 */
final class RuntimeGuardsDependency {
    static final String GROUP_ID = "dev.numguard";
    static final String ARTIFACT_ID = "numguard-runtime-guards";

    private RuntimeGuardsDependency() {
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
