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
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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

    @Mixin
    RequestKindOptions kind;

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
        RequestKind request = kind.toKind();
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
}
