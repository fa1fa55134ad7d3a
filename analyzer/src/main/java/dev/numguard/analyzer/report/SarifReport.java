package dev.numguard.analyzer.report;

import com.contrastsecurity.sarif.ArtifactChange;
import com.contrastsecurity.sarif.ArtifactContent;
import com.contrastsecurity.sarif.ArtifactLocation;
import com.contrastsecurity.sarif.Fix;
import com.contrastsecurity.sarif.Invocation;
import com.contrastsecurity.sarif.Location;
import com.contrastsecurity.sarif.Message;
import com.contrastsecurity.sarif.MultiformatMessageString;
import com.contrastsecurity.sarif.Notification;
import com.contrastsecurity.sarif.OriginalUriBaseIds;
import com.contrastsecurity.sarif.PartialFingerprints;
import com.contrastsecurity.sarif.PhysicalLocation;
import com.contrastsecurity.sarif.PropertyBag;
import com.contrastsecurity.sarif.Region;
import com.contrastsecurity.sarif.Replacement;
import com.contrastsecurity.sarif.ReportingConfiguration;
import com.contrastsecurity.sarif.ReportingDescriptor;
import com.contrastsecurity.sarif.Result;
import com.contrastsecurity.sarif.Run;
import com.contrastsecurity.sarif.RunAutomationDetails;
import com.contrastsecurity.sarif.SarifSchema210;
import com.contrastsecurity.sarif.Suppression;
import com.contrastsecurity.sarif.Tool;
import com.contrastsecurity.sarif.ToolComponent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import dev.numguard.analyzer.baseline.BaselineEntry;
import dev.numguard.analyzer.engine.AnalysisProblem;
import dev.numguard.analyzer.fix.FixPlan;
import dev.numguard.analyzer.fix.UnifiedDiff;
import dev.numguard.rules.Finding;
import dev.numguard.rules.Rule;
import dev.numguard.rules.RuleMetadata;
import dev.numguard.rules.SourceSpan;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A SARIF 2.1.0 log with one run, built on the SARIF object model of {@code java-sarif} and shaped
 * for GitHub code scanning.
 *
 * <ul>
 *   <li>Artifact URIs are relative to the project root and carry {@code uriBaseId: %SRCROOT%},
 *       which {@code originalUriBaseIds} resolves to the root; files outside it keep a
 *       {@code file:} URI.</li>
 *   <li>{@code tool.driver.rules}: every rule that ran, with its summary, its full docs as
 *       {@code help} (text and Markdown), a {@code helpUri} to its docs page and its default
 *       level.</li>
 *   <li>{@code results}: one per finding, with a region (UTF-16 columns, end exclusive, char
 *       offsets), {@code partialFingerprints} (the baseline's line-independent fingerprint, so
 *       alerts survive edits elsewhere in the file) and the fix as {@code fixes} of whole-line
 *       {@code artifactChanges}. With a baseline every result has a {@code baselineState}:
 *       baselined findings are {@code unchanged} and carry an accepted external
 *       {@code suppression} (GitHub shows them as suppressed, not as open alerts); recorded
 *       findings that are gone are {@code absent} results of kind {@code pass}.</li>
 *   <li>{@code invocations[0]}: {@code executionSuccessful} false when files could not be analysed,
 *       each named in a notification.</li>
 *   <li>{@code automationDetails.id}: the category, so that several modules' uploads do not
 *       replace each other.</li>
 * </ul>
 */
