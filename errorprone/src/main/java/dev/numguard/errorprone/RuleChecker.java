package dev.numguard.errorprone;

import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.tools.javac.tree.EndPosTable;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.util.JCDiagnostic.DiagnosticPosition;
import dev.numguard.rules.Finding;
import dev.numguard.rules.Fix;
import dev.numguard.rules.Rule;
import dev.numguard.rules.Severity;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.running.RuleRunner;
import java.util.List;

/**
 * Adapts one numguard rule to Error Prone: lowers and analyses the compilation unit (once per
 * unit, shared by all numguard checkers), runs the rule through the same
 * {@link RuleRunner} the analyzer uses (so {@code @SuppressWarnings("numguard")} works too), and
 * reports each finding with its fix as a {@link SuggestedFix}: safe fixes always, fixes that need
 * review only with {@link #UNSAFE_FIXES_FLAG} (the levels of {@code numguard fix}). No rule logic lives here.
 */
public abstract class RuleChecker extends BugChecker implements BugChecker.CompilationUnitTreeMatcher {
    /**
     * The flag ({@code -XepOpt:Numguard:UnsafeFixes=true}) that offers the fixes that need review as
     * suggested fixes too, as {@code numguard fix --unsafe-fixes} applies them.
     */
    public static final String UNSAFE_FIXES_FLAG = "Numguard:UnsafeFixes";

    private final Rule rule;
    private final boolean unsafeFixes;

    protected RuleChecker(Rule rule, ErrorProneFlags flags) {
        this.rule = rule;
        this.unsafeFixes = flags.getBoolean(UNSAFE_FIXES_FLAG).orElse(false);
    }

    /** The shared rule this checker adapts. */
    public final Rule rule() {
        return rule;
    }

    @Override
    public final Description matchCompilationUnit(CompilationUnitTree unit, VisitorState state) {
        CharSequence source = state.getSourceCode();
        if (source == null) {
            return Description.NO_MATCH;
        }
        List<Finding> findings = RuleRunner.run(LoweredUnits.of(unit, source), List.of(rule));
        List<Fix> offered = findings.stream().flatMap(finding -> finding.fix().stream())
                .filter(fix -> fix.safety() == Fix.Safety.SAFE || unsafeFixes).toList();
        ImportsMadeUnused importsMadeUnused = offered.isEmpty() ? null : new ImportsMadeUnused(state, source, offered);
        for (Finding finding : findings) {
            Description.Builder description = buildDescription(new Offsets(finding.span().start(),
                    finding.span().end()));
            if (finding.severity() != rule.metadata().defaultSeverity()) {
                description.overrideSeverity(severityLevel(finding.severity()));
            }
            String message = finding.message();
            if (finding.fix().isPresent()) {
                Fix fix = finding.fix().get();
                if (fix.safety() == Fix.Safety.SAFE || unsafeFixes) {
                    description.addFix(suggestedFix(fix, state, importsMadeUnused));
                } else {
                    // patch mode applies every suggested fix it is given: a fix that needs review is only named
                    message += " (numguard's fix needs review: " + fix.description() + "; -XepOpt:" + UNSAFE_FIXES_FLAG
                            + "=true offers it)";
                }
            }
            description.setMessage(message);
            state.reportMatch(description.build());
        }
        return Description.NO_MATCH;
    }

    /** Error Prone's level for a finding reported below its rule's default severity. */
    private static BugPattern.SeverityLevel severityLevel(Severity severity) {
        return switch (severity) {
            case ERROR -> BugPattern.SeverityLevel.ERROR;
            case WARNING -> BugPattern.SeverityLevel.WARNING;
            case INFO -> BugPattern.SeverityLevel.SUGGESTION;
        };
    }

    /**
     * The rule's edits as a {@link SuggestedFix}. Replacement texts name types by their qualified
     * names; {@link SuggestedFixes#qualifyType} imports each and says whether the simple name is
     * usable or clashes, exactly the policy of the analyzer's fixer; imports the edits leave unused
     * are removed, as the analyzer's fixer does.
     */
    private static SuggestedFix suggestedFix(Fix fix, VisitorState state, ImportsMadeUnused importsMadeUnused) {
        SuggestedFix.Builder builder = SuggestedFix.builder();
        List<String> names = fix.imports().stream().map(type -> SuggestedFixes.qualifyType(state, builder, type))
                .toList();
        for (TextEdit edit : fix.edits()) {
            String replacement = edit.replacement();
            for (int i = 0; i < names.size(); i++) {
                replacement = shorten(replacement, fix.imports().get(i), names.get(i));
            }
            builder.replace(edit.start(), edit.end(), replacement);
        }
        importsMadeUnused.removeFrom(builder, fix.edits());
        return builder.setShortDescription(fix.description()).build();
    }

    /** Replaces whole-word occurrences of {@code qualified} by {@code usable}. */
    static String shorten(String text, String qualified, String usable) {
        if (qualified.equals(usable)) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        int at;
        while ((at = text.indexOf(qualified, from)) >= 0) {
            int after = at + qualified.length();
            boolean wordStart = at == 0 || !Character.isJavaIdentifierPart(text.charAt(at - 1)) && text.charAt(at - 1) != '.';
            boolean wordEnd = after == text.length() || !Character.isJavaIdentifierPart(text.charAt(after));
            out.append(text, from, at).append(wordStart && wordEnd ? usable : qualified);
            from = after;
        }
        return out.append(text.substring(from)).toString();
    }

    /** A diagnostic position for a range of char offsets. */
    private record Offsets(int start, int end) implements DiagnosticPosition {
        @Override
        public JCTree getTree() {
            return null;
        }

        @Override
        public int getStartPosition() {
            return start;
        }

        @Override
        public int getPreferredPosition() {
            return start;
        }

        @Override
        public int getEndPosition(EndPosTable endPositions) {
            return end;
        }
    }
}
