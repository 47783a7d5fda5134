package io.roundtrip.results.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.roundtrip.testing.Required;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the report in headless Chromium (Debian's {@code chromium}) at 1,400 × 900 with every network feature off
 * and checks the rendered page: the findings and the first chart lie within the first screen (as the page's own
 * layout check stamps them), no table overflows its width, and every chart is there. Skipped when Chromium is
 * absent, unless {@code ROUNDTRIP_REQUIRE_CHROMIUM=1} (CI), then it fails. {@code ROUNDTRIP_REPORT_SCREENSHOT=/path.png}
 * keeps the first screen's screenshot (and the page, as {@code /path.png.html}) for a look.
 */
class ReportRendersInChromiumTest {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("ROUNDTRIP_CHROMIUM", "/usr/bin/chromium"));
    static final String WINDOW = "--window-size=1400,900";
    static final Pattern CHART = Pattern.compile(
            "<figure class=\"chart\" id=\"(chart-[a-z0-9._-]+)\"[^>]*>\\s*<img src=\"data:image/png;base64,([A-Za-z0-9+/=]{1000,})\"");

    @TempDir
    Path tmp;

    @Test
    void theReportOpensWithFindingsAndAChartOnTheFirstScreen() throws Exception {
        requireChromium();
        Path html = RunReport.write(FindingsTest.sweepRuns(tmp), tmp.resolve("report"));
        String keep = System.getenv("ROUNDTRIP_REPORT_SCREENSHOT");
        if (keep != null && !keep.isBlank()) {
            Files.copy(html, Path.of(keep + ".html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }

        String dom = chromium(html, "#layout-check=900", "--dump-dom", WINDOW);
        assertThat(dom).contains("data-viewport=\"1400x");
        // Headless Chromium's window of 1400 × 900 has a shorter viewport; the page judges against the 900 px asked for.
        assertThat(dom).containsPattern("<section id=\"findings\" data-bottom-px=\"\\d+\" data-first-screen=\"true\">");
        assertThat(dom).containsPattern("<figure class=\"chart\" id=\"chart-measured-vs-predicted\" data-bottom-px=\"\\d+\" data-first-screen=\"true\">");
        assertThat(dom).contains("data-overflowing-tables=\"0\"");
        assertThat(dom).contains("id=\"table-comparison\"").contains("id=\"table-protocol-h1-vs-h2\"")
                .contains("id=\"table-capacity-little\"").contains("id=\"table-capacity-usl\"")
                .contains("HTTP/1.1, kept-alive, 1 KiB").doesNotContain("protocol=h1");
        List<String> charts = new ArrayList<>();
        Matcher m = CHART.matcher(dom);
        while (m.find()) {
            charts.add(m.group(1));
            BufferedImage png = ImageIO.read(new java.io.ByteArrayInputStream(java.util.Base64.getDecoder().decode(m.group(2))));
            assertThat(png.getWidth()).isEqualTo(Charts.WIDTH);
            assertThat(png.getHeight()).isGreaterThanOrEqualTo(Charts.FIRST_HEIGHT);
        }
        assertThat(charts).containsExactly("chart-measured-vs-predicted", "chart-percentiles-lan",
                "chart-percentiles-cross-continent-1-kib-responses", "chart-protocol-h1-vs-h2",
                "chart-protocol-keepalive-vs-fresh", "chart-latency-vs-rtt", "chart-what-if-1", "chart-usl-far");

        Path shot = tmp.resolve("first-screen.png");
        chromium(html, "", "--screenshot=" + shot, WINDOW, "--hide-scrollbars");
        BufferedImage screenshot = ImageIO.read(shot.toFile());
        assertThat(screenshot.getWidth()).isEqualTo(1400);
        if (keep != null && !keep.isBlank()) {
            Files.copy(shot, Path.of(keep), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void requireChromium() {
        Required.orSkip(Files.isExecutable(CHROMIUM), "ROUNDTRIP_REQUIRE_CHROMIUM",
                "headless Chromium not found at " + CHROMIUM + " (apt-get install -y chromium)");
    }

    private String chromium(Path html, String fragment, String... extra) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory(tmp, "chromium-profile")));
        command.addAll(List.of(extra));
        command.add(html.toUri() + fragment);
        Path out = Files.createTempFile(tmp, "chromium", ".out");
        Path err = Files.createTempFile(tmp, "chromium", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("chromium did not finish in 120 s: " + Files.readString(err));
        }
        assertThat(process.exitValue()).as("chromium exit; stderr: %s", Files.readString(err)).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
