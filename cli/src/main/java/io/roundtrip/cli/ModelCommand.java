package io.roundtrip.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.roundtrip.model.Answers;
import io.roundtrip.model.LatencyModel;
import io.roundtrip.model.Phase;
import io.roundtrip.model.Prediction;
import io.roundtrip.model.RequestKind;
import io.roundtrip.model.profile.NetworkProfile;
import io.roundtrip.model.units.Units;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bin/harness model}: predicts a request's latency on a network profile, phase by phase, with the
 * distribution's mean and percentiles; {@code --json} prints the contract of DESIGN.md; {@code --answers FILE}
 * writes the page that answers the reference text's questions.
 */
@Command(name = "model", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predict a request's latency on a network profile, phase by phase.",
                "Example: harness model --rtt 56ms --protocol h1 --connection fresh --tls none --size 65535 "
                        + "--server-time 40ms"})
final class ModelCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    ProfileOptions profile;

    private final RequestKind.Builder kind = RequestKind.builder();

    @Option(names = "--protocol", paramLabel = "h1|h2", order = 1, description = "Application protocol (h1).")
    void protocol(String v) {
        kind.protocol(parse(v, RequestKind.Protocol::parse));
    }

    @Option(names = "--connection", paramLabel = "fresh|keepalive|idle", order = 2,
            description = "Connection state: fresh (handshakes, slow start), keepalive (window open), "
                    + "idle (window restarts) (fresh).")
    void connection(String v) {
        kind.connection(parse(v, RequestKind.Connection::parse));
    }

    @Option(names = "--tls", paramLabel = "none|1.2|1.3|1.3-resumed", order = 3, description = "TLS (none).")
    void tls(String v) {
        kind.tls(parse(v, RequestKind.Tls::parse));
    }

    @Option(names = "--dns", paramLabel = "cached|uncached", order = 4, description = "DNS cache state (cached).")
    void dns(String v) {
        kind.dns(parse(v, RequestKind.Dns::parse));
    }

    @Option(names = "--size", paramLabel = "BYTES", order = 5, description = "Response size, e.g. 65535 or 64KiB (1000).")
    void size(String v) {
        kind.responseBytes(parse(v, Units::parseBytes));
    }

    @Option(names = "--request-size", paramLabel = "BYTES", order = 6, description = "Request size (300).")
    void requestSize(String v) {
        kind.requestBytes(parse(v, Units::parseBytes));
    }

    @Option(names = "--server-time", paramLabel = "DURATION", order = 7, description = "Server time, e.g. 40ms (0).")
    void serverTime(Duration v) {
        kind.serverTime(v);
    }

    @Option(names = "--resources", paramLabel = "N", order = 8,
            description = "A page load of N resources instead of one request (0).")
    void resources(int n) {
        kind.resources(parse(String.valueOf(n), text -> {
            if (n < 0) {
                throw new IllegalArgumentException("bad resources '" + n + "': must be >= 0");
            }
            return n;
        }));
    }

    @Option(names = "--resource-size", paramLabel = "BYTES", order = 9, description = "Size of each resource (100kB).")
    void resourceSize(String v) {
        kind.resourceBytes(parse(v, Units::parseBytes));
    }

    @Option(names = "--connections-per-origin", paramLabel = "K", order = 10,
            description = "HTTP/1.1 connections per origin for page loads (6).")
    void connectionsPerOrigin(int k) {
        kind.h1ConnectionsPerOrigin(parse(String.valueOf(k), text -> {
            if (k <= 0) {
                throw new IllegalArgumentException("bad connections-per-origin '" + k + "': must be > 0");
            }
            return k;
        }));
    }

    @Option(names = "--document-size", paramLabel = "BYTES", order = 10,
            description = "Page loads: fetch a document of this size first on connection 1, then the resources "
                    + "(0: no document, the resources at once).")
    void documentSize(String v) {
        kind.documentBytes(parse(v, Units::parseBytes));
    }

    @Option(names = "--h2-waits-for-settings", order = 10,
            description = "A fresh HTTP/2 connection waits for the server's SETTINGS before its first request, "
                    + "as Gatling's client does (+1 RTT over TLS 1.3, 0 over TLS 1.2).")
    void h2WaitsForSettings(boolean waits) {
        kind.h2WaitsForServerSettings(waits);
    }

    @Option(names = "--h2-receive-window", paramLabel = "BYTES", order = 10,
            description = "HTTP/2 flow control: the client's initial receive window, connection and stream "
                    + "(65535 as Gatling's client advertises; 'unbounded', the default: no flow control). The "
                    + "server's bytes in flight are capped by it; the client returns credit every half window.")
    void h2ReceiveWindow(String v) {
        kind.h2ReceiveWindowBytes(parse(v, text -> {
            String t = text.strip().toLowerCase(Locale.ROOT);
            return t.equals("unbounded") || t.equals("none") ? RequestKind.UNBOUNDED_WINDOW : Units.parseBytes(text);
        }));
    }

    @Option(names = "--tls-record-size", paramLabel = "BYTES", order = 10,
            description = "The server's TLS record size, plaintext bytes (16384, Netty's default; 0, the default: "
                    + "byte-granular). With --h2-receive-window, a WINDOW_UPDATE leaves when the whole record "
                    + "holding the byte that triggers it has arrived.")
    void tlsRecordSize(String v) {
        kind.tlsRecordBytes((int) (long) parse(v, Units::parseBytes));
    }

    @Option(names = "--samples", paramLabel = "N", order = 11,
            description = "Monte Carlo samples when the path has jitter or loss (100000).")
    int samples = LatencyModel.DEFAULT_SAMPLES;

    @Option(names = "--seed", paramLabel = "N", order = 12, description = "Monte Carlo seed (1).")
    long seed = LatencyModel.DEFAULT_SEED;

    @Option(names = "--json", order = 13,
            description = "Print JSON: phases [{name, rtts, ms}], mean_ms, percentiles_ms, quantiles_ms [[q, ms]].")
    boolean json;

    @Option(names = "--answers", paramLabel = "FILE", order = 14,
            description = "Write the reference text's questions, answered by the model, to FILE (Markdown), and exit.")
    Path answers;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        if (answers != null) {
            writeAnswers(out);
            return;
        }
        if (samples <= 0) {
            throw new ParameterException(spec.commandLine(), "bad samples '" + samples + "': must be > 0");
        }
        NetworkProfile path = profile.toProfile();
        RequestKind request = kind.build();
        Prediction prediction = LatencyModel.predict(path, request, samples, seed);
        if (json) {
            out.println(json(path, request, prediction));
        } else {
            out.print(table(path, request, prediction));
        }
        out.flush();
    }

    private void writeAnswers(PrintWriter out) {
        try {
            Path parent = answers.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(answers, Answers.markdown(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + answers + ": " + e.getMessage(), e);
        }
        out.println("wrote " + answers);
        out.flush();
    }

    /** The readable table: profile, request, one row per phase, the total, and the distribution. */
    static String table(NetworkProfile path, RequestKind request, Prediction prediction) {
        StringBuilder s = new StringBuilder();
        s.append("profile  ").append(path.describe()).append('\n');
        s.append("request  ").append(request.describe()).append("\n\n");
        s.append(String.format(Locale.ROOT, "%-15s %12s %12s%n", "phase", "round trips", "ms"));
        for (Phase phase : prediction.phases()) {
            s.append(String.format(Locale.ROOT, "%-15s %12.2f %12.2f%n", phase.name(), phase.rtts(), phase.ms()));
        }
        s.append(String.format(Locale.ROOT, "%-15s %12.2f %12.2f%n%n", "total", prediction.roundTrips(),
                prediction.analyticMillis()));
        s.append(String.format(Locale.ROOT, "mean %.2f ms   p50 %.2f   p90 %.2f   p99 %.2f   p99.9 %.2f   (%s)%n",
                prediction.meanMillis(), prediction.percentilesMillis().p50(), prediction.percentilesMillis().p90(),
                prediction.percentilesMillis().p99(), prediction.percentilesMillis().p999(), prediction.method()));
        return s.toString();
    }

    static String json(NetworkProfile path, RequestKind request, Prediction prediction) {
        Map<String, Object> document = new LinkedHashMap<>(prediction.toJsonMap());
        document.put("request", request.describe());
        document.put("profile", path.toMap());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    private <T> T parse(String text, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}
