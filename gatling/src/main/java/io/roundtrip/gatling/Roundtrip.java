package io.roundtrip.gatling;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.util.List;

/**
 * Puts a user's own Gatling simulation through roundtrip's path (skeleton: API fixed, body in progress).
 */
public final class Roundtrip {

    private Roundtrip() {}

    /** Reads the run's system properties, starts the proxy (and the embedded origin without -Dtarget). */
    public static Roundtrip start(String runName) {
        throw new UnsupportedOperationException("in progress");
    }

    /** The populations to hand to setUp: each measured through the path, preceded by its baseline pass. */
    public List<PopulationBuilder> populations(HttpProtocolBuilder protocol, PopulationBuilder... populations) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Gatling assertions: every request's KO share at most -DmaxKo. */
    public List<Assertion> assertions() {
        throw new UnsupportedOperationException("in progress");
    }

    /** Call from Simulation.before(). */
    public void before() {
        throw new UnsupportedOperationException("in progress");
    }

    /** Call from Simulation.after(): stops the path, prints the per-request table, writes the run folder and report. */
    public void after() {
        throw new UnsupportedOperationException("in progress");
    }
}
