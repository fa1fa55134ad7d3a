package dev.numguard.analyzer.cli;

import dev.numguard.analyzer.report.RuleDocs;
import dev.numguard.rules.Rule;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code numguard explain RULE}: the rule's docs page, as Markdown. */
@Command(name = "explain", mixinStandardHelpOptions = true, description = "Explain a rule: what it flags, when the code breaks, the fix.")
final class ExplainCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RULE", description = "A rule id, e.g. NaiveSoftmax (case-insensitive).")
    String ruleId;

    @Override
    public Integer call() {
        Optional<? extends Rule> rule = main.environment.rules().stream()
                .filter(candidate -> candidate.id().equalsIgnoreCase(ruleId.trim())).findFirst();
        if (rule.isEmpty()) {
            String known = main.environment.rules().stream().map(Rule::id).collect(Collectors.joining(", "));
            spec.commandLine().getErr().println("numguard: unknown rule '" + ruleId + "'; known rules: "
                    + (known.isEmpty() ? "(none)" : known));
            return Main.ERROR;
        }
        spec.commandLine().getOut().print(RuleDocs.page(rule.get().metadata()));
        spec.commandLine().getOut().flush();
        return Main.OK;
    }
}
