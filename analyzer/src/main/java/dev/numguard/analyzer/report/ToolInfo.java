package dev.numguard.analyzer.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Who produced a report: numguard's name and version, and where the rule docs live.
 *
 * @param name the tool's name
 * @param version the tool's version, from the build
 * @param docsBaseUri the absolute URI {@code docs/rules/<Id>.md} is resolved against in SARIF
 *     {@code helpUri}s and HTML links; ends with {@code /}
 */
public record ToolInfo(String name, String version, String docsBaseUri) {
    /**
     * Where the rule docs are published by default: the repository's own {@code docs/} tree, as
     * the build recorded it. Override it with {@code --docs-url} / {@code numguard.docsUrl} where
     * the docs are hosted elsewhere (a fork, an internal mirror).
     */
    public static final String DEFAULT_DOCS_BASE_URI = buildProperty("docsUrl", "https://github.com/numguard/numguard/blob/main/");

    public ToolInfo {
        if (!docsBaseUri.endsWith("/")) {
            docsBaseUri = docsBaseUri + "/";
        }
    }

    /** numguard as built, with the default docs location. */
    public static ToolInfo numguard() {
        return new ToolInfo("numguard", buildProperty("version", "unknown"), DEFAULT_DOCS_BASE_URI);
    }

    public ToolInfo withDocsBaseUri(String uri) {
        return new ToolInfo(name, version, uri);
    }

    /** The absolute URI of a docs page given its repository-relative path. */
    public String docsUri(String docsPath) {
        return docsBaseUri + docsPath;
    }

    private static String buildProperty(String name, String fallback) {
        Properties properties = new Properties();
        try (InputStream in = ToolInfo.class.getResourceAsStream("/dev/numguard/analyzer/numguard.properties")) {
            if (in == null) {
                return fallback;
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String value = properties.getProperty(name, fallback);
        return value.startsWith("${") ? fallback : value;
    }
}
