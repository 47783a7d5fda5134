package io.roundtrip.simulations;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import com.sun.net.httpserver.HttpServer;
import io.gatling.javaapi.core.*;
import io.gatling.javaapi.http.*;
import java.net.InetSocketAddress;

public class ExperimentSimulation extends Simulation {
    static HttpServer server;
    static {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", ex -> { ex.sendResponseHeaders(200, 2); ex.getResponseBody().write("ok".getBytes()); ex.close(); });
            server.start();
        } catch (Exception e) { throw new RuntimeException(e); }
    }
    HttpProtocolBuilder protocol = http.baseUrl("http://127.0.0.1:" + server.getAddress().getPort()).disableWarmUp();
    ScenarioBuilder scn = scenario("s").repeat(10).on(exec(http("r").get("/")));
    { setUp(scn.injectOpen(atOnceUsers(2))).protocols(protocol); }
    @Override public void after() { server.stop(0); }
}
