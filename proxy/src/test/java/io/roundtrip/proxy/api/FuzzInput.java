package io.roundtrip.proxy.api;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * What one try of {@link ApiFuzzTest} sends, as jqwik generates (and shrinks) it: a route of the table, the names
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

    static Arbitrary<Attempt> attempts(int routes) {
        return Combinators.combine(
                Arbitraries.integers().between(0, routes - 1),
                Arbitraries.integers().between(0, 1),
                names(proxyNames()),
                names(toxicNames()),
                Arbitraries.integers().between(0, 5_000),
                Arbitraries.of(true, false),
                Arbitraries.frequency(Tuple.of(4, false), Tuple.of(1, true)),
                Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(List.<Mutation>of())),
                        Tuple.of(2, mutations().list().ofMinSize(1).ofMaxSize(4))))
                .as(Attempt::new);
    }

    private static Arbitrary<Name> names(Arbitrary<String> texts) {
        Arbitrary<Encoding> encodings = Arbitraries.frequency(Tuple.of(20, Encoding.PERCENT), Tuple.of(1, Encoding.RAW),
                Tuple.of(1, Encoding.DOUBLE), Tuple.of(1, Encoding.PLUS), Tuple.of(1, Encoding.BAD_ESCAPE),
                Tuple.of(1, Encoding.LONG));
        return Combinators.combine(texts, encodings).as(Name::new);
    }

    private static Arbitrary<String> proxyNames() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(P, ODD, OFF)),
                Tuple.of(2, Arbitraries.of("nope", "P", "p ", " ", "%", "a/b", "..", ".", "é", "+", "x".repeat(300))),
                Tuple.of(2, Arbitraries.strings().all().ofMinLength(1).ofMaxLength(12)));
    }

    private static Arbitrary<String> toxicNames() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(LAT, ODD_TOXIC)),
                Tuple.of(2, Arbitraries.of("nope", "LAT", "latency_downstream", "%", "t+%2F")),
                Tuple.of(1, Arbitraries.strings().all().ofMinLength(1).ofMaxLength(12)));
    }

    private static Arbitrary<Mutation> mutations() {
        Arbitrary<Kind> kinds = Arbitraries.frequencyOf(
                Tuple.of(40, Arbitraries.of(Kind.values()).filter(k -> k != Kind.HUGE_BODY
                        && k != Kind.OVERSIZED_BODY)),
                Tuple.of(1, Arbitraries.of(Kind.HUGE_BODY, Kind.OVERSIZED_BODY)));
        Arbitrary<String> texts = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().all().ofMaxLength(16)),
                Tuple.of(1, Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(16)));
        return Combinators.combine(kinds, Arbitraries.integers().between(0, 100_000), texts).as(Mutation::new);
    }
}
