package dev.numguard.errorprone;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.util.ErrorProneComment;
import com.google.errorprone.util.ErrorProneToken;
import com.google.errorprone.util.ErrorProneTokens;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The imports that the fixes one checker offers in a compilation unit make unused, by the policy of
 * the analyzer's fixer: a single-type or single-static import whose simple name the code used,
 * only inside text the fixes replace, and not in a replacement. Imports that were unused before
 * are the author's business and stay, and so does one whose name a comment still mentions (a
 * Javadoc {@code {@link}} needs it).
 *
 * <p>Like {@code numguard fix}, this judges the fixes together: Error Prone's patch mode applies
 * every fix of the file at once. Each fix that replaces a use of such an import removes it, so a
 * tool that applies only one of several fixes sharing an import removes that import early.
 */
final class ImportsMadeUnused {
    private final List<ImportTree> removable = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final List<ErrorProneToken> tokens;
    private final int headerEnd;

    /** The imports of the unit {@code state} is in, whose text is {@code source}, that {@code fixes} leave unused. */
    ImportsMadeUnused(VisitorState state, CharSequence source, List<Fix> fixes) {
        List<? extends ImportTree> imports = state.getPath().getCompilationUnit().getImports();
        this.headerEnd = imports.stream().mapToInt(declaration -> state.getEndPosition(declaration)).max().orElse(0);
        this.tokens = imports.isEmpty() ? List.of() : ErrorProneTokens.getTokens(source.toString(), state.context);
        List<TextEdit> edits = fixes.stream().flatMap(fix -> fix.edits().stream()).toList();
        for (ImportTree declaration : imports) {
            if (declaration.getQualifiedIdentifier() instanceof MemberSelectTree imported
                    && !imported.getIdentifier().contentEquals("*")
                    && madeUnused(imported.getIdentifier().toString(), edits)) {
                removable.add(declaration);
                names.add(imported.getIdentifier().toString());
            }
        }
    }

    /** Adds to {@code builder} the removal of each such import that {@code edits} replace a use of. */
    void removeFrom(SuggestedFix.Builder builder, List<TextEdit> edits) {
        for (int i = 0; i < removable.size(); i++) {
            if (uses(names.get(i)).stream().anyMatch(token -> inside(edits, token.pos(), token.endPos()))) {
                String imported = removable.get(i).getQualifiedIdentifier().toString();
                if (removable.get(i).isStatic()) {
                    builder.removeStaticImport(imported);
                } else {
                    builder.removeImport(imported);
                }
            }
        }
    }

    private boolean madeUnused(String name, List<TextEdit> edits) {
        List<ErrorProneToken> uses = uses(name);
        Pattern word = Pattern.compile("\\b" + Pattern.quote(name) + "\\b");
        return !uses.isEmpty() && uses.stream().allMatch(token -> inside(edits, token.pos(), token.endPos()))
                && edits.stream().noneMatch(edit -> word.matcher(edit.replacement()).find())
                && tokens.stream().flatMap(token -> token.comments().stream())
                .filter(comment -> !inside(edits, comment.getSourcePos(0), comment.getEndPos()))
                .map(ErrorProneComment::getText).noneMatch(text -> word.matcher(text).find());
    }

    /** The identifiers {@code name} after the imports. */
    private List<ErrorProneToken> uses(String name) {
        return tokens.stream().filter(token -> token.hasName() && token.pos() >= headerEnd
                && token.name().contentEquals(name)).toList();
    }

    private static boolean inside(List<TextEdit> edits, int start, int end) {
        return edits.stream().anyMatch(edit -> edit.start() <= start && end <= edit.end());
    }
}
