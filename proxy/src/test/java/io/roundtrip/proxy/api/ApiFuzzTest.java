package io.roundtrip.proxy.api;

import static io.roundtrip.proxy.api.FuzzInput.LAT;
import static io.roundtrip.proxy.api.FuzzInput.ODD;
import static io.roundtrip.proxy.api.FuzzInput.ODD_TOXIC;
import static io.roundtrip.proxy.api.FuzzInput.OFF;
import static io.roundtrip.proxy.api.FuzzInput.P;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.roundtrip.proxy.Addresses;
import io.roundtrip.proxy.ProxyListener;
import io.roundtrip.proxy.ProxySpec;
import io.roundtrip.proxy.TestUpstream;
import io.roundtrip.proxy.api.FuzzInput.Attempt;
import io.roundtrip.proxy.api.FuzzInput.Encoding;
import io.roundtrip.proxy.api.FuzzInput.Name;
import io.roundtrip.proxy.api.FuzzRequests.Built;
import io.roundtrip.proxy.api.FuzzRequests.Ports;
import io.roundtrip.proxy.toxic.Stream;
import io.roundtrip.proxy.toxic.ToxicSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The control API under hostile input (#17): random and mutated JSON, huge bodies, wrong types, unknown fields, bad
 * UTF-8, wrong content types and methods, odd, long and badly escaped names, sent to every route of the table
 * ({@link Routes}). After every request: never a 5xx; a 4xx carries a JSON reason without a stack trace or a class
 * name; a request that is rejected (or only reads) leaves {@code GET /proxies} and the ports that accept exactly as
 * they were; whatever was accepted leaves a coherent state. A well-formed request does what it says (its status and
 * the state after it are predicted). The state is the fixture below at the start of every try.
 */
class ApiFuzzTest {

    /** About 10 to 20 s on a loaded 2-core machine. */
    private static final int TRIES = 1_000;
    private static final List<Route> ROUTES = Routes.of(null).routes();
    /** What a reason must not show: exception names, qualified class names, stack frames, Jackson's method refs. */
    private static final Pattern LEAK = Pattern.compile("Exception|\\tat |\\b(java|javax|com|io|net|org|sun)\\.[a-z]+\\."
            + "|[A-Z]\\w+\\.\\w+\\(\\)|`|jackson|netty", Pattern.CASE_INSENSITIVE);

    private TestUpstream echo;
    @RegisterExtension
    final RunningApi api = new RunningApi();
    private final HttpClient http = HttpClient.newHttpClient();
    /** The fixture in place, by whether {@code off}'s listen address is {@code p}'s; null once a try changed it. */
    private Boolean fixture;
    private final Map<String, Integer> routesHit = new TreeMap<>();
    private int tries;

    @BeforeEach
    void start() throws IOException {
        echo = TestUpstream.echo();
        fixture = null;
    }

    @AfterEach
    void stop() throws Exception {
        try {
            // the server keeps answering: a well-formed change still succeeds
            ensureFixture(false);
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port()
                    + "/proxies")).POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"last\",\"upstream\":\"127.0.0.1:"
                    + echo.address().getPort() + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(ApiSnapshot.take(http, api.port(), Set.of()).proxies().has("last")).isTrue();
        } finally {
            echo.close();
        }
    }

    /**
     * {@value #TRIES} random tries from one seed, then every route and method must have been reached. The seed is
     * fixed so that {@code mvn verify} is repeatable; {@code -Dfuzz.seed=random} explores, {@code -Dfuzz.seed=N}
     * repeats a run (a failure names its seed and try).
     */
    @Test
    void anyRequestToAnyRouteIsAnsweredWithoutA5xxAndARejectedOneChangesNothing() throws Exception {
        String given = System.getProperty("fuzz.seed", "20261202");
        long seed = given.equals("random") ? System.nanoTime() : Long.parseLong(given);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < TRIES; i++) {
            Attempt a = FuzzInput.attempt(random, ROUTES.size());
            try {
                tryOnce(a);
            } catch (AssertionError | Exception e) {
                throw new AssertionError("try " + i + " of seed " + seed + " (-Dfuzz.seed=" + seed + "): " + a, e);
            }
            tries++;
        }
        Set<String> all = new TreeSet<>();
        for (Route r : ROUTES) {
            r.methods().forEach(m -> all.add(m + " " + FuzzRequests.pattern(r)));
        }
        assertThat(routesHit.keySet()).as("routes and methods the fuzzer reached (seed %d)", seed).containsAll(all);
    }

    /** Every route and method, well formed, with names that exist and one that does not, on both fixtures. */
    @Test
    void everyRouteDoesWhatAWellFormedRequestSays() throws Exception {
        int n = 0;
        for (int route = 0; route < ROUTES.size(); route++) {
            List<String> pattern = ROUTES.get(route).pattern();
            List<String> proxies = pattern.contains("{proxy}") ? List.of(P, ODD, OFF, "nope") : List.of(P);
            List<String> toxics = pattern.contains("{toxic}") ? List.of(LAT, ODD_TOXIC, "nope")
                    : pattern.contains("toxics") ? List.of("fresh", LAT, " ") : List.of(LAT);
            for (int method = 0; method < ROUTES.get(route).methods().size(); method++) {
                for (String proxy : proxies) {
                    for (String toxic : toxics) {
                        for (boolean flag : new boolean[] {true, false}) {
                            for (boolean clash : new boolean[] {false, true}) {
                                tryOnce(new Attempt(route, method, new Name(proxy, Encoding.PERCENT),
                                        new Name(toxic, Encoding.PERCENT), 7 + n, flag, clash, List.of()));
                                n++;
                            }
                        }
                    }
                }
            }
        }
        assertThat(n).isGreaterThan(ROUTES.size());
    }

    private void tryOnce(Attempt a) throws Exception {
        ensureFixture(a.clash());
        Ports ports = new Ports(api.proxy().listener(P).address().getPort(), echo.address().getPort());
        Built b = FuzzRequests.build(ROUTES.get(a.route()), a, ports);
        ApiSnapshot before = ApiSnapshot.take(http, api.port(), Set.of());
        RawHttp.Response r = RawHttp.exchange(api.address(), b.request());
        ApiSnapshot after = ApiSnapshot.take(http, api.port(), before.ports());
        String what = describe(b, r);

        assertThat(r.status()).as(what).isBetween(200, 499);
        if (r.status() >= 400 && !b.request().method().equals("HEAD")) {
            assertReason(r, what);
        }
        String method = b.request().method();
        boolean accepted = r.status() < 300;
        boolean reads = method.equals("GET") || method.equals("HEAD");
        if (!accepted || reads) {
            assertThat(after.proxies()).as("state after " + what).isEqualTo(before.proxies());
            before.accepting().forEach((port, open) ->
                    assertThat(after.accepting().get(port)).as("port " + port + " accepts, after " + what)
                            .isEqualTo(open));
        }
        after.assertCoherent();
        if (a.wellFormed()) {
            assertDoesWhatItSays(a, b, before, r, after, what);
        }
        if (accepted && !reads) {
            fixture = null;
        }
        if (!b.methodOrPathMutated()) {
            routesHit.merge(b.routeKey(), 1, Integer::sum);
        }
    }

    /**
     * toxiproxy's error shape, one line, and nothing of the proxy's insides: the names the request itself sent come
     * back quoted (a name with a backtick is the user's, not a Jackson message); outside the quotes nothing may leak.
     */
    private static void assertReason(RawHttp.Response r, String what) throws IOException {
        assertThat(r.header("content-type")).as(what).isEqualTo("application/json");
        JsonNode body = FuzzRequests.JSON.readTree(r.body());
        assertThat(body.path("status").asInt()).as(what).isEqualTo(r.status());
        String reason = body.path("error").asText();
        assertThat(reason).as(what).isNotBlank().doesNotContain("\n");
        // what the API echoes of the request stands in quotes ('name'), as sent or as the server decoded its bytes
        String ownWords = reason.replaceAll("'.*'", "''");
        assertThat(LEAK.matcher(ownWords).find()).as("a reason that shows the proxy's insides: " + what).isFalse();
    }

    // ---- what a well-formed request does

    private void assertDoesWhatItSays(Attempt a, Built b, ApiSnapshot before, RawHttp.Response r, ApiSnapshot after,
            String what) throws IOException {
        ObjectNode was = before.proxies();
        String proxy = utf8(a.proxy().text());
        String toxic = utf8(a.toxic().text());
        JsonNode p = was.get(proxy);
        JsonNode t = p == null ? null : find(p.path("toxics"), toxic);
        JsonNode answer = r.body().length == 0 || !"application/json".equals(r.header("content-type")) ? null
                : FuzzRequests.JSON.readTree(r.body());
        ObjectNode expected = was.deepCopy();
        String echoUpstream = "127.0.0.1:" + echo.address().getPort();
        int status;
        switch (b.routeKey()) {
            case "GET /proxies" -> {
                status = 200;
                if (answer != null) {
                    assertThat(answer).as(what).isEqualTo(was);
                }
            }
            case "GET /version" -> status = 200;
            case "POST /reset" -> {
                status = a.clash() ? 400 : 204;
                if (!a.clash()) {
                    expected.forEach(q -> ((ObjectNode) q).put("enabled", true).putArray("toxics"));
                }
            }
            case "GET /proxies/{proxy}", "GET /proxies/{proxy}/stats" -> status = p == null ? 404 : 200;
            case "GET /proxies/{proxy}/toxics" -> {
                status = p == null ? 404 : 200;
                if (p != null) {
                    assertThat(answer).as(what).isEqualTo(p.path("toxics"));
                }
            }
            case "GET /proxies/{proxy}/toxics/{toxic}" -> {
                status = t == null ? 404 : 200;
                if (t != null) {
                    assertThat(answer).as(what).isEqualTo(t);
                }
            }
            case "DELETE /proxies/{proxy}" -> {
                status = p == null ? 404 : 204;
                expected.remove(proxy);
            }
            case "DELETE /proxies/{proxy}/toxics/{toxic}" -> {
                status = t == null ? 404 : 204;
                if (t != null) {
                    remove((ArrayNode) expected.get(proxy).get("toxics"), toxic);
                }
            }
            case "POST /proxies", "POST /populate" -> {
                status = proxy.isBlank() ? 400 : p != null ? (b.routeKey().equals("POST /proxies") ? 409 : -1) : 201;
                if (status == -1) {
                    return; // populate keeps or replaces an existing proxy: its own tests say how
                }
                if (status == 201) {
                    JsonNode created = b.routeKey().equals("POST /proxies") ? answer : answer.path("proxies").get(0);
                    assertThat(created.path("name").asText()).as(what).isEqualTo(proxy);
                    assertThat(created.path("upstream").asText()).as(what).isEqualTo(echoUpstream);
                    assertThat(created.path("enabled").asBoolean()).as(what).isEqualTo(a.flag());
                    assertThat(created.path("toxics").size()).as(what).isZero();
                    ObjectNode shown = ((ObjectNode) created.deepCopy()).put("listen", "127.0.0.1:0");
                    expected.set(proxy, shown);
                }
            }
            case "POST /proxies/{proxy}", "PATCH /proxies/{proxy}" -> {
                boolean enablesOntoAHeldPort = proxy.equals(OFF) && a.clash() && a.flag()
                        && !p.path("enabled").asBoolean();
                status = p == null ? 404 : enablesOntoAHeldPort ? 400 : 200;
                if (status == 200) {
                    ObjectNode changed = ((ObjectNode) p.deepCopy()).put("enabled", a.flag());
                    if (a.number() % 2 == 0) {
                        changed.put("upstream", echoUpstream);
                    }
                    if (a.flag() && !p.path("enabled").asBoolean()) {
                        changed.put("listen", "127.0.0.1:0"); // bound anew: any port
                    }
                    expected.set(proxy, changed);
                    ObjectNode shown = ((ObjectNode) answer.deepCopy());
                    if (changed.path("listen").asText().endsWith(":0")) {
                        shown.put("listen", "127.0.0.1:0");
                    }
                    assertThat(shown).as(what).isEqualTo(changed);
                }
            }
            case "POST /proxies/{proxy}/toxics" -> {
                String name = toxic.isBlank() ? "latency_" + (a.flag() ? "upstream" : "downstream") : toxic;
                status = p == null ? 404 : find(p.path("toxics"), name) != null ? 409 : 200;
                if (status == 200) {
                    assertThat(answer.path("name").asText()).as(what).isEqualTo(name);
                    assertThat(answer.path("type").asText()).as(what).isEqualTo("latency");
                    assertThat(answer.path("stream").asText()).as(what).isEqualTo(a.flag() ? "upstream" : "downstream");
                    assertThat(answer.path("attributes").path("latency").asInt()).as(what).isEqualTo(a.number());
                    ((ArrayNode) expected.get(proxy).get("toxics")).add(answer);
                }
            }
            case "POST /proxies/{proxy}/toxics/{toxic}", "PATCH /proxies/{proxy}/toxics/{toxic}" -> {
                status = t == null ? 404 : 200;
                if (status == 200) {
                    ObjectNode changed = t.deepCopy();
                    if (a.flag()) {
                        changed.put("toxicity", (a.number() % 101) / 100.0);
                    } else {
                        ((ObjectNode) changed.get("attributes")).put("latency", a.number());
                    }
                    assertThat(answer).as(what).isEqualTo(changed);
                    ArrayNode list = (ArrayNode) expected.get(proxy).get("toxics");
                    list.set(indexOf(list, toxic), changed);
                }
            }
            default -> throw new AssertionError("no well-formed request for route " + b.routeKey()
                    + ": add one to FuzzRequests.seedBody and to this switch");
        }
        assertThat(r.status()).as("status of " + what).isEqualTo(status);
        if (status >= 300) {
            return; // unchanged: checked for every rejected request
        }
        assertThat(normalised(after.proxies(), expected)).as("state after " + what)
                .isEqualTo(normalised(expected, expected));
    }

    /** {@code state} without the listen address of a proxy {@code expected} shows on port 0 (bound to any port). */
    private static ObjectNode normalised(ObjectNode state, ObjectNode expected) {
        ObjectNode copy = state.deepCopy();
        expected.properties().forEach(e -> {
            if (ApiSnapshot.port(e.getValue()) == 0 && copy.get(e.getKey()) instanceof ObjectNode q) {
                q.remove("listen");
            }
        });
        return copy;
    }

    private static JsonNode find(JsonNode toxics, String name) {
        for (JsonNode t : toxics) {
            if (t.path("name").asText().equals(name)) {
                return t;
            }
        }
        return null;
    }

    private static int indexOf(ArrayNode toxics, String name) {
        for (int i = 0; i < toxics.size(); i++) {
            if (toxics.get(i).path("name").asText().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static void remove(ArrayNode toxics, String name) {
        toxics.remove(indexOf(toxics, name));
    }

    /** A name as the server sees it after UTF-8 (an unpaired surrogate becomes '?'). */
    private static String utf8(String s) {
        return new String(s.getBytes(UTF_8), UTF_8);
    }

    // ---- the fixture

    /**
     * {@code p} (enabled, toxic {@code lat}), the odd name (enabled, toxic with an odd name too), {@code off}
     * (disabled; on {@code p}'s port when {@code clash}, so that enabling it, or a reset, cannot bind).
     */
    private void ensureFixture(boolean clash) {
        if (fixture != null && fixture == clash) {
            return;
        }
        for (ProxyListener l : List.copyOf(api.proxy().listeners())) {
            api.proxy().remove(l.name());
        }
        InetSocketAddress any = Addresses.parse("127.0.0.1:0");
        InetSocketAddress upstream = Addresses.parse("127.0.0.1:" + echo.address().getPort());
        api.proxy().create(new ProxySpec(P, any, upstream, true,
                List.of(ToxicSpec.of(LAT, "latency", Stream.DOWNSTREAM, Map.of("latency", 10)))));
        api.proxy().create(new ProxySpec(ODD, any, upstream, true,
                List.of(ToxicSpec.of(ODD_TOXIC, "latency", Stream.UPSTREAM, Map.of("jitter", 5)))));
        int held = api.proxy().listener(P).address().getPort();
        api.proxy().create(new ProxySpec(OFF, clash ? Addresses.parse("127.0.0.1:" + held) : any, upstream, false,
                List.of()));
        fixture = clash;
    }

    private static String describe(Built b, RawHttp.Response r) {
        RawHttp.Request q = b.request();
        String body = new String(q.body(), 0, Math.min(q.body().length, 300), UTF_8);
        String target = new String(q.target(), 0, Math.min(q.target().length, 300), UTF_8);
        String answer = new String(r.body(), 0, Math.min(r.body().length, 300), UTF_8);
        return q.method() + " " + target + " (" + q.body().length + " bytes" + (q.chunked() ? ", chunked" : "")
                + (q.expectContinue() ? ", expecting 100" : "") + ", " + q.headers() + ") " + body + " -> "
                + r.status() + " " + answer;
    }
}
