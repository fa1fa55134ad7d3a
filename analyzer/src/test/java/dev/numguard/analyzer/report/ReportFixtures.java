package dev.numguard.analyzer.report;

import dev.numguard.analyzer.engine.AnalysisRequest;
import dev.numguard.analyzer.engine.AnalysisRun;
import dev.numguard.analyzer.engine.Analyzer;
import dev.numguard.analyzer.engine.ProgressListener;
import dev.numguard.analyzer.testing.PatternFrontEnd;
import dev.numguard.analyzer.testing.TestRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A small tree with one finding of each test rule and one file that does not parse. */
final class ReportFixtures {
    static final String NET = """
            package demo;

            class Net {
                double[] p(double[] logits) { return naiveSoftmax(logits); } // HACK
                double q(double v) { return Math.log(1 + v); }
                String s = "<script>&amp;</script>";
            }
            """;

    private ReportFixtures() {
    }

    /** Writes the tree under {@code dir} and analyses it with paths relative to the working folder. */
    static AnalysisRun analyse(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/Net.java"), NET, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("src/Broken.java"), "class Broken {\n  void f( {\n}\n", StandardCharsets.UTF_8);
        return new Analyzer(new PatternFrontEnd(), TestRules.all()).analyze(AnalysisRequest.of(List.of(dir.resolve("src"))),
                ProgressListener.NONE);
    }
}
