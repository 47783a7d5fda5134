package io.roundtrip.gatling;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * This load generator's place among N: {@code -Dgenerator=I/N} (I from 0), or Kubernetes' Indexed Job index
 * ({@code JOB_COMPLETION_INDEX}) with {@code -Dgenerators=N}; and the wall-clock instant at which every generator
 * opens its measured window ({@code -DstartAt=2026-12-02T09:00:00Z}). N generators together apply the configured
 * load: each takes its share of users (the remainder to the lowest indices) and 1/N of every rate.
 *
 * @param index   this generator, from 0
 * @param count   how many generators share the load
 * @param startAt when the measured window opens on every generator; empty: a warm-up after this one starts
 */
public record Generator(int index, int count, Optional<Instant> startAt) {

    /** One generator alone, starting when it is ready. */
    public static final Generator ALONE = new Generator(0, 1, Optional.empty());

    public Generator {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("expected I/N with 0 <= I < N, such as 0/3");
        }
    }

    /** From {@code -Dgenerator}, {@code -Dgenerators} with {@code JOB_COMPLETION_INDEX}, and {@code -DstartAt}. */
    static Generator from(Properties properties, Map<String, String> environment, Clock clock) {
        String generator = properties.getProperty("generator");
        String generators = properties.getProperty("generators");
        int index = 0;
        int count = 1;
        if (generator != null && !generator.isBlank()) {
            String[] parts = generator.trim().split("/");
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException();
                }
                index = Integer.parseInt(parts[0]);
                count = Integer.parseInt(parts[1]);
                checked(index, count);
            } catch (IllegalArgumentException e) {
                throw new RunParameters.BadParameterException("bad -Dgenerator=" + generator
                        + ": expected I/N with 0 <= I < N, such as 0/3");
            }
        } else if (generators != null && !generators.isBlank()) {
            String jobIndex = environment.get("JOB_COMPLETION_INDEX");
            try {
                count = Integer.parseInt(generators.trim());
                index = jobIndex == null ? 0 : Integer.parseInt(jobIndex.trim());
                checked(index, count);
            } catch (IllegalArgumentException e) {
                throw new RunParameters.BadParameterException("bad -Dgenerators=" + generators
                        + " with JOB_COMPLETION_INDEX=" + jobIndex + ": expected N >= 1 and an index from 0 to N-1");
            }
        }
        return new Generator(index, count, startAt(properties.getProperty("startAt"), clock));
    }

    private static void checked(int index, int count) {
        new Generator(index, count, Optional.empty());
    }

    private static Optional<Instant> startAt(String text, Clock clock) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Instant instant;
        try {
            instant = Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new RunParameters.BadParameterException("bad -DstartAt=" + text
                    + ": expected an ISO-8601 instant such as 2026-12-02T09:00:00Z");
        }
        Instant now = clock.instant();
        if (!instant.isAfter(now)) {
            throw new RunParameters.BadParameterException("bad -DstartAt=" + text + ": that instant has passed (now "
                    + now + ")");
        }
        return Optional.of(instant);
    }

    /** This generator's share of {@code total} users: the remainder goes to the lowest indices; never below one. */
    public int usersOf(int total) {
        return Math.max(1, total / count + (index < total % count ? 1 : 0));
    }

    /** This generator's share of a rate. */
    public double rateOf(double total) {
        return total / count;
    }

    public boolean alone() {
        return count == 1;
    }
}
