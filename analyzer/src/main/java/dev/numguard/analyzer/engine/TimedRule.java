package dev.numguard.analyzer.engine;

import dev.numguard.rules.Finding;
import dev.numguard.rules.Rule;
import dev.numguard.rules.RuleMetadata;
import dev.numguard.rules.facts.ClassFacts;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * A rule that adds up the time spent in its {@link #check}, so the engine can tell rule time from
 * parse-and-model time whatever the front end. Safe to call from several threads.
 */
final class TimedRule implements Rule {
    private final Rule rule;
    private final LongAdder nanos = new LongAdder();

    TimedRule(Rule rule) {
        this.rule = rule;
    }

    @Override
    public RuleMetadata metadata() {
        return rule.metadata();
    }

    @Override
    public List<Finding> check(ClassFacts context) {
        long start = System.nanoTime();
        try {
            return rule.check(context);
        } finally {
            nanos.add(System.nanoTime() - start);
        }
    }

    long nanos() {
        return nanos.sum();
    }
}
