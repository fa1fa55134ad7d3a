package dev.numguard.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PomDependencyInserterTest {
    private static final List<String> GUARDS = List.of("<dependency>", "  <groupId>dev.numguard</groupId>",
            "  <artifactId>numguard-runtime-guards</artifactId>", "  <version>1.0</version>", "</dependency>");

    @Test
    void addsToTheProjectDependenciesKeepingEverythingElseByteForByte() {
        String pom = "<?xml version=\"1.0\"?>\n<project>\n    <!-- <dependencies> in a comment -->\n"
                + "    <dependencyManagement>\n        <dependencies>\n        </dependencies>\n    </dependencyManagement>\n"
                + "    <dependencies>\n        <dependency><groupId>a</groupId></dependency>\n    </dependencies>\n"
                + "    <build><plugins><plugin><dependencies></dependencies></plugin></plugins></build>\n</project>\n";

        String edited = PomDependencyInserter.insert(pom, GUARDS).orElseThrow();

        assertThat(edited).isEqualTo(pom.replace("    </dependencies>\n    <build>",
                "        <dependency>\n            <groupId>dev.numguard</groupId>\n"
                        + "            <artifactId>numguard-runtime-guards</artifactId>\n            <version>1.0</version>\n"
                        + "        </dependency>\n    </dependencies>\n    <build>"));
    }

    @Test
    void aPomWithoutDependenciesGetsTheSectionBeforeTheProjectEndWithItsLineEndings() {
        String pom = "<project>\r\n  <artifactId>x</artifactId>\r\n</project>\r\n";

        assertThat(PomDependencyInserter.insert(pom, List.of("<dependency/>")).orElseThrow())
                .isEqualTo("<project>\r\n  <artifactId>x</artifactId>\r\n  <dependencies>\r\n    <dependency/>\r\n"
                        + "  </dependencies>\r\n</project>\r\n");
    }

    @Test
    void refusesWhatItCannotEditSafely() {
        assertThat(PomDependencyInserter.insert("<project><dependencies></project>", GUARDS)).isEmpty();
        assertThat(PomDependencyInserter.insert("not xml at all", GUARDS)).isEmpty();
    }
}
