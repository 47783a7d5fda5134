package io.roundtrip.proxy.api;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What one try of {@link ApiFuzzTest} sends, drawn from a seeded random source (a failure names its seed and try): a route of the table, the names
 * in its path and how they are encoded, a few numbers, and up to four mutations of the well-formed request. With no
 * mutation and percent-encoded names the request is well formed ({@link FuzzRequests}).
 */
final class FuzzInput {

    static final String P = "p";
    /** A proxy whose name needs every kind of escape in a path: space, plus, percent, slash, ?, #, non-ASCII. */
    static final String ODD = "odd +%/?#é☃ name";
    static final String OFF = "off";
    static final String LAT = "lat";
    static final String ODD_TOXIC = "t +%/é";

    private FuzzInput() {}

    enum Encoding { PERCENT, RAW, DOUBLE, PLUS, BAD_ESCAPE, LONG }

    record Name(String text, Encoding encoding) {}

    enum Kind {
        // the JSON of the body
        DROP_FIELD, SET_FIELD, ADD_UNKNOWN_FIELD, REPLACE_ROOT, WRAP_IN_ARRAY,
        // its bytes
        TRUNCATE, INSERT_BYTE, FLIP_BIT, BAD_UTF8, BOM, TRAILING, DEEP_NESTING, EMPTY_BODY, HUGE_BODY, OVERSIZED_BODY,
        // the rest of the request
        METHOD, CONTENT_TYPE, ACCEPT, CHUNKED, PATH_EXTRA_SEGMENT, PATH_QUERY, PATH_REPLACED
    }

    /** {@code at} picks a position, a pool entry or a size; {@code text} is free text where one is wanted. */
    record Mutation(Kind kind, int at, String text) {}

    /** One try: the route's index in the table, which of its methods, names, numbers, fixture and mutations. */
    record Attempt(int route, int method, Name proxy, Name toxic, int number, boolean flag, boolean clash,
            List<Mutation> mutations) {

        boolean wellFormed() {
            return mutations.isEmpty() && proxy.encoding() == Encoding.PERCENT
                    && toxic.encoding() == Encoding.PERCENT;
        }
    }

    /** One random try, from {@code random}: the weights say how often each kind of input comes up. */
    static Attempt attempt(SplittableRandom random, int routes) {
        int route = random.nextInt(routes);
        int method = random.nextInt(2);
        Name proxy = name(random, proxyName(random));
        Name toxic = name(random, toxicName(random));
        int number = random.nextInt(5_001);
        boolean flag = random.nextBoolean();
        boolean clash = random.nextInt(5) == 0;
        List<Mutation> mutations = new ArrayList<>();
        if (random.nextInt(3) > 0) {
            int count = 1 + random.nextInt(4);
            for (int i = 0; i < count; i++) {
                mutations.add(mutation(random));
            }
        }
        return new Attempt(route, method, proxy, toxic, number, flag, clash, List.copyOf(mutations));
    }

    private static Name name(SplittableRandom random, String text) {
        int pick = random.nextInt(25);
        Encoding encoding = pick < 20 ? Encoding.PERCENT : Encoding.values()[pick - 19];
        return new Name(text, encoding);
    }

    private static String proxyName(SplittableRandom random) {
        int pick = random.nextInt(10);
        if (pick < 6) {
            return oneOf(random, P, ODD, OFF);
        }
        return pick < 8 ? oneOf(random, "nope", "P", "p ", " ", "%", "a/b", "..", ".", "é", "+", "x".repeat(300))
                : anyText(random, 1, 12);
    }

    private static String toxicName(SplittableRandom random) {
        int pick = random.nextInt(9);
        if (pick < 6) {
            return oneOf(random, LAT, ODD_TOXIC);
        }
        return pick < 8 ? oneOf(random, "nope", "LAT", "latency_downstream", "%", "t+%2F") : anyText(random, 1, 12);
    }

    private static Mutation mutation(SplittableRandom random) {
        Kind[] kinds = Kind.values();
        Kind kind;
        if (random.nextInt(41) == 0) {
            kind = random.nextBoolean() ? Kind.HUGE_BODY : Kind.OVERSIZED_BODY;
        } else {
            do {
                kind = kinds[random.nextInt(kinds.length)];
            } while (kind == Kind.HUGE_BODY || kind == Kind.OVERSIZED_BODY);
        }
        String text = random.nextInt(4) < 3 ? anyText(random, 0, 16) : printable(random, 16);
        return new Mutation(kind, random.nextInt(100_001), text);
    }

    @SafeVarargs
    private static <T> T oneOf(SplittableRandom random, T... values) {
        return values[random.nextInt(values.length)];
    }

    /** Any code points, control characters, surrogates' neighbours and non-BMP included. */
    private static String anyText(SplittableRandom random, int minLength, int maxLength) {
        int length = minLength + random.nextInt(maxLength - minLength + 1);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(4);
            int codePoint = kind == 0 ? random.nextInt(0x20) : kind == 1 ? 0x20 + random.nextInt(0x5f)
                    : kind == 2 ? 0xa0 + random.nextInt(0xd7ff - 0xa0) : 0x10000 + random.nextInt(0x100000);
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    private static String printable(SplittableRandom random, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) (' ' + random.nextInt('~' - ' ' + 1)));
        }
        return text.toString();
    }
}
