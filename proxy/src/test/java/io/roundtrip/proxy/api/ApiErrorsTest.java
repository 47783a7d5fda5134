package io.roundtrip.proxy.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.proxy.Addresses;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.roundtrip.proxy.toxic.Stage;
import io.roundtrip.proxy.toxic.StageContext;
import io.roundtrip.proxy.toxic.Stream;
import io.roundtrip.proxy.toxic.Toxic;
import io.roundtrip.proxy.toxic.ToxicSpec;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/** Bad input is a 400 with one line, unknown names 404, duplicates 409; never a 500. */
class ApiErrorsTest {

    @RegisterExtension
    final RunningApi api = new RunningApi();

    @BeforeEach
    void start() throws Exception {
        assertThat(send("POST", "/proxies", "{\"name\":\"p\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:9\"}")
                .statusCode()).isEqualTo(201);
    }

    /** Every bad request: its status, one line, no Java in it, nothing created; where given, the reason it names. */
    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
        "POST|/proxies|{not json|400|",
        "POST|/proxies|{\"name\":\"p\",\"upstream\":\"127.0.0.1:9\"}|409|",
        "POST|/proxies|{\"name\":\"q\"}|400|",
        "POST|/proxies|{\"name\":\"q\",\"upstream\":\"127.0.0.1:99999\"}|400|",
        "POST|/proxies|{\"name\":\"q\",\"upstream\":\"127.0.0.1:0\"}|400|",
        "POST|/proxies|{\"name\":\"q\",\"listen\":\"no-such-host.invalid:0\",\"upstream\":\"127.0.0.1:9\"}|400|cannot listen on no-such-host.invalid:0",
        "POST|/proxies/p|{\"upstream\":\"127.0.0.1:0\"}|400|",
        "POST|/populate|[{\"name\":\"q\",\"upstream\":\"127.0.0.1:0\"}]|400|",
        "GET|/proxies/nope|''|404|",
        "DELETE|/proxies/nope|''|404|",
        "GET|/nothing|''|404|",
        "POST|/proxies/p/toxics|{\"type\":\"warp\"}|400|",
        "POST|/proxies/p/toxics|{\"type\":\"latency\",\"attributes\":{\"latency\":1e300}}|400|latency.latency must be at most 2147483647 ms",
        "POST|/proxies/p/toxics|{\"type\":\"handshake\",\"attributes\":{\"rtt\":3600001}}|400|handshake.rtt must be at most 3600000 ms",
        "POST|/proxies/p/toxics|{\"type\":\"latency\",\"attributes\":{\"latency\":9.3e12}}|400|",
        "POST|/proxies/p/toxics|{\"type\":\"latency\",\"attributes\":{\"latency\":2147483648}}|400|",
        "POST|/proxies/p/toxics|{\"type\":\"latency\",\"attributes\":{\"jitter\":-2147483648}}|400|",
        "POST|/proxies/p/toxics|{\"type\":\"loss\",\"attributes\":{\"rate\":0.1,\"rtt\":3600001}}|400|",
        "POST|/proxies/p/toxics|{\"type\":\"loss\",\"attributes\":{\"rate\":0.1,\"rtt\":-5}}|400|",
        "POST|/proxies/p/toxics|{\"type\":\"slicer\",\"attributes\":{\"average_size\":0}}|400|",
        "POST|/proxies/p/toxics|{\"type\":\"bandwidth\",\"attributes\":{\"rate\":0}}|400|",
        "POST|/proxies/p/toxics|{\"type\":\"slow_close\",\"attributes\":{\"delay\":1e300}}|400|",
        "POST|/proxies/p/toxics|{\"type\":\"loss\",\"attributes\":{\"rate\":0.1,\"min_rto\":1e300}}|400|",
        "POST|/proxies/p/toxics|{\"type\":\"slicer\",\"attributes\":{\"average_size\":10,\"delay\":1e300}}|400|",
        "POST|/proxies/p/toxics|{\"type\":\"latency\",\"toxicity\":1.5}|400|",
        "POST|/proxies/p/toxics|{\"type\":\"latency\",\"toxicity\":-0.1}|400|",
        "POST|/proxies/p/toxics|{\"type\":\"latency\",\"stream\":\"sideways\"}|400|",
        "POST|/proxies/p/toxics|{\"type\":\"bandwidth\",\"attributes\":{\"rate\":\"fast\"}}|400|",
        "POST|/proxies/p/toxics|{\"type\":\"loss\",\"attributes\":{\"rate\":2}}|400|",
        "POST|/proxies/nope/toxics|{\"type\":\"latency\"}|404|",
        "GET|/proxies/p/toxics/nope|''|404|",
        "PUT|/proxies|''|405|",
        "POST|/proxies|{\"name\":\"q\",\"upstream\":\"127.0.0.1:9\",\"colour\":\"red\"}|400|unknown field 'colour'",
        "POST|/proxies|{\"name\":\"q\",\"upstream\":\"127.0.0.1:9\",\"enabled\":\"yes\"}|400|enabled must be true or false",
        "POST|/proxies|{\"name\":7,\"upstream\":\"127.0.0.1:9\"}|400|name must be a string",
        "POST|/proxies|{\"name\":\"q\",\"upstream\":\"127.0.0.1:9\",\"toxics\":{}}|400|toxics must be an array",
        "POST|/proxies|{\"name\":\"q\",\"upstream\":\"127.0.0.1:9\",\"toxics\":[{\"type\":\"latency\",\"toxicity\":\"all\"}]}|400|toxics[0].toxicity must be a number",
        "POST|/proxies|[1,2]|400|proxy must be a JSON object",
        "POST|/proxies|null|400|proxy must be a JSON object",
        "POST|/proxies|{\"name\":\"q\",\"upstream\":\"127.0.0.1:9\",\"toxics\":[null]}|400|toxics[0] must be a JSON object",
        "POST|/populate|[null]|400|populate expects a JSON array of proxies",
        "POST|/proxies/p/toxics|null|400|toxic must be a JSON object",
        "POST|/proxies/p|{\"enabled\":1}|400|enabled must be true or false",
        "POST|/proxies/p/toxics|{\"type\":\"latency\",\"attributes\":[1]}|400|attributes must be a JSON object",
        "POST|/proxies/p/toxics|{\"type\":\"latency\",\"strem\":\"upstream\"}|400|unknown field 'strem'",
        "POST|/populate|{\"name\":\"x\"}|400|populate expects a JSON array of proxies",
        "POST|/populate|[{\"name\":\"a\",\"upstream\":\"127.0.0.1:9\"},{\"name\":\"a\",\"upstream\":\"127.0.0.1:9\"}]|400|populate lists proxy 'a' more than once",
    })
    void answersWithTheRightStatusAndOneLine(String method, String path, String body, int status, String reason)
            throws Exception {
        assertError(send(method, path, body), status, reason == null ? "" : reason);
        assertThat(send("GET", "/proxies/q", "").statusCode()).isEqualTo(404);
    }

    /** Roundtrip's own durations stop at an hour (the table above); toxiproxy's go to 24.8 days. */
    @Test
    void toxiproxysDurationsGoTo24DaysAndOneTooLongChangesNothing() throws Exception {
        HttpResponse<String> ok = send("POST", "/proxies/p/toxics",
                "{\"type\":\"latency\",\"attributes\":{\"latency\":2147483647,\"jitter\":7200000}}");
        assertThat(ok.statusCode()).isEqualTo(200);
        HttpResponse<String> tooLong = send("PATCH", "/proxies/p/toxics/latency_downstream",
                "{\"attributes\":{\"latency\":1e300}}");
        assertError(tooLong, 400, "latency.latency must be at most 2147483647 ms");
        assertThat(send("GET", "/proxies/p/toxics/latency_downstream", "").body()).contains("\"latency\":2147483647");
    }

    @Test
    void anUnexpectedExceptionIsA500InOneLineAndLoggedWithItsStack() throws Exception {
        Toxic broken = new Toxic() {
            @Override
            public String type() {
                return "broken";
            }

            @Override
            public Map<String, Object> attributes() {
                throw new IllegalStateException("a bug in a toxic\nsecond line");
            }

            @Override
            public Stage newStage(StageContext ctx) {
                return Stage.IDENTITY;
            }
        };
        api.proxy().addListener("bug", new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", 9),
                List.of(new ToxicSpec("broken", Stream.DOWNSTREAM, 1, broken)));
        Logger log = (Logger) LoggerFactory.getLogger(ApiHandler.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        log.addAppender(logged);
        try {
            HttpResponse<String> r = send("GET", "/proxies/bug", "");
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
            // a generic reason: what went wrong is the proxy's business, logged, not the client's
            assertThat(r.body()).isEqualTo("{\"error\":\"internal error (logged by the proxy)\",\"status\":500}");
            assertThat(logged.list).anySatisfy(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                assertThat(e.getThrowableProxy()).isNotNull();
                assertThat(e.getThrowableProxy().getStackTraceElementProxyArray()).isNotEmpty();
            });
            // validation errors stay 400, and are not logged as failures
            logged.list.clear();
            assertThat(send("POST", "/proxies/p/toxics", "{\"type\":\"warp\"}").statusCode()).isEqualTo(400);
            assertThat(logged.list).noneMatch(e -> e.getLevel() == Level.WARN);
        } finally {
            log.detachAppender(logged);
        }
    }

    @Test
    void upstreamPortZeroIsRefusedAndChangesNothing() throws Exception {
        HttpResponse<String> r = send("POST", "/proxies", "{\"name\":\"z\",\"upstream\":\"127.0.0.1:0\"}");
        assertThat(r.body()).contains("port 0 is not a destination");
        assertThat(send("GET", "/proxies/z", "").statusCode()).isEqualTo(404);
        assertThat(send("PATCH", "/proxies/p", "{\"upstream\":\"localhost:0\"}").statusCode()).isEqualTo(400);
        assertThat(send("GET", "/proxies/p", "").body()).contains("\"upstream\":\"127.0.0.1:9\"");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> api.proxy().addListener("e",
                new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aProxyWithDuplicateToxicNamesIsNotCreatedAtAll() throws Exception {
        int port = freePort();
        HttpResponse<String> r = send("POST", "/proxies", "{\"name\":\"dup\",\"listen\":\"127.0.0.1:" + port
                + "\",\"upstream\":\"127.0.0.1:9\",\"toxics\":[{\"name\":\"t\",\"type\":\"latency\"},"
                + "{\"name\":\"t\",\"type\":\"latency\"}]}");
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(send("GET", "/proxies/dup", "").statusCode()).isEqualTo(404);
        assertNotListening(port);
    }

    @Test
    void aPopulateThatFailsHalfWayChangesNothing() throws Exception {
        // "keep" exists; the list replaces it (new upstream), adds "fresh", then fails on a listen address in use
        assertThat(send("POST", "/proxies", "{\"name\":\"keep\",\"listen\":\"127.0.0.1:0\","
                + "\"upstream\":\"127.0.0.1:9\"}").statusCode()).isEqualTo(201);
        assertThat(send("POST", "/proxies/keep/toxics", "{\"type\":\"latency\",\"attributes\":{\"latency\":7}}")
                .statusCode()).isEqualTo(200);
        String keepListen = Addresses.format(api.proxy().listener("keep").address());
        String inUse = Addresses.format(api.proxy().listener("p").address());
        int freshPort = freePort();
        HttpResponse<String> r = send("POST", "/populate", "["
                + "{\"name\":\"keep\",\"listen\":\"" + keepListen + "\",\"upstream\":\"127.0.0.1:10\"},"
                + "{\"name\":\"fresh\",\"listen\":\"127.0.0.1:" + freshPort + "\",\"upstream\":\"127.0.0.1:9\"},"
                + "{\"name\":\"clash\",\"listen\":\"" + inUse + "\",\"upstream\":\"127.0.0.1:9\"}]");
        assertError(r, 400, "cannot listen on");
        assertThat(send("GET", "/proxies/fresh", "").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/proxies/clash", "").statusCode()).isEqualTo(404);
        assertNotListening(freshPort);
        HttpResponse<String> keep = send("GET", "/proxies/keep", "");
        assertThat(keep.body()).contains("\"upstream\":\"127.0.0.1:9\"").contains("\"listen\":\"" + keepListen + "\"")
                .contains("\"enabled\":true").contains("\"latency\":7");
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(api.proxy().listener("keep").address(), 2000);
        }
    }

    @Test
    void aPopulateWithDuplicateToxicNamesIsRejectedBeforeAnyChange() throws Exception {
        int port = freePort();
        HttpResponse<String> r = send("POST", "/populate", "[{\"name\":\"a\",\"listen\":\"127.0.0.1:" + port
                + "\",\"upstream\":\"127.0.0.1:9\"},{\"name\":\"b\",\"listen\":\"127.0.0.1:0\","
                + "\"upstream\":\"127.0.0.1:9\",\"toxics\":[{\"name\":\"t\",\"type\":\"latency\"},"
                + "{\"name\":\"t\",\"type\":\"latency\"}]}]");
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(send("GET", "/proxies/a", "").statusCode()).isEqualTo(404);
        assertNotListening(port);
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return ss.getLocalPort();
        }
    }

    private static void assertNotListening(int port) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            }
        }).isInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void anUpdateToAListenAddressInUseChangesNothing() throws Exception {
        assertThat(send("POST", "/proxies", "{\"name\":\"mv\",\"listen\":\"127.0.0.1:0\","
                + "\"upstream\":\"127.0.0.1:9\"}").statusCode()).isEqualTo(201);
        InetSocketAddress before = api.proxy().listener("mv").address();
        String inUse = Addresses.format(api.proxy().listener("p").address());
        HttpResponse<String> r = send("POST", "/proxies/mv",
                "{\"listen\":\"" + inUse + "\",\"upstream\":\"127.0.0.1:10\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(send("GET", "/proxies/mv", "").body()).contains("\"upstream\":\"127.0.0.1:9\"")
                .contains("\"listen\":\"" + Addresses.format(before) + "\"").contains("\"enabled\":true");
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(before, 2000);
        }
    }

    @Test
    void enablingADisabledProxyOnAnAddressInUseKeepsItsListenAddress() throws Exception {
        int port = freePort();
        assertThat(send("POST", "/proxies", "{\"name\":\"off\",\"listen\":\"localhost:" + port
                + "\",\"upstream\":\"127.0.0.1:9\",\"enabled\":false}").statusCode()).isEqualTo(201);
        String before = send("GET", "/proxies", "").body();
        String inUse = Addresses.format(api.proxy().listener("p").address());
        HttpResponse<String> r = send("PATCH", "/proxies/off", "{\"listen\":\"" + inUse + "\",\"enabled\":true}");
        assertError(r, 400, "cannot listen on");
        assertThat(send("GET", "/proxies", "").body()).isEqualTo(before).contains("\"listen\":\"localhost:" + port);
        assertNotListening(port);
    }

    @Test
    void aListenAddressInUseIsA400() throws Exception {
        String listen = Addresses.format(api.proxy().listener("p").address());
        HttpResponse<String> r = send("POST", "/proxies",
                "{\"name\":\"clash\",\"listen\":\"" + listen + "\",\"upstream\":\"127.0.0.1:9\"}");
        assertError(r, 400, "cannot listen on");
        assertThat(send("GET", "/proxies/clash", "").statusCode()).isEqualTo(404);
    }

    @Test
    void createsUpdatesAndDeletesToxicsAndReportsStats() throws Exception {
        HttpResponse<String> created = send("POST", "/proxies/p/toxics",
                "{\"type\":\"latency\",\"stream\":\"upstream\",\"attributes\":{\"latency\":25}}");
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.body()).contains("\"name\":\"latency_upstream\"").contains("\"latency\":25");
        assertThat(send("POST", "/proxies/p/toxics", "{\"type\":\"latency\",\"stream\":\"upstream\"}").statusCode())
                .isEqualTo(409);
        HttpResponse<String> patched = send("PATCH", "/proxies/p/toxics/latency_upstream",
                "{\"attributes\":{\"jitter\":5}}");
        assertThat(patched.body()).contains("\"latency\":25").contains("\"jitter\":5");
        assertThat(send("POST", "/proxies/p/toxics", "{\"name\":\"ss\",\"type\":\"slow_start\","
                + "\"attributes\":{\"rtt\":80,\"initcwnd\":10}}").statusCode()).isEqualTo(200);
        assertThat(send("DELETE", "/proxies/p/toxics/latency_upstream", "").statusCode()).isEqualTo(204);
        HttpResponse<String> stats = send("GET", "/proxies/p/stats", "");
        assertThat(stats.body()).contains("connections_open").contains("bytes_upstream").contains("stalls_injected")
                .contains("window_bytes");
        HttpResponse<String> populated = send("POST", "/populate",
                "[{\"name\":\"a\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:9\"},"
                        + "{\"name\":\"b\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:9\",\"enabled\":false}]");
        assertThat(populated.statusCode()).isEqualTo(201);
        assertThat(send("GET", "/proxies", "").body()).contains("\"a\"").contains("\"b\"");
        assertThat(send("POST", "/proxies/b", "{\"enabled\":true}").body()).contains("\"enabled\":true");
        assertThat(send("DELETE", "/proxies/b", "").statusCode()).isEqualTo(204);
    }

    /** An error answered as the API answers every error: {@code status}, one line naming {@code reason}, no Java. */
    private static void assertError(HttpResponse<String> r, int status, String reason) {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.body()).contains("\"error\"").contains(reason).doesNotContain("\n").doesNotContain("Exception")
                .doesNotContain("java.");
    }

    /** As {@link TestApi#send}, where {@code ''} in the tables above stands for an empty body. */
    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return api.send(method, path, "''".equals(body) ? "" : body);
    }
}
