package dev.numguard.analyzer.cli;

import dev.numguard.rules.Rule;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code numguard rules}: one line per rule, id, default severity and summary. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "List the rules.")
final class RulesCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int width = main.environment.rules().stream().mapToInt(rule -> rule.id().length()).max().orElse(0);
        for (Rule rule : main.environment.rules()) {
            String severity = rule.metadata().defaultSeverity().name().toLowerCase(Locale.ROOT);
            out.printf("%-" + Math.max(1, width) + "s  %-7s  %s%n", rule.id(), severity, rule.metadata().summary().strip());
        }
        if (main.environment.rules().isEmpty()) {
            out.println("(no rules registered)");
        }
        out.flush();
        return Main.OK;
    }
}
