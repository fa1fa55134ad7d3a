package dev.numguard.rules.idioms.guards;

import dev.numguard.rules.model.Stmt;

/** Whether a branch leaves: its last statement returns, throws, breaks or continues. */
public final class EarlyExit {
    private EarlyExit() {
    }

    /** True when control never falls out of the end of {@code branch}. */
    public static boolean exits(Stmt branch) {
        if (branch instanceof Stmt.Block b) {
            return !b.statements().isEmpty() && exits(b.statements().get(b.statements().size() - 1));
        }
        return branch instanceof Stmt.Return || branch instanceof Stmt.Other o
                && (o.kind().equals("throw") || o.kind().equals("break") || o.kind().equals("continue"));
    }
}
