package io.roundtrip.proxy.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.proxy.Addresses;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What {@link ApiFuzzTest} found, one case each: every answer a 4xx with a JSON reason, nothing changed. */
class ApiHostileInputTest {

    @RegisterExtension
    final RunningApi api = new RunningApi();

    @BeforeEach
    void start() throws Exception {
        assertThat(api.send("POST", "/proxies", "{\"name\":\"p\",\"upstream\":\"127.0.0.1:9\","
                + "\"toxics\":[{\"name\":\"lat\",\"type\":\"latency\"}]}").statusCode()).isEqualTo(201);
    }

    @Test
    void aNameThatNeedsEscapesIsFoundByItsPercentEncodedNameDecodedOnce() throws Exception {
        assertThat(api.send("POST", "/proxies", "{\"name\":\"a+b%/c d\",\"upstream\":\"127.0.0.1:9\","
                + "\"toxics\":[{\"name\":\"t%2F\",\"type\":\"latency\"}]}").statusCode()).isEqualTo(201);
        // was: decoded twice, "%25" became a bad escape (500) and "%2F" a slash between segments
        assertThat(api.send("GET", "/proxies/a%2Bb%25%2Fc%20d", "").body()).contains("\"name\":\"a+b%/c d\"");
        // '+' in a path is a plus (RFC 3986), not a space as in a query
        assertThat(api.send("GET", "/proxies/a+b%25%2Fc%20d", "").statusCode()).isEqualTo(200);
        assertThat(api.send("GET", "/proxies/a%2Bb%25%2Fc%20d/toxics/t%252F", "").body()).contains("\"name\":\"t%2F\"");
        assertThat(api.send("GET", "/proxies/a%2Bb%25%2Fc%20d/toxics/t%2F", "").statusCode()).isEqualTo(404);
        assertThat(api.send("DELETE", "/proxies/a%2Bb%25%2Fc%20d", "").statusCode()).isEqualTo(204);
    }

    @Test
    void aBadEscapeInThePathIsA400() throws Exception {
        for (String path : List.of("/proxies/%", "/proxies/%zz", "/%", "/proxies/p/toxics/%G1")) {
            RawHttp.Response r = raw("GET", path, "");
            assertThat(r.status()).as(path).isEqualTo(400);
            assertThat(r.text()).as(path).contains("bad percent-encoding in path segment");
        }
    }

    @Test
    void aResetThatCannotBindAProxyChangesNothing() throws Exception {
        String held = Addresses.format(api.proxy().listener("p").address());
        assertThat(api.send("POST", "/proxies", "{\"name\":\"off\",\"listen\":\"" + held + "\","
                + "\"upstream\":\"127.0.0.1:9\",\"enabled\":false}").statusCode()).isEqualTo(201);
        String before = api.send("GET", "/proxies", "").body();
        HttpResponse<String> r = api.send("POST", "/reset", "");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("cannot listen on");
        // was: p's toxics removed before 'off' failed
        assertThat(api.send("GET", "/proxies", "").body()).isEqualTo(before).contains("\"name\":\"lat\"");
        assertThat(api.send("DELETE", "/proxies/off", "").statusCode()).isEqualTo(204);
        assertThat(api.send("POST", "/reset", "").statusCode()).isEqualTo(204);
        assertThat(api.send("GET", "/proxies/p/toxics", "").body()).isEqualTo("[]");
    }

    @Test
    void aBodyOverTheLimitIsA413WithAReason() throws Exception {
        byte[] tooLarge = new byte[ApiServer.MAX_BODY_BYTES + 1];
        RawHttp.Response asked = RawHttp.exchange(api.address(), new RawHttp.Request("POST", "/populate"
                .getBytes(UTF_8), List.of(), tooLarge, false, true));
        assertThat(asked.status()).isEqualTo(413);
        assertThat(asked.text()).isEqualTo("{\"error\":\"request body over 4194304 bytes, the API's limit\","
                + "\"status\":413}");
        // not asked first: refused on its Content-Length, before any of the body is sent (the connection stays
        // open, as Netty keeps it, to read past the body)
        try (Socket s = new Socket("127.0.0.1", api.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /populate HTTP/1.1\r\nHost: x\r\nContent-Length: " + tooLarge.length + "\r\n\r\n")
                    .getBytes(UTF_8));
            out.flush();
            RawHttp.Response told = RawHttp.read(s.getInputStream(), "POST");
            assertThat(told.status()).isEqualTo(413);
            assertThat(told.header("content-type")).isEqualTo("application/json");
            assertThat(told.text()).isEqualTo(asked.text());
        }
        assertThat(api.send("GET", "/version", "").statusCode()).isEqualTo(200);
    }

    @Test
    void anExpectationOtherThan100ContinueIsA417WithAReason() throws Exception {
        RawHttp.Response r = RawHttp.exchange(api.address(), new RawHttp.Request("POST", "/proxies"
                .getBytes(UTF_8), List.of(Map.entry("Expect", "teapot")), "{}".getBytes(UTF_8), false, false));
        assertThat(r.status()).isEqualTo(417);
        assertThat(r.text()).isEqualTo("{\"error\":\"unsupported expectation: only 100-continue is\",\"status\":417}");
    }

    @Test
    void aRequestLineOverTheLimitIsA414WithAReason() throws Exception {
        RawHttp.Response r = raw("GET", "/proxies/" + "x".repeat(5_000), "");
        assertThat(r.status()).isEqualTo(414);
        // was: Netty's stand-in request, answered "no route GET /bad-request"
        assertThat(r.text()).contains("request line too long").doesNotContain("bad-request");
    }

    @Test
    void jacksonsReasonsDoNotNameItsSettings() throws Exception {
        HttpResponse<String> open = api.send("POST", "/proxies", "{");
        assertThat(open.statusCode()).isEqualTo(400);
        assertThat(open.body()).contains("expected close marker for Object (start marker at line: 1, column: 1)")
                .doesNotContain("`").doesNotContain("StreamReadFeature").doesNotContain("Source");
        HttpResponse<String> deep = api.send("POST", "/proxies/p/toxics", "{\"type\":\"latency\",\"attributes\":{\"a\":"
                + "[".repeat(1_001) + "]".repeat(1_001) + "}}");
        assertThat(deep.statusCode()).isEqualTo(400);
        assertThat(deep.body()).contains("exceeds the maximum allowed (1000)").doesNotContain("`")
                .doesNotContain("StreamReadConstraints");
    }

    @Test
    void contentAfterTheFirstJsonValueIsA400AndCreatesNothing() throws Exception {
        HttpResponse<String> r = api.send("POST", "/proxies",
                "{\"name\":\"a\",\"upstream\":\"127.0.0.1:9\"} {\"name\":\"b\",\"upstream\":\"127.0.0.1:9\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("bad JSON: more after the first value");
        assertThat(api.send("GET", "/proxies/a", "").statusCode()).isEqualTo(404);
        // white space after it is still fine
        assertThat(api.send("POST", "/proxies", "{\"name\":\"a\",\"upstream\":\"127.0.0.1:9\"}\n").statusCode())
                .isEqualTo(201);
    }

    private RawHttp.Response raw(String method, String path, String body) throws Exception {
        return RawHttp.exchange(api.address(), new RawHttp.Request(method, path.getBytes(UTF_8), List.of(),
                body.getBytes(UTF_8), false, false));
    }
}
