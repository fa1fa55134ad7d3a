package dev.numguard.analyzer.spoon;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Splits the files of a run into the groups that are modelled together.
 *
 * <p>Three reasons not to build one model of everything: memory (a Spoon model costs a few MB per
 * file, so a large tree in one model runs out of heap; chunks are modelled one after the other
 * and dropped); time (Spoon's model building is quadratic in the number of types in one package
 * of one model — 8,000 classes in one package take minutes — so a chunk holds a bounded number of
 * types); and correctness (two files that declare the same fully-qualified type would be merged
 * into one model type and the second file's code lost, so such files go into different chunks
 * and each is analysed on its own).
 *
 * <p>Files are kept in their given order, so a package's files usually share a chunk and resolve
 * each other's members; a file that alone declares more types than a chunk holds is modelled on
 * its own (and then within the per-file time budget).
 */
final class ModelChunks {
    private ModelChunks() {
    }

    /** One file ready to be modelled. */
    record Unit(String given, Path key, String text, SyntaxCheck.Parsed parsed) {
        Set<String> identities() {
            Set<String> identities = new HashSet<>(parsed.qualifiedNames());
            identities.add("file " + key);
            return identities;
        }
    }

    /**
     * @param maxFiles the most files in one chunk
     * @param maxTypes the most top-level types in one chunk
     */
    static List<List<Unit>> plan(List<Unit> units, int maxFiles, int maxTypes) {
        List<Chunk> chunks = new ArrayList<>();
        for (Unit unit : units) {
            Chunk home = null;
            // looking back a few chunks is enough for duplicates and keeps planning linear
            for (int i = chunks.size() - 1; i >= Math.max(0, chunks.size() - 16) && home == null; i--) {
                if (chunks.get(i).accepts(unit, maxFiles, maxTypes)) {
                    home = chunks.get(i);
                }
            }
            if (home == null) {
                home = new Chunk();
                chunks.add(home);
            }
            home.add(unit);
        }
        return chunks.stream().map(chunk -> List.copyOf(chunk.units)).toList();
    }

    private static final class Chunk {
        final List<Unit> units = new ArrayList<>();
        final Set<String> identities = new HashSet<>();
        int types;

        boolean accepts(Unit unit, int maxFiles, int maxTypes) {
            int unitTypes = unit.parsed().topLevelTypes().size();
            return units.size() < maxFiles && types + unitTypes <= maxTypes
                    && unit.identities().stream().noneMatch(identities::contains);
        }

        void add(Unit unit) {
            units.add(unit);
            identities.addAll(unit.identities());
            types += unit.parsed().topLevelTypes().size();
        }
    }
}
