package dev.numguard.analyzer.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.numguard.analyzer.engine.AnalysisRun;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report in a real browser: headless Chromium ({@code /usr/bin/chromium}, Debian's
 * {@code chromium} package) loads the page, runs its script and dumps the resulting DOM. Skipped
 * when Chromium is not installed.
 */
class HtmlReportInBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    @Test
    void theFiltersHideWhatTheyDoNotSelectInABrowser() throws Exception {
        assumeThat(Files.isExecutable(CHROMIUM)).as("headless Chromium at " + CHROMIUM).isTrue();
        AnalysisRun run = ReportFixtures.analyse(dir);
        StringWriter html = new StringWriter();
        new HtmlReport(new ToolInfo("numguard", "1.2.3", "https://example.org/numguard")).write(ReportedRun.of(run, dir), html);
        Path page = Files.writeString(dir.resolve("numguard.html"), html.toString());

        Document all = render(page.toUri() + "");
        assertThat(all.select(".finding")).hasSize(3);
        assertThat(all.select(".finding[hidden]")).isEmpty();
        assertThat(all.getElementById("shown").text()).isEqualTo("3");
        assertThat(all.select("table").first().text()).contains("TestLog1p").contains("TestSoftmax");

        Document warnings = render(page.toUri() + "#severity=warning");
        assertThat(warnings.select(".finding:not([hidden])")).singleElement()
                .satisfies(finding -> assertThat(finding.attr("data-rule")).isEqualTo("TestLog1p"));
        assertThat(warnings.getElementById("shown").text()).isEqualTo("1");

        Document oneRule = render(page.toUri() + "#rule=TestSoftmax&severity=error");
        assertThat(oneRule.select(".finding:not([hidden])")).singleElement()
                .satisfies(finding -> assertThat(finding.select("a").attr("href"))
                        .isEqualTo("https://example.org/numguard/docs/rules/TestSoftmax.md"));
    }

    private Document render(String url) throws IOException, InterruptedException {
        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + dir.resolve("profile"), "--dump-dom", url)
                .redirectError(dir.resolve("chromium.log").toFile()).start();
        String dom = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(chromium.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(dom).as(Files.readString(dir.resolve("chromium.log"))).contains("</html>");
        return Jsoup.parse(dom);
    }
}
