package io.roundtrip.simulations;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.testing.HttpHead;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** nginx serves exactly the example shop's paths, with the answers ShopSimulation expects, and keeps connections. */
class NginxTargetTest {

    private static NginxTarget nginx;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        nginx = NginxTarget.startOrSkip();
    }

    @AfterAll
    static void stop() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    void loginAnswersAPostWithAToken() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(nginx.baseUri().resolve("/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"ada\",\"password\":\"secret\"}")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).startsWith("{\"token\":\"").endsWith("}\n");
        assertThat(response.headers().firstValue("Content-Length"))
                .hasValue(Integer.toString(response.body().getBytes(StandardCharsets.UTF_8).length));

        assertThat(send(HttpRequest.newBuilder(nginx.baseUri().resolve("/api/login")).GET()).statusCode())
                .isEqualTo(405);
    }

    @Test
    void theStaticPathsAnswerTheirFiles() throws Exception {
        assertServes("/api/items", "api/items.json", "application/json");
        assertServes("/api/items/42", "api/items/42.json", "application/json");
        assertServes("/static/app.js", "static/app.js", "text/javascript");
        assertServes("/", "index.html", "text/html");

        assertThat(Files.size(nginx.html().resolve("static/app.js"))).isEqualTo(24 * 1024);
        String items = Files.readString(nginx.html().resolve("api/items.json"));
        assertThat(items.length()).isBetween(1024, 2048);
        assertThat(items.split("\"id\":", -1)).hasSize(21); // twenty items
        assertThat(items).contains("\"id\":42,");
        assertThat(send(HttpRequest.newBuilder(nginx.baseUri().resolve("/api/items/7")).GET()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aKeptAliveConnectionOutlastsNginxsDefaultThousandRequests() throws Exception {
        Pattern contentLength = Pattern.compile("(?im)^content-length: *(\\d+)");
        try (Socket socket = new Socket("127.0.0.1", nginx.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            byte[] request = "GET /api/items/42 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            for (int i = 1; i <= 1_200; i++) {
                out.write(request);
                out.flush();
                String head = HttpHead.read(in);
                assertThat(head).as("response %d", i).startsWith("HTTP/1.1 200 ");
                assertThat(head.toLowerCase(Locale.ROOT)).as("response %d", i).doesNotContain("connection: close");
                Matcher length = contentLength.matcher(head);
                assertThat(length.find()).isTrue();
                assertThat(in.readNBytes(Integer.parseInt(length.group(1)))).hasSize(Integer.parseInt(length.group(1)));
            }
        }
    }

    private static void assertServes(String path, String file, String contentType) throws Exception {
        HttpResponse<byte[]> response = CLIENT.send(HttpRequest.newBuilder(nginx.baseUri().resolve(path))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue(contentType);
        byte[] expected = Files.readAllBytes(nginx.html().resolve(file));
        assertThat(response.body()).as(path).hasSize(expected.length).isEqualTo(expected);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
