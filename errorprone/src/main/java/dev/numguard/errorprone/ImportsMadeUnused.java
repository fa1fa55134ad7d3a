package dev.numguard.errorprone;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.util.ErrorProneComment;
import com.google.errorprone.util.ErrorProneToken;
import com.google.errorprone.util.ErrorProneTokens;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.tools.javac.parser.Tokens.TokenKind;
import dev.numguard.rules.TextEdit;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The imports one fix makes unused, removed by its {@link SuggestedFix} — the policy of the
 * analyzer's fixer: a single-type or single-static import whose simple name the code used, only
 * inside the text the fix replaces, and not in the replacement. Imports that were unused before
 * are the author's business and stay, and so does one whose name a comment still mentions (a
 * Javadoc {@code {@link}} needs it).
 */
final class ImportsMadeUnused {
    private final List<? extends ImportTree> imports;
    private final int headerEnd;
    private final List<ErrorProneToken> tokens;

    /** Reads the imports and tokens of the unit {@code state} is in, whose text is {@code source}. */
    ImportsMadeUnused(VisitorState state, CharSequence source) {
        this.imports = state.getPath().getCompilationUnit().getImports();
        this.headerEnd = imports.stream().mapToInt(declaration -> state.getEndPosition(declaration)).max().orElse(0);
        this.tokens = imports.isEmpty() ? List.of() : ErrorProneTokens.getTokens(source.toString(), state.context);
    }

    /** Adds to {@code builder} the removal of each import that {@code edits}, with these replacement texts, leave unused. */
    void removeFrom(SuggestedFix.Builder builder, List<TextEdit> edits, List<String> replacements) {
        for (ImportTree declaration : imports) {
            if (!(declaration.getQualifiedIdentifier() instanceof MemberSelectTree imported)
                    || imported.getIdentifier().contentEquals("*")) {
                continue;
            }
            String name = imported.getIdentifier().toString();
            if (madeUnused(name, edits, replacements)) {
                if (declaration.isStatic()) {
                    builder.removeStaticImport(imported.toString());
                } else {
                    builder.removeImport(imported.toString());
                }
            }
        }
    }

    private boolean madeUnused(String name, List<TextEdit> edits, List<String> replacements) {
        boolean used = false;
        for (ErrorProneToken token : tokens) {
            if (token.kind() == TokenKind.IDENTIFIER && token.pos() >= headerEnd && token.name().contentEquals(name)) {
                if (!inside(edits, token.pos(), token.endPos())) {
                    return false;
                }
                used = true;
            }
        }
        Pattern word = Pattern.compile("\\b" + Pattern.quote(name) + "\\b");
        return used && replacements.stream().noneMatch(text -> word.matcher(text).find())
                && tokens.stream().flatMap(token -> token.comments().stream())
                .filter(comment -> !inside(edits, comment.getSourcePos(0), comment.getEndPos()))
                .map(ErrorProneComment::getText).noneMatch(text -> word.matcher(text).find());
    }

    private static boolean inside(List<TextEdit> edits, int start, int end) {
        return edits.stream().anyMatch(edit -> edit.start() <= start && end <= edit.end());
    }
}
