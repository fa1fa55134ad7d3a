package dev.numguard.analyzer.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What GitHub code scanning documents it needs from an uploaded SARIF file ("SARIF support for
 * code scanning"), beyond the schema: version 2.1.0; at most 20 runs and 25,000 results per run;
 * a tool driver name; rules with unique ids and descriptions; every result with a {@code ruleId}
 * the driver defines, a message text, at least one location (at most 1,000) whose artifact URI is
 * relative to the checkout (resolved by a {@code uriBaseId} the run declares) or an absolute
 * {@code file:} URI, and a region with {@code startLine} 1 or more; {@code partialFingerprints}
 * so alerts are matched across runs; a rule's {@code helpUri} an absolute URI.
 */
public final class GitHubSarifRules {
    private GitHubSarifRules() {
    }

    /** Every requirement {@code sarif} breaks, in words; empty when GitHub accepts it as is. */
    public static List<String> violations(JsonNode sarif) {
        List<String> broken = new ArrayList<>();
        if (!"2.1.0".equals(sarif.path("version").asText())) {
            broken.add("version is not 2.1.0");
        }
        JsonNode runs = sarif.path("runs");
        if (runs.size() < 1 || runs.size() > 20) {
            broken.add("needs 1 to 20 runs, has " + runs.size());
        }
        for (JsonNode run : runs) {
            if (run.at("/tool/driver/name").asText().isBlank()) {
                broken.add("run without tool.driver.name");
            }
            Set<String> ruleIds = new HashSet<>();
            for (JsonNode rule : run.at("/tool/driver/rules")) {
                if (!ruleIds.add(rule.path("id").asText())) {
                    broken.add("duplicate rule id " + rule.path("id"));
                }
                if (rule.at("/shortDescription/text").asText().isBlank() || rule.at("/fullDescription/text").asText().isBlank()) {
                    broken.add("rule " + rule.path("id") + " without descriptions");
                }
                if (rule.has("helpUri") && !URI.create(rule.path("helpUri").asText()).isAbsolute()) {
                    broken.add("rule " + rule.path("id") + " helpUri is not absolute");
                }
            }
            JsonNode results = run.path("results");
            if (results.size() > 25_000) {
                broken.add("more than 25,000 results");
            }
            for (JsonNode result : results) {
                String where = "result " + result.path("ruleId").asText() + "@" + result.at("/locations/0/physicalLocation/artifactLocation/uri").asText();
                if (!ruleIds.contains(result.path("ruleId").asText())) {
                    broken.add(where + ": ruleId not defined by the driver");
                }
                if (result.at("/message/text").asText().isBlank()) {
                    broken.add(where + ": no message text");
                }
                if (result.path("partialFingerprints").isEmpty()) {
                    broken.add(where + ": no partialFingerprints");
                }
                JsonNode locations = result.path("locations");
                if (locations.size() < 1 || locations.size() > 1000) {
                    broken.add(where + ": needs 1 to 1000 locations");
                }
                for (JsonNode location : locations) {
                    JsonNode artifact = location.at("/physicalLocation/artifactLocation");
                    URI uri = URI.create(artifact.path("uri").asText());
                    if (uri.isAbsolute() ? !"file".equals(uri.getScheme()) : !run.at("/originalUriBaseIds")
                            .has(artifact.path("uriBaseId").asText("-"))) {
                        broken.add(where + ": relative uri without a declared uriBaseId");
                    }
                    if (location.at("/physicalLocation/region/startLine").asInt(0) < 1) {
                        broken.add(where + ": region without startLine");
                    }
                }
            }
        }
        return broken;
    }

    /** The results code scanning would open alerts for: failing ({@code kind} fail) and not suppressed. */
    public static List<JsonNode> openAlerts(JsonNode sarif) {
        List<JsonNode> open = new ArrayList<>();
        for (JsonNode result : sarif.at("/runs/0/results")) {
            if (result.path("kind").asText("fail").equals("fail") && result.path("suppressions").isEmpty()) {
                open.add(result);
            }
        }
        return open;
    }
}
