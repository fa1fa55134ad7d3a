package dev.numguard.analyzer.cli;

import dev.numguard.analyzer.engine.FrontEnd;
import dev.numguard.analyzer.report.ToolInfo;
import dev.numguard.rules.Rule;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the CLI runs against: the front end, the rules, whether stderr is a terminal (for
 * progress), and the tool's identity. Tests pass their own; {@link Main#main} uses the real one.
 *
 * @param frontEnds makes the front end, once per command (Spoon is loaded only when needed)
 * @param rules every rule that can be selected
 * @param terminal true when progress may be drawn on stderr
 * @param tool name, version and docs location
 */
public record CliEnvironment(Supplier<FrontEnd> frontEnds, List<? extends Rule> rules, boolean terminal, ToolInfo tool) {
    public CliEnvironment {
        rules = List.copyOf(rules);
    }
}
