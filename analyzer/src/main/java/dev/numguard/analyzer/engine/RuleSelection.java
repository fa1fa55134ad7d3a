package dev.numguard.analyzer.engine;

import dev.numguard.rules.Rule;
import dev.numguard.rules.Severity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which rules run and at which severity.
 *
 * <p>With no {@code enabled} ids every available rule runs; with some, only those. {@code disabled}
 * ids are then removed (disabling wins over enabling). Severity overrides replace a rule's default
 * severity in its findings. Every id given anywhere must name an available rule: a typo would
 * otherwise silently disable a check.
 *
 * @param enabled rule ids to run; empty means all
 * @param disabled rule ids not to run
 * @param severityOverrides severity per rule id
 */
public record RuleSelection(Set<String> enabled, Set<String> disabled, Map<String, Severity> severityOverrides) {
    public RuleSelection {
        enabled = Set.copyOf(enabled);
        disabled = Set.copyOf(disabled);
        severityOverrides = Map.copyOf(severityOverrides);
    }

    /** Every available rule at its default severity. */
    public static RuleSelection all() {
        return new RuleSelection(Set.of(), Set.of(), Map.of());
    }

    /**
     * The rules of {@code available} this selection runs, in {@code available}'s order.
     *
     * @throws UsageException when an id names no available rule, or nothing is left to run
     */
    public List<Rule> select(Collection<? extends Rule> available) {
        Set<String> known = available.stream().map(Rule::id).collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> unknown = new java.util.TreeSet<>();
        for (Set<String> ids : List.of(enabled, disabled, severityOverrides.keySet())) {
            ids.stream().filter(id -> !known.contains(id)).forEach(unknown::add);
        }
        if (!unknown.isEmpty()) {
            throw new UsageException("unknown rule id" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
                    + "; known rules: " + (known.isEmpty() ? "(none)" : String.join(", ", known)));
        }
        List<Rule> selected = new ArrayList<>();
        for (Rule rule : available) {
            boolean wanted = enabled.isEmpty() || enabled.contains(rule.id());
            if (wanted && !disabled.contains(rule.id())) {
                selected.add(rule);
            }
        }
        if (selected.isEmpty() && !available.isEmpty()) {
            throw new UsageException("no rule left to run after --enable/--disable");
        }
        return selected;
    }

    /** The severity findings of {@code rule} get: the override when there is one, else the default. */
    public Severity severityOf(Rule rule) {
        return severityOverrides.getOrDefault(rule.id(), rule.metadata().defaultSeverity());
    }

    /**
     * Parses {@code RuleId=severity} pairs, e.g. {@code NaiveSoftmax=error}.
     *
     * @throws UsageException on a pair without {@code =} or with an unknown severity name
     */
    public static Map<String, Severity> parseSeverityOverrides(Collection<String> pairs) {
        Map<String, Severity> overrides = new TreeMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new UsageException("expected RuleId=severity, got '" + pair + "'");
            }
            overrides.put(pair.substring(0, eq).trim(), parseSeverity(pair.substring(eq + 1).trim()));
        }
        return overrides;
    }

    /**
     * Parses a severity name, case-insensitively: {@code error}, {@code warning}, {@code info}
     * (also {@code note}, SARIF's and javac's word for it).
     *
     * @throws UsageException on any other name
     */
    public static Severity parseSeverity(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return switch (lower) {
            case "error" -> Severity.ERROR;
            case "warning", "warn" -> Severity.WARNING;
            case "info", "note" -> Severity.INFO;
            default -> throw new UsageException("unknown severity '" + name + "'; use error, warning or info");
        };
    }
}
