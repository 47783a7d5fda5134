package io.roundtrip.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.roundtrip.model.capacity.ErlangC;
import io.roundtrip.model.capacity.LittlesLaw;
import io.roundtrip.model.capacity.RequestRates;
import io.roundtrip.model.capacity.UniversalScalabilityLaw;
import io.roundtrip.model.LatencyModel;
import io.roundtrip.model.Prediction;
import io.roundtrip.model.RequestKind;
import io.roundtrip.model.profile.NetworkProfile;
import io.roundtrip.model.units.Units;
import io.roundtrip.results.report.ConcurrencySweep;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code harness capacity}: a Universal Scalability Law fit of a concurrency sweep ({@code --usl FILE.csv}), or the
 * connections a target rate keeps busy (Little's law) and the pool that keeps the wait probability under a target
 * (Erlang C).
 */
@Command(
        name = "capacity",
        mixinStandardHelpOptions = true,
        description = {
            "Capacity planning: a Universal Scalability Law fit, Little's law busy connections, Erlang C pool sizing.",
            "  harness capacity --usl sweep.csv",
            "      CSV columns concurrency,throughput (requests/s); header optional; at least 6 rows.",
            "  harness capacity --rate 2000/s --latency 170ms --wait-probability 1%%",
            "  harness capacity --rate 2000/s --profile cross-ocean --protocol h2 --tls 1.3",
            "      what if: the latency comes from the model for that request on that profile (a preset, a file",
            "      or any profile flag: --rtt 80ms --loss 1%%); the request flags are harness model's."
        })
final class CapacityCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--usl", paramLabel = "FILE.csv",
            description = "Fit the USL to a concurrency sweep: CSV with columns concurrency,throughput (requests/s).")
    Path uslFile;

    @Option(names = "--rate", paramLabel = "RATE", description = "Target request rate, e.g. 2000/s, 2k/s, 120000/min.")
    String rate;

    @Option(names = "--latency", paramLabel = "DURATION",
            description = "Mean time a request holds its connection, e.g. 170ms.")
    Duration latency;

    /** What if: the latency from the model for this profile (any profile flag asks it). */
    @Mixin
    ProfileOptions profile;

    /** What if: the request the model predicts (the model's defaults, as {@code harness model}). */
    @Mixin
    RequestKindOptions kind;

    @Option(names = "--wait-probability", paramLabel = "RATIO", defaultValue = "1%",
            description = "Erlang C target: the largest acceptable chance that a request waits for a connection (default ${DEFAULT-VALUE}).")
    String waitProbability;

    @Option(names = "--json", description = "Print one JSON object instead of sentences.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        boolean little = rate != null || latency != null || profile.given();
        if (uslFile == null && !little) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give either --usl FILE.csv or --rate and --latency");
        }
        if (uslFile != null && little) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--usl and --rate/--latency are separate questions: ask one at a time");
        }
        PrintWriter out = spec.commandLine().getOut();
        ObjectNode result = uslFile != null ? usl(out) : littleAndErlang(out);
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
        }
        out.flush();
        return 0;
    }

    private ObjectNode usl(PrintWriter out) {
        ConcurrencySweep sweep = ConcurrencySweep.read(uslFile);
        UniversalScalabilityLaw usl = sweep.fit();
        ObjectNode node = new ObjectMapper().createObjectNode();
        node.put("points", sweep.rows().size());
        node.put("sigma", usl.sigma());
        node.put("kappa", usl.kappa());
        node.put("lambda", usl.lambda());
        if (Double.isFinite(usl.maxConcurrency())) {
            node.put("n_max", (long) usl.maxConcurrency());
        } else {
            node.putNull("n_max");
        }
        putFinite(node, "x_max", usl.maxThroughput());
        if (!json) {
            out.printf(Locale.ROOT, "USL fit of %d points from %s (Levenberg-Marquardt):%n", sweep.rows().size(), uslFile);
            out.printf(Locale.ROOT, "  sigma  = %.8g  (contention)%n", usl.sigma());
            out.printf(Locale.ROOT, "  kappa  = %.8g  (coherency)%n", usl.kappa());
            out.printf(Locale.ROOT, "  lambda = %.7g req/s  (throughput of one worker)%n", usl.lambda());
            if (Double.isInfinite(usl.maxConcurrency())) {
                out.printf(Locale.ROOT, "no coherency penalty (kappa = 0): throughput never falls; it approaches %s req/s%n",
                        Double.isInfinite(usl.maxThroughput()) ? "infinity" : String.format(Locale.ROOT, "%.0f", usl.maxThroughput()));
            } else {
                out.printf(Locale.ROOT, "peak throughput X_max = %.1f req/s at N_max = %.0f concurrent requests;"
                        + " beyond %.0f, adding concurrency lowers throughput%n",
                        usl.maxThroughput(), usl.maxConcurrency(), usl.maxConcurrency());
            }
        }
        return node;
    }

    private ObjectNode littleAndErlang(PrintWriter out) {
        if (rate == null || (latency == null) == !profile.given()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Little's law needs --rate and one of --latency or --profile");
        }
        double perSecond;
        double target;
        ObjectNode node = new ObjectMapper().createObjectNode();
        Duration meanLatency = latency;
        try {
            perSecond = RequestRates.parsePerSecond(rate);
            target = Units.parseFraction(waitProbability);
            if (profile.given()) {
                NetworkProfile network = profile.toProfile();
                RequestKind request = kind.toKind();
                Prediction prediction = LatencyModel.predict(network, request);
                meanLatency = Duration.ofNanos(Math.round(prediction.meanMillis() * 1e6));
                node.put("profile", network.name());
                node.put("request_kind", request.toString());
                node.put("predicted_mean_ms", prediction.meanMillis());
                node.put("predicted_p99_ms", prediction.percentilesMillis().p99());
                if (!json) {
                    out.printf(Locale.ROOT, "Model: %s on %s: mean %.1f ms, p99 %.1f ms%n", request, network.name(),
                            prediction.meanMillis(), prediction.percentilesMillis().p99());
                }
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (target <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--wait-probability must be above 0%");
        }
        double busy = LittlesLaw.concurrency(perSecond, meanLatency);
        int pool = ErlangC.poolSize(busy, target);
        double achieved = ErlangC.waitProbability(pool, busy);
        double meanWaitMs = ErlangC.meanWaitSeconds(pool, busy, meanLatency.toNanos() / 1e9) * 1e3;
        node.put("rate_per_second", perSecond);
        node.put("latency_ms", meanLatency.toNanos() / 1e6);
        node.put("busy_connections", busy);
        node.put("wait_probability_target", target);
        node.put("pool_size", pool);
        node.put("wait_probability", achieved);
        node.put("mean_wait_ms", meanWaitMs);
        if (!json) {
            out.printf(Locale.ROOT, "Little's law: %s req/s x %s = %s busy connections on average%n",
                    plain(perSecond), !profile.given() ? Units.formatDuration(meanLatency)
                            : String.format(Locale.ROOT, "%.1fms", meanLatency.toNanos() / 1e6), plain(busy));
            out.printf(Locale.ROOT, "Erlang C: a pool of %d connections keeps P(wait) <= %s (P(wait) = %.3f%%,"
                    + " mean wait %.3f ms)%n", pool, percent(target), achieved * 100, meanWaitMs);
        }
        return node;
    }

    private static void putFinite(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String percent(double fraction) {
        return plain(fraction * 100) + "%";
    }
}
