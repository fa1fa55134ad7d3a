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
        return switch (this) {
            case TEXT -> new TextReport();
            case JSON -> new JsonReport(tool);
            case SARIF -> new SarifReport(tool);
            case HTML -> new HtmlReport(tool);
        };
    }
}
