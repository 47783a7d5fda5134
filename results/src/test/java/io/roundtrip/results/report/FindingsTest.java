package io.roundtrip.results.report;

import static io.roundtrip.results.report.RunFolderFixture.latencies;
import static io.roundtrip.results.report.RunFolderFixture.prediction;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The findings open the report and every figure they quote is a number of {@code summary.json}: each figure names
 * its field, and the field's value, printed the same way, is what the sentence says.
 */
@Timeout(120)
class FindingsTest {

    @TempDir
    Path tmp;

    /** Two profiles, a protocol pair, a scenario off by one round trip and a concurrency sweep. */
    static List<Path> sweepRuns(Path tmp) throws IOException {
        Path lan = new RunFolderFixture(tmp.resolve("lan"), "lan", "lan", "1ms")
                .scenario("h1-keepalive", latencies(800, 1, 0.1, 7), new long[0], RunReportTest.H1_KEEPALIVE,
                        prediction(1.07, 1.23, 1.46, 1.69, null, 0, 1))
                .write();
        Path far = RunReportTest.cannedRun(tmp.resolve("far"), "far", 8);
        Files.writeString(far.resolve("capacity-sweep.csv"),
                "concurrency,throughput_rps\n1,100\n2,195\n4,370\n8,640\n16,900\n32,950\n64,820\n");
        return List.of(lan, far);
    }

    @Test
    void everyQuotedFigureIsTheSummarysNumber() throws IOException {
        Path html = RunReport.write(sweepRuns(tmp), tmp.resolve("out"));
        JsonNode summary = new ObjectMapper().readTree(tmp.resolve("out/summary.json").toFile());

        List<String> topics = assertFiguresMatch(summary);
        assertThat(topics).hasSizeBetween(3, 7)
                .containsSubsequence("winner", "agreement", "tail", "what-if", "capacity", "usl");
        String page = Files.readString(html);
        assertThat(page.indexOf("<section id=\"findings\">")).isPositive()
                .isLessThan(page.indexOf("<figure")).isLessThan(page.indexOf("<table"));
        for (JsonNode f : summary.get("findings")) {
            assertThat(page).contains(HtmlReport.esc(f.get("text").asText()));
        }
    }

    @Test
    void theWinnerSentenceNamesTheFastestStrategyAndItsLeadInRoundTrips() throws IOException {
        RunReport.write(sweepRuns(tmp), tmp.resolve("out"));
        JsonNode summary = new ObjectMapper().readTree(tmp.resolve("out/summary.json").toFile());
        JsonNode winner = summary.get("findings").get(0);
        JsonNode ranking = summary.at("/workloads/0/ranking");

        assertThat(winner.get("topic").asText()).isEqualTo("winner");
        assertThat(ranking.get(0).get("scenario").asText()).isEqualTo("h1-keepalive");
        assertThat(ranking.get(ranking.size() - 1).get("scenario").asText()).isEqualTo("h1-fresh");
        // h1-fresh is about two round trips (one handshake, plus the canned 80 ms) behind keep-alive at 80 ms RTT.
        assertThat(ranking.get(ranking.size() - 1).get("behind_fastest_rtts").asDouble()).isBetween(1.8, 2.3);
        assertThat(winner.get("text").asText()).startsWith("On cross-continent (RTT 80.00 ms), for 1 KiB responses,")
                .contains("HTTP/1.1 over kept-alive connections (h1-keepalive) is fastest")
                .contains("ahead of HTTP/1.1 over fresh TCP connections");
    }

    @Test
    void ownRunFindingsQuoteTheSummaryToo() throws IOException {
        RunReport.write(List.of(OwnRunTest.ownRun(tmp.resolve("own"))), tmp.resolve("out"));
        JsonNode summary = new ObjectMapper().readTree(tmp.resolve("out/summary.json").toFile());
        assertThat(assertFiguresMatch(summary)).contains("own-requests");
    }

    /** Checks each finding's figures against the summary's own fields; returns the topics in order. */
    static List<String> assertFiguresMatch(JsonNode summary) {
        List<String> topics = new ArrayList<>();
        for (JsonNode f : summary.get("findings")) {
            String text = f.get("text").asText();
            topics.add(f.get("topic").asText());
            assertThat(f.get("figures")).as("figures of: %s", text).isNotEmpty();
            for (JsonNode figure : f.get("figures")) {
                String source = figure.get("source").asText();
                JsonNode field = summary.at(source);
                assertThat(field.isNumber()).as("%s in summary.json, quoted by: %s", source, text).isTrue();
                double value = field.asDouble();
                assertThat(figure.get("value").asDouble()).as(source).isCloseTo(value,
                        org.assertj.core.api.Assertions.within(1e-9 * Math.max(1, Math.abs(value))));
                Finding.Unit unit = Finding.Unit.valueOf(figure.get("unit").asText());
                assertThat(figure.get("printed").asText()).isEqualTo(unit.print(value));
                assertThat(text).as("sentence quoting %s", source).contains(unit.print(value));
            }
        }
        return topics;
    }


}
