package io.roundtrip.proxy.api;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.roundtrip.proxy.Addresses;
import io.roundtrip.proxy.api.FuzzInput.Attempt;
import io.roundtrip.proxy.api.FuzzInput.Kind;
import io.roundtrip.proxy.api.FuzzInput.Mutation;
import io.roundtrip.proxy.api.FuzzInput.Name;
import io.roundtrip.proxy.toxic.ToxicTypes;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Makes an {@link FuzzInput.Attempt} concrete: the well-formed request of its route (a body a client would send),
 * then its mutations. Listen addresses stay on 127.0.0.1 (or localhost) with port 0 or a port the fixture holds,
 * upstreams on the test's echo server: a mutation that would turn one into another address is not applied.
 */
final class FuzzRequests {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What is sent, and what the generator meant: the route's key ("POST /proxies/{proxy}"), or null if mutated away. */
    record Built(RawHttp.Request request, String routeKey, boolean methodOrPathMutated, JsonNode seedBody) {}

    /** Where the fixture is: the port proxy {@code p} holds and the echo upstream's. */
    record Ports(int held, int echo) {}

    private static final List<String> METHODS = List.of("GET", "POST", "PATCH", "DELETE", "PUT", "HEAD", "OPTIONS",
            "TRACE", "get", "PoSt", "FOO", "PROPFIND", "DELETE ", "G\u00e9T");
    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/json; charset=ISO-8859-1", "application/xml", "",
            "*/*", "application/json; charset=utf-16", "\u00ff\u00fe");
    private static final List<String> ACCEPTS = List.of("application/json", "text/html", "*/*", "application/json;q=0",
            "\u00e9");
    private static final List<String> PATHS = List.of("/", "", "*", "/proxies/", "//proxies", "/proxies//",
            "/PROXIES", "/proxies/../version", "/proxies/%2e%2e/version", "http://127.0.0.1/proxies", "/proxies;x=1",
            "/%", "/%zz", "/%00", "/proxies/%C0%AF", "/proxies/p/toxics/lat/extra", "/version/", "/populate/x",
            "/reset?x", "/proxies/%", "/proxies/p/%zz", "/proxies/p/toxics/%25");
    private static final List<String> QUERIES = List.of("a=1", "%zz", "=&&=", "x=%ff", "?", "#x", "a=" + "b".repeat(100));
    private static final List<String> FIELDS = List.of("name", "listen", "upstream", "enabled", "toxics", "type",
            "stream", "toxicity", "attributes", "attributes.latency", "attributes.jitter", "attributes.rate",
            "attributes.delay", "attributes.timeout", "attributes.average_size", "attributes.size_variation",
            "attributes.bytes", "attributes.rtt", "attributes.initcwnd", "attributes.min_rto", "attributes.loss");
    /** JSON values of every type and edge, and every toxic type; {@code $HELD}/{@code $ECHO} are the fixture's ports. */
    private static final List<String> VALUES = Stream.concat(ToxicTypes.NAMES.stream().map(t -> "\"" + t + "\""), Stream.of("null", "true", "false", "0", "-1", "1", "1.5", "-0.0", "1e400",
            "-1e400", "9223372036854775808", "123456789012345678901234567890", "0.000000000000000000001", "\"\"",
            "\"x\"", "\"NaN\"", "\"Infinity\"", "\"-5\"", "\"1e3\"", "[]", "[1,2]", "{}", "{\"a\":{\"b\":[null]}}",
            "\"\\u0000\"", "\"\u00e9\u2603\"", "\"latency\"", "\"upstream\"", "\"downstream\"", "\"sideways\"",
            "\"127.0.0.1:$ECHO\"", "\"127.0.0.1:0\"", "\"localhost:0\"", "\"127.0.0.1:$HELD\"", "\":0\"",
            "\"127.0.0.1:65536\"", "\"127.0.0.1:-1\"", "\"127.0.0.1\"", "\"[::1]:0\"", "\"nohost\"",
            "[{\"type\":\"latency\"}]", "[null]", "[{\"type\":\"warp\"}]",
            "[{\"name\":\"a\",\"type\":\"latency\"},{\"name\":\"a\",\"type\":\"latency\"}]",
            "{\"latency\":\"fast\"}", "{\"latency\":1e300}", "{\"rate\":0}", "{\"\":null}")).toList();
    private static final List<String> LISTENS = List.of("\"127.0.0.1:0\"", "\"localhost:0\"", "\":0\"",
            "\"127.0.0.1:$HELD\"", "\"127.0.0.1:65536\"", "\"127.0.0.1:-1\"", "\"127.0.0.1\"", "\"\"", "\"127.0.0.1:x\"",
            "\"[::1]:0\"", "null", "0", "true", "[]", "{}");
    private static final List<String> UPSTREAMS = List.of("\"127.0.0.1:$ECHO\"", "\"localhost:$ECHO\"", "\":$ECHO\"",
            "\"127.0.0.1:0\"", "\"127.0.0.1:65536\"", "\"\"", "\"nohost\"", "null", "9", "[]");
    private static final List<byte[]> BAD_UTF8 = List.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC3},
            new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xFE, (byte) 0xFF});

    private static final int MAX_CONTENT_BYTES = 4 << 20; // the ApiServer's aggregator's limit

    private FuzzRequests() {}

    static Built build(Route route, Attempt a, Ports ports) {
        List<String> methods = route.methods().stream().sorted().toList();
        String method = methods.get(a.method() % methods.size());
        String key = method + " " + pattern(route);
        JsonNode seed = seedBody(key, a, ports);
        Built plain = assemble(route, method, key, seed, a, ports, true);
        return safe(plain.request(), ports) ? plain : assemble(route, method, key, seed, a, ports, false);
    }

    static String pattern(Route route) {
        return "/" + String.join("/", route.pattern());
    }

    /** The body a client sends to this route, or null for none. */
    private static JsonNode seedBody(String key, Attempt a, Ports ports) {
        String echo = "127.0.0.1:" + ports.echo();
        switch (key) {
            case "POST /proxies": {
                return proxy(a, echo);
            }
            case "POST /populate": {
                ArrayNode list = NODES.arrayNode();
                list.add(proxy(a, echo));
                return list;
            }
            case "PATCH /proxies/{proxy}", "POST /proxies/{proxy}": {
                ObjectNode body = NODES.objectNode().put("enabled", a.flag());
                if (a.number() % 2 == 0) {
                    body.put("upstream", echo);
                }
                return body;
            }
            case "POST /proxies/{proxy}/toxics": {
                ObjectNode body = NODES.objectNode().put("name", a.toxic().text()).put("type", "latency")
                        .put("stream", a.flag() ? "upstream" : "downstream");
                body.putObject("attributes").put("latency", a.number());
                return body;
            }
            case "PATCH /proxies/{proxy}/toxics/{toxic}", "POST /proxies/{proxy}/toxics/{toxic}": {
                ObjectNode body = NODES.objectNode();
                if (a.flag()) {
                    body.put("toxicity", (a.number() % 101) / 100.0);
                } else {
                    body.putObject("attributes").put("latency", a.number());
                }
                return body;
            }
            default:
                return null;
        }
    }

    private static ObjectNode proxy(Attempt a, String echo) {
        return NODES.objectNode().put("name", a.proxy().text()).put("listen", "127.0.0.1:0").put("upstream", echo)
                .put("enabled", a.flag());
    }

    private static Built assemble(Route route, String method, String key, JsonNode seed, Attempt a, Ports ports,
            boolean withBytes) {
        JsonNode tree = seed == null ? null : seed.deepCopy();
        for (Mutation m : a.mutations()) {
            tree = mutateJson(tree, m, ports);
        }
        byte[] body = tree == null ? new byte[0] : json(tree).getBytes(UTF_8);
        String target = target(route, a);
        byte[] targetBytes;
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        String contentType = tree == null ? null : "application/json";
        boolean chunked = false;
        boolean expectContinue = false;
        boolean mutatedAway = false;
        for (Mutation m : a.mutations()) {
            int at = m.at();
            switch (m.kind()) {
                case METHOD -> {
                    method = pick(METHODS, at);
                    mutatedAway = true;
                }
                case CONTENT_TYPE -> contentType = pick(CONTENT_TYPES, at);
                case ACCEPT -> headers.add(Map.entry("Accept", pick(ACCEPTS, at)));
                case CHUNKED -> chunked = true;
                case PATH_EXTRA_SEGMENT -> target = target + "/" + percent(m.text());
                case PATH_QUERY -> target = target + "?" + pick(QUERIES, at);
                case PATH_REPLACED -> {
                    target = pick(PATHS, at);
                    mutatedAway = true;
                }
                default -> {
                    if (withBytes) {
                        body = mutateBytes(body, m);
                    }
                }
            }
            if (m.kind() == Kind.OVERSIZED_BODY && withBytes) {
                expectContinue = true;
            }
        }
        if (body.length > MAX_CONTENT_BYTES) {
            chunked = false; // a client that sends so much asks first (the server's answer would race the body)
            expectContinue = true;
        }
        if (contentType != null) {
            headers.add(Map.entry("Content-Type", contentType));
        }
        targetBytes = encodeTarget(target);
        return new Built(new RawHttp.Request(method, targetBytes, headers, body, chunked, expectContinue), key,
                mutatedAway, seed);
    }

    // ---- the path

    /** The path with its names encoded as the attempt says; RAW names are marked for {@link #encodeTarget}. */
    private static String target(Route route, Attempt a) {
        StringBuilder sb = new StringBuilder();
        for (String p : route.pattern()) {
            sb.append('/');
            if (p.equals("{proxy}")) {
                sb.append(encode(a.proxy()));
            } else if (p.equals("{toxic}")) {
                sb.append(encode(a.toxic()));
            } else {
                sb.append(p);
            }
        }
        return sb.toString();
    }

    private static final char RAW_START = '\uE000';
    private static final char RAW_END = '\uE001';

    private static String encode(Name n) {
        String s = n.text();
        return switch (n.encoding()) {
            case PERCENT -> percent(s);
            case RAW -> RAW_START + s + RAW_END;
            case DOUBLE -> percent(percent(s));
            case PLUS -> percent(s).replace("%20", "+");
            case BAD_ESCAPE -> percent(s) + List.of("%", "%z", "%zz", "%C3", "%%").get(s.length() % 5);
            case LONG -> percent(s.repeat(Math.max(1, 6_000 / Math.max(1, s.length()))));
        };
    }

    private static byte[] encodeTarget(String target) {
        return target.replace(String.valueOf(RAW_START), "").replace(String.valueOf(RAW_END), "").getBytes(UTF_8);
    }

    /** Every byte but RFC 3986's unreserved characters as {@code %XX}. */
    static String percent(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return sb.toString();
    }

    // ---- the body as JSON

    private static JsonNode mutateJson(JsonNode tree, Mutation m, Ports ports) {
        int at = m.at();
        return switch (m.kind()) {
            case DROP_FIELD -> {
                ObjectNode o = target(tree);
                if (o != null && o.size() > 0) {
                    List<String> names = new ArrayList<>();
                    o.fieldNames().forEachRemaining(names::add);
                    o.remove(pick(names, at));
                }
                yield tree;
            }
            case SET_FIELD -> {
                ObjectNode o = target(tree == null ? NODES.objectNode() : tree);
                if (o == null) {
                    yield tree;
                }
                String field = pick(FIELDS, at);
                int next = at / FIELDS.size();
                List<String> pool = field.equals("listen") ? LISTENS : field.equals("upstream") ? UPSTREAMS : VALUES;
                JsonNode value = next % 5 == 0 && !pool.equals(VALUES) ? NODES.textNode(pick(pool, next).replace("\"", ""))
                        : next % 5 == 0 ? NODES.textNode(m.text()) : value(pick(pool, next), ports);
                if (field.startsWith("attributes.")) {
                    JsonNode attrs = o.get("attributes");
                    ObjectNode attributes = attrs instanceof ObjectNode ao ? ao : o.putObject("attributes");
                    attributes.set(field.substring("attributes.".length()), value);
                } else {
                    o.set(field, value);
                }
                yield tree == null ? o : tree;
            }
            case ADD_UNKNOWN_FIELD -> {
                ObjectNode o = target(tree == null ? NODES.objectNode() : tree);
                if (o != null) {
                    o.set(m.text().isEmpty() ? "colour" : m.text(), value(pick(VALUES, at), ports));
                }
                yield tree == null ? o : tree;
            }
            case REPLACE_ROOT -> value(pick(VALUES, at), ports);
            case WRAP_IN_ARRAY -> tree == null ? NODES.arrayNode() : NODES.arrayNode().add(tree);
            default -> tree;
        };
    }

    /** The object a field mutation changes: the body, or the first proxy of a populate list. */
    private static ObjectNode target(JsonNode tree) {
        if (tree instanceof ObjectNode o) {
            return o;
        }
        if (tree instanceof ArrayNode list && list.size() > 0 && list.get(0) instanceof ObjectNode o) {
            return o;
        }
        return null;
    }

    private static JsonNode value(String json, Ports ports) {
        try {
            return JSON.readTree(json.replace("$HELD", String.valueOf(ports.held()))
                    .replace("$ECHO", String.valueOf(ports.echo())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(json, e);
        }
    }

    private static String json(JsonNode tree) {
        try {
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the body as bytes

    private static byte[] mutateBytes(byte[] body, Mutation m) {
        int at = m.at();
        return switch (m.kind()) {
            case TRUNCATE -> Arrays.copyOf(body, at % (body.length + 1));
            case INSERT_BYTE -> insert(body, at % (body.length + 1), new byte[] {(byte) (at * 31)});
            case FLIP_BIT -> {
                if (body.length == 0) {
                    yield body;
                }
                byte[] b = body.clone();
                b[at % b.length] ^= (byte) (1 << (at % 8));
                yield b;
            }
            case BAD_UTF8 -> {
                int quote = indexOf(body, (byte) '"', at % (body.length + 1));
                yield insert(body, quote < 0 ? at % (body.length + 1) : quote + 1, pick(BAD_UTF8, at));
            }
            case BOM -> insert(body, 0, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            case TRAILING -> concat(body, List.of(" x", "}", "]", ",", " {\"name\":\"second\"}", "\u0000", " " + m.text())
                    .get(at % 7).getBytes(UTF_8));
            case DEEP_NESTING -> {
                int depth = 200 + at % 20_000;
                String open = at % 2 == 0 ? "[" : "{\"a\":";
                String close = at % 2 == 0 ? "]" : "}";
                yield (open.repeat(depth) + "1" + close.repeat(depth)).getBytes(UTF_8);
            }
            case EMPTY_BODY -> new byte[0];
            case HUGE_BODY -> huge(body, 1 + at % 3_000_000);
            case OVERSIZED_BODY -> huge(body, MAX_CONTENT_BYTES + 1 + at);
            default -> body;
        };
    }

    /** {@code body} grown to about {@code size} bytes: leading whitespace, or a long string in an unknown field. */
    private static byte[] huge(byte[] body, int size) {
        if (size % 2 == 0 || body.length == 0 || body[0] != '{') {
            byte[] b = new byte[size + body.length];
            Arrays.fill(b, 0, size, (byte) ' ');
            System.arraycopy(body, 0, b, size, body.length);
            return b;
        }
        String pad = "{\"padding\":\"" + "x".repeat(size) + "\",";
        return concat(pad.getBytes(UTF_8), Arrays.copyOfRange(body, 1, body.length));
    }

    private static int indexOf(byte[] b, byte value, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] insert(byte[] body, int at, byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + bytes.length);
        out.write(body, 0, at);
        out.write(bytes, 0, bytes.length);
        out.write(body, at, body.length - at);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return insert(a, a.length, b);
    }

    private static <T> T pick(List<T> pool, int at) {
        return pool.get(Math.floorMod(at, pool.size()));
    }

    // ---- the guard

    /**
     * Whether the body, read as the server reads it, names only the fixture's addresses: a listen address on
     * 127.0.0.1/localhost port 0 or the held port, an upstream the echo server. Anything else (a flipped byte turning
     * 127.0.0.1:0 into 127.0.0.3:8) must not reach a real bind or connect.
     */
    static boolean safe(RawHttp.Request r, Ports ports) {
        JsonNode tree;
        try {
            String text = new String(r.body(), UTF_8);
            tree = JSON.readTree(text.isBlank() ? "{}" : text);
        } catch (JsonProcessingException | RuntimeException e) {
            return true; // the server cannot read it either
        }
        if (tree == null) {
            return true;
        }
        Set<String> listens = Set.of("127.0.0.1:0", "localhost:0", ":0", "127.0.0.1:" + ports.held(), "[::1]:0");
        Set<String> upstreams = Set.of("127.0.0.1:" + ports.echo(), "localhost:" + ports.echo(), ":" + ports.echo(),
                "127.0.0.1:0");
        return allSafe(tree, "listen", listens) && allSafe(tree, "upstream", upstreams);
    }

    private static boolean allSafe(JsonNode tree, String field, Set<String> allowed) {
        for (JsonNode v : tree.findValues(field)) {
            if (v.isTextual() && !allowed.contains(v.asText().trim()) && parses(v.asText())) {
                return false;
            }
        }
        // findValues stops at a match; a nested "listen" inside one is looked for too
        for (Iterator<JsonNode> it = tree.elements(); it.hasNext(); ) {
            JsonNode child = it.next();
            if (child.isContainerNode() && !allSafe(child, field, allowed)) {
                return false;
            }
        }
        return true;
    }

    private static boolean parses(String address) {
        try {
            Addresses.parse(address);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
