package dev.numguard.analyzer.cache;

import dev.numguard.analyzer.engine.AnalysisResult;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of looking a {@link CacheKey} up in an {@link AnalysisCache}.
 *
 * @param result the cached result on a hit; empty on a miss
 * @param changedFiles on a miss, the absolute paths of sources that are new, removed or whose
 *     contents differ from the cached run (empty when only the classpath, configuration or
 *     version changed, or when there was no usable cache entry); empty on a hit
 * @param reason on a miss, why (e.g. "no cache file", "2 source files changed"); empty on a hit
 */
public record CacheLookup(Optional<AnalysisResult> result, List<String> changedFiles, String reason) {
    public CacheLookup {
        changedFiles = List.copyOf(changedFiles);
    }

    static CacheLookup hit(AnalysisResult result) {
        return new CacheLookup(Optional.of(result), List.of(), "");
    }

    static CacheLookup miss(String reason, List<String> changedFiles) {
        return new CacheLookup(Optional.empty(), changedFiles, reason);
    }

    /** True when the cached result can be used as is. */
    public boolean isHit() {
        return result.isPresent();
    }
}