public final class SarifReport implements Reporter {
    /** The schema the log declares (the OASIS-published SARIF 2.1.0 schema). */
    public static final String SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    /** The base id of every relative artifact URI: the project root. */
    public static final String SOURCE_ROOT = "%SRCROOT%";
    /** The {@code partialFingerprints} key numguard's fingerprints go under. */
    public static final String FINGERPRINT_KEY = "numguardFingerprint/v1";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_EMPTY)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final ToolInfo tool;
    private final String category;
    private final FixPreview previews = new FixPreview();

    /** @param category the run's category for code scanning, e.g. {@code numguard/my-module} */
    public SarifReport(ToolInfo tool, String category) {
        this.tool = tool;
        this.category = category;
    }

    public SarifReport(ToolInfo tool) {
        this(tool, "numguard");
    }

    @Override
    public void write(ReportedRun report, Writer out) throws IOException {
        MAPPER.writeValue(out, log(report));
        out.write("\n");
    }

    /** The log as a JSON tree. */
    public ObjectNode toJson(ReportedRun report) {
        return MAPPER.valueToTree(log(report));
    }

    private SarifSchema210 log(ReportedRun report) {
        List<ReportingDescriptor> rules = new ArrayList<>();
        Map<String, Integer> ruleIndex = new HashMap<>();
        for (Rule rule : report.run().rules()) {
            ruleIndex.put(rule.id(), rules.size());
            rules.add(ruleDescriptor(rule.metadata()));
        }
        ToolComponent driver = new ToolComponent().withName(tool.name())
                .withInformationUri(URI.create(tool.docsBaseUri()))
                .withRules(new LinkedHashSet<>(rules));
        if (!"unknown".equals(tool.version())) {
            driver.withVersion(tool.version()).withSemanticVersion(tool.version());
        }

        List<Notification> notifications = new ArrayList<>();
        for (AnalysisProblem problem : report.problems()) {
            Region region = problem.line() > 0 ? new Region().withStartLine(problem.line())
                    .withStartColumn(problem.column() > 0 ? problem.column() : null) : null;
            notifications.add(new Notification().withLevel(Notification.Level.ERROR)
                    .withMessage(text(problem.message()))
                    .withLocations(Set.of(new Location().withPhysicalLocation(new PhysicalLocation()
                            .withArtifactLocation(artifact(report, problem.file())).withRegion(region)))));
        }
        Invocation invocation = new Invocation().withExecutionSuccessful(report.problems().isEmpty())
                .withToolExecutionNotifications(notifications);

        List<Result> results = new ArrayList<>();
        for (Finding finding : report.findings()) {
            results.add(result(report, finding, ruleIndex));
        }
        for (BaselineEntry entry : report.absentEntries()) {
            results.add(absent(report, entry, ruleIndex));
        }

        Run run = new Run().withTool(new Tool().withDriver(driver))
                .withAutomationDetails(new RunAutomationDetails().withId(category + "/"))
                .withOriginalUriBaseIds(new OriginalUriBaseIds().withAdditionalProperty(SOURCE_ROOT,
                        new ArtifactLocation().withUri(directoryUri(report.reportRoot()))))
                .withInvocations(List.of(invocation))
                .withColumnKind(Run.ColumnKind.UTF_16_CODE_UNITS)
                .withResults(results);
        return new SarifSchema210().with$schema(URI.create(SCHEMA_URI)).withVersion(SarifSchema210.Version._2_1_0)
                .withRuns(List.of(run));
    }

    private ReportingDescriptor ruleDescriptor(RuleMetadata metadata) {
        return new ReportingDescriptor().withId(metadata.id()).withName(metadata.id())
                .withShortDescription(new MultiformatMessageString().withText(metadata.summary().strip()))
                .withFullDescription(new MultiformatMessageString().withText(metadata.whatItDoes().strip()))
                .withHelp(new MultiformatMessageString()
                        .withText(metadata.whatItDoes().strip() + "\n\n" + metadata.whyIsThisBad().strip())
                        .withMarkdown(RuleDocs.page(metadata)))
                .withHelpUri(URI.create(tool.docsUri(metadata.docsPath())))
                .withDefaultConfiguration(new ReportingConfiguration()
                        .withLevel(ReportingConfiguration.Level.fromValue(SeverityWords.level(metadata.defaultSeverity()))));
    }

    private Result result(ReportedRun report, Finding finding, Map<String, Integer> ruleIndex) {
        SourceSpan span = finding.span();
        Region region = new Region()
                .withStartLine(span.line())
                .withStartColumn(span.column())
                .withEndLine(span.endLine())
                .withEndColumn(span.end() > span.start() ? span.endColumn() + 1 : span.endColumn())
                .withCharOffset(span.start())
                .withCharLength(span.end() - span.start());
        Result result = new Result().withRuleId(finding.ruleId()).withRuleIndex(ruleIndex.get(finding.ruleId()))
                .withLevel(Result.Level.fromValue(SeverityWords.level(finding.severity())))
                .withMessage(text(finding.message()))
                .withLocations(List.of(new Location().withPhysicalLocation(new PhysicalLocation()
                        .withArtifactLocation(artifact(report, finding.file())).withRegion(region))))
                .withPartialFingerprints(new PartialFingerprints()
                        .withAdditionalProperty(FINGERPRINT_KEY, report.fingerprint(finding)));
        if (report.hasBaseline()) {
            boolean baselined = report.state(finding) == ReportedRun.BaselineState.UNCHANGED;
            result.withBaselineState(baselined ? Result.BaselineState.UNCHANGED : Result.BaselineState.NEW);
            if (baselined) {
                result.withSuppressions(Set.of(new Suppression().withKind(Suppression.Kind.EXTERNAL)
                        .withStatus(Suppression.Status.ACCEPTED)
                        .withJustification("recorded in the numguard baseline")));
            }
        }
        Optional<FixPlan> preview = previews.of(report.run(), finding);
        if (preview.isPresent()) {
            List<Replacement> replacements = new ArrayList<>();
            for (LineReplacement line : lineReplacements(preview.get().original(), preview.get().fixed())) {
                replacements.add(new Replacement()
                        .withDeletedRegion(new Region().withCharOffset(line.offset()).withCharLength(line.length()))
                        .withInsertedContent(line.inserted().isEmpty() ? null : new ArtifactContent().withText(line.inserted())));
            }
            dev.numguard.rules.Fix fix = finding.fix().get();
            // the level in words in the description (what viewers show) and as a property (what tools read)
            result.withFixes(Set.of(new Fix().withDescription(text(fix.description() + " (" + SafetyWords.word(fix.safety()) + " fix)"))
                    .withProperties(new PropertyBag().withAdditionalProperty("safety", SafetyWords.word(fix.safety())))
                    .withArtifactChanges(Set.of(new ArtifactChange()
                            .withArtifactLocation(artifact(report, finding.file()))
                            .withReplacements(replacements)))));
        }
        return result;
    }

    private static Result absent(ReportedRun report, BaselineEntry entry, Map<String, Integer> ruleIndex) {
        return new Result().withRuleId(entry.ruleId()).withRuleIndex(ruleIndex.get(entry.ruleId()))
                .withKind(Result.Kind.PASS).withLevel(Result.Level.NONE)
                .withBaselineState(Result.BaselineState.ABSENT)
                .withMessage(text("No longer found (recorded in the baseline): " + entry.message()))
                .withLocations(List.of(new Location().withPhysicalLocation(new PhysicalLocation()
                        .withArtifactLocation(artifact(report, report.displayPath(entry)))
                        .withRegion(entry.line() > 0 ? new Region().withStartLine(entry.line()) : null))))
                .withPartialFingerprints(new PartialFingerprints()
                        .withAdditionalProperty(FINGERPRINT_KEY, entry.fingerprint() + ":" + entry.occurrence()));
    }

    private static Message text(String text) {
        return new Message().withText(text);
    }

    private static ArtifactLocation artifact(ReportedRun report, String file) {
        String shown = report.displayPath(file);
        Path path = Path.of(shown);
        if (path.isAbsolute()) {
            return new ArtifactLocation().withUri(path.toUri().toString());
        }
        return new ArtifactLocation().withUri(relativeUri(shown)).withUriBaseId(SOURCE_ROOT);
    }

    /** A relative path as a URI reference, escaped ({@code a b/C.java} becomes {@code a%20b/C.java}). */
    static String relativeUri(String relativePath) {
        String slashed = relativePath.replace('\\', '/');
        try {
            return new URI(null, null, slashed, null).toASCIIString();
        } catch (URISyntaxException e) {
            return slashed;
        }
    }

    private static String directoryUri(Path folder) {
        String uri = folder.toUri().toString();
        return uri.endsWith("/") ? uri : uri + "/";
    }

    /** A replacement of whole lines, in offsets of the original text. */
    private record LineReplacement(int offset, int length, String inserted) {
    }

    private static List<LineReplacement> lineReplacements(String before, String after) {
        List<String> oldLines = UnifiedDiff.linesWithBreaks(before);
        List<String> newLines = UnifiedDiff.linesWithBreaks(after);
        int[] lineOffsets = new int[oldLines.size() + 1];
        for (int i = 0; i < oldLines.size(); i++) {
            lineOffsets[i + 1] = lineOffsets[i] + oldLines.get(i).length();
        }
        List<LineReplacement> replacements = new ArrayList<>();
        for (AbstractDelta<String> delta : DiffUtils.diff(oldLines, newLines).getDeltas()) {
            int first = delta.getSource().getPosition();
            int count = delta.getSource().size();
            String inserted = String.join("", delta.getTarget().getLines());
            replacements.add(new LineReplacement(lineOffsets[first], lineOffsets[first + count] - lineOffsets[first], inserted));
        }
        return replacements;
    }
}
