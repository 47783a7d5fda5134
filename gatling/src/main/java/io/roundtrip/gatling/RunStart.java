package io.roundtrip.gatling;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The start of a run, where bad input must stop it at once with one line: a bad {@code -Dname=value} or a target
 * that does not answer. Gatling would otherwise print a stack trace, or run for its whole duration failing every
 * request. The simulation runs in its own JVM (the Gatling plugin forks one), so exiting is the clean stop.
 */
public final class RunStart {

    /**
     * Exit status for bad input. Not 2, which {@code bin/harness} uses: Gatling and its Maven plugin read 2 as
     * "assertions failed", which would send the user looking in the wrong place.
     */
    public static final int BAD_INPUT = 1;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** How late after {@code -DstartAt} a generator may still open its window (the others' first second). */
    private static final Duration START_GRACE = Duration.ofSeconds(1);

    private RunStart() {}

    /**
     * The run's parameters as {@code read} gives them, with a reachable target; else prints the one-line reason and
     * exits with {@value #BAD_INPUT}.
     */
    public static RunParameters parametersOrExit(Supplier<RunParameters> read) {
        RunParameters parameters = valueOrExit(read);
        valueOrExit(() -> {
            parameters.target().ifPresent(RunStart::requireReachable);
            return parameters;
        });
        return parameters;
    }

    /** A simulation's own parameter, or its one-line reason and exit {@value #BAD_INPUT}. */
    public static <T> T valueOrExit(Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            return exit(e.getMessage());
        }
    }

    /** Starts what {@code start} builds, or prints the one-line reason it failed and exits. */
    public static <T> T orExit(Supplier<T> start) {
        try {
            return start.get();
        } catch (RuntimeException e) {
            return exit("cannot start: " + e.getMessage());
        }
    }

    /**
     * Opens {@code recording}'s measured window: at {@code -DstartAt} when given (waiting for it), else a warm-up
     * from now. Call from the simulation's {@code before()}.
     */
    public static void openMeasuredWindow(RunParameters parameters, LatencyRecording recording) {
        Optional<Instant> startAt = parameters.generator().startAt();
        if (startAt.isEmpty()) {
            recording.start();
            return;
        }
        // a generator ready only after the common start would measure a window the others did not: it stops instead
        Duration late = Duration.between(startAt.get(), Instant.now());
        if (late.compareTo(START_GRACE) > 0) {
            exit("-DstartAt=" + startAt.get() + " passed " + late.toMillis() + " ms before this generator was ready;"
                    + " choose a later instant");
        }
        recording.startAt(startAt.get());
    }

    /** The TLS version the target negotiates with Gatling's offer ({@code NONE} for plain HTTP or the origin). */
    public static io.roundtrip.model.RequestKind.Tls targetTlsOrExit(RunParameters parameters) {
        return valueOrExit(() -> parameters.target().map(TlsProbe::negotiated)
                .orElse(io.roundtrip.model.RequestKind.Tls.NONE));
    }

    private static void requireReachable(URI target) {
        int port = target.getPort() != -1 ? target.getPort() : "https".equals(target.getScheme()) ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target.getHost(), port), (int) CONNECT_TIMEOUT.toMillis());
        } catch (IOException e) {
            throw new IllegalArgumentException("bad -Dtarget=" + target + ": cannot connect to " + target.getHost()
                    + ":" + port + " (" + e.getMessage() + ")");
        }
    }

    /** Prints {@code roundtrip: line} on stderr and exits with {@value #BAD_INPUT}: the one way a run stops on bad input. */
    public static <T> T exit(String line) {
        System.err.println("roundtrip: " + line);
        System.err.flush();
        System.exit(BAD_INPUT);
        throw new AssertionError("unreachable");
    }
}
