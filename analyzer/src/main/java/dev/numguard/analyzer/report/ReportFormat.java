package dev.numguard.analyzer.report;

/** The report formats numguard writes. */
public enum ReportFormat {
    /** Compiler-style lines, {@code path:line:col: warning: [RuleId] message}. */
    TEXT,
    /** numguard's own JSON: findings with spans and fixes, problems, a summary. */
    JSON,
    /** SARIF 2.1.0, for code-scanning services and IDEs. */
    SARIF,
    /** One self-contained HTML page. */
    HTML;

    /** The reporter that writes this format. */
    public Reporter reporter(ToolInfo tool) {
        return reporter(tool, "numguard");
    }

    /**
     * The reporter that writes this format; {@code category} tells code scanning which uploads
     * belong together (SARIF's {@code automationDetails}), e.g. one per module.
     */
    public Reporter reporter(ToolInfo tool, String category) {
        return switch (this) {
            case TEXT -> new TextReport();
            case JSON -> new JsonReport(tool);
            case SARIF -> new SarifReport(tool, category);
            case HTML -> new HtmlReport(tool);
        };
    }

    /** The file name the report gets in an output folder, e.g. {@code numguard.sarif}. */
    public String fileName() {
        return switch (this) {
            case TEXT -> "numguard.txt";
            case JSON -> "numguard.json";
            case SARIF -> "numguard.sarif";
            case HTML -> "numguard.html";
        };
    }

    /**
     * Parses format names (any case, comma-separated values allowed, {@code none} for no report).
     *
     * @throws dev.numguard.analyzer.engine.UsageException for an unknown name
     */
    public static java.util.Set<ReportFormat> parse(java.util.Collection<String> names) {
        java.util.Set<ReportFormat> parsed = java.util.EnumSet.noneOf(ReportFormat.class);
        for (String value : names) {
            for (String name : value.split(",")) {
                String trimmed = name.trim();
                if (trimmed.isEmpty() || trimmed.equalsIgnoreCase("none")) {
                    continue;
                }
                try {
                    parsed.add(valueOf(trimmed.toUpperCase(java.util.Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new dev.numguard.analyzer.engine.UsageException("unknown report format '" + trimmed
                            + "'; use text, json, sarif, html or none");
                }
            }
        }
        return parsed;
    }
}
