package io.roundtrip.model.profile;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Named network profiles, from the reference text ({@code seed/networking-and-http.txt}) and public
 * measurements. Each keeps the defaults (MSS 1460, IW10, handshake and slow start emulated) unless it says so.
 *
 * <ul>
 * <li>{@code none}, {@code loopback}: no delay at all.</li>
 * <li>{@code lan}: 0.5 ms RTT, uniform ±0.1 ms jitter, 1 Gbit/s.</li>
 * <li>{@code same-region}: 2 ms RTT (between availability zones), normal σ 0.2 ms, 1 Gbit/s.</li>
 * <li>{@code cross-continent}: 80 ms RTT ("a round-trip across a continent is ~80ms").</li>
 * <li>{@code cross-ocean}: 150 ms RTT ("across an ocean, ~150ms").</li>
 * <li>{@code sf-frankfurt-floor}: the speed-of-light floor from San Francisco to Frankfurt, computed:
 *     {@link GreatCircle} distance (≈ 9,133 km) at 200 km/ms, there and back ≈ 91.3 ms.</li>
 * <li>{@code sf-frankfurt}: the same path as measured: the floor × {@value #ROUTE_INFLATION} route inflation
 *     ≈ 167 ms (real cables are longer than the great circle and cross more equipment).</li>
 * <li>{@code mobile}: Lighthouse's simulated mobile throttling (150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up)
 *     plus normal σ 10 ms jitter and 0.5% loss.</li>
 * <li>{@code satellite}: geostationary: the floor is 4 × 35,786 km / c ≈ 477 ms; measured ≈ 600 ms RTT,
 *     normal σ 20 ms, 25 Mbit/s down, 3 Mbit/s up, 0.1% loss.</li>
 * </ul>
 */
public final class Presets {

    /** San Francisco, decimal degrees. */
    public static final double SF_LAT = 37.7749;
    public static final double SF_LON = -122.4194;
    /** Frankfurt am Main, decimal degrees. */
    public static final double FRA_LAT = 50.1109;
    public static final double FRA_LON = 8.6821;
    /** Measured RTT over the great-circle fibre floor for SF–Frankfurt (≈ 167 ms / 91.3 ms). */
    public static final double ROUTE_INFLATION = 1.83;

    private static final Map<String, Supplier<NetworkProfile>> PRESETS = new LinkedHashMap<>();

    static {
        PRESETS.put("none", () -> named("none").build());
        PRESETS.put("loopback", () -> named("loopback").build());
        PRESETS.put("lan", () -> named("lan").rtt(Duration.ofNanos(500_000))
                .jitter(new JitterDistribution.Uniform(100_000)).bandwidth(1_000_000_000L).build());
        PRESETS.put("same-region", () -> named("same-region").rtt(Duration.ofMillis(2))
                .jitter(new JitterDistribution.Normal(200_000)).bandwidth(1_000_000_000L).build());
        PRESETS.put("cross-continent", () -> named("cross-continent").rtt(Duration.ofMillis(80)).build());
        PRESETS.put("cross-ocean", () -> named("cross-ocean").rtt(Duration.ofMillis(150)).build());
        PRESETS.put("sf-frankfurt-floor", () -> named("sf-frankfurt-floor")
                .rtt(millis(sfFrankfurtFloorRttMillis())).build());
        PRESETS.put("sf-frankfurt", () -> named("sf-frankfurt")
                .rtt(millis(sfFrankfurtFloorRttMillis() * ROUTE_INFLATION)).build());
        PRESETS.put("mobile", () -> named("mobile").rtt(Duration.ofMillis(150))
                .jitter(new JitterDistribution.Normal(10_000_000)).bandwidthDown(1_600_000).bandwidthUp(750_000)
                .lossRate(0.005).build());
        PRESETS.put("satellite", () -> named("satellite").rtt(Duration.ofMillis(600))
                .jitter(new JitterDistribution.Normal(20_000_000)).bandwidthDown(25_000_000).bandwidthUp(3_000_000)
                .lossRate(0.001).build());
    }

    private Presets() {}

    /** The preset called {@code name} (case-insensitive); unknown names throw a one-line error listing them. */
    public static NetworkProfile get(String name) {
        Supplier<NetworkProfile> preset = name == null ? null : PRESETS.get(name.trim().toLowerCase(Locale.ROOT));
        if (preset == null) {
            throw new IllegalArgumentException("unknown preset '" + name + "': expected one of "
                    + String.join(", ", PRESETS.keySet()));
        }
        return preset.get();
    }

    /** Whether {@code name} names a preset. */
    public static boolean exists(String name) {
        return name != null && PRESETS.containsKey(name.trim().toLowerCase(Locale.ROOT));
    }

    /** Preset names, in documentation order. */
    public static Set<String> names() {
        return PRESETS.keySet();
    }

    /** Great-circle distance San Francisco → Frankfurt, km (≈ 9,133). */
    public static double sfFrankfurtKm() {
        return GreatCircle.distanceKm(SF_LAT, SF_LON, FRA_LAT, FRA_LON);
    }

    /** The fibre floor for San Francisco → Frankfurt and back, ms (≈ 91.3). */
    public static double sfFrankfurtFloorRttMillis() {
        return GreatCircle.fibreFloorRttMillis(sfFrankfurtKm());
    }

    private static ProfileBuilder named(String name) {
        return NetworkProfile.builder().name(name);
    }

    /** Rounded to the microsecond so that the preset prints cleanly. */
    private static Duration millis(double ms) {
        return Duration.ofNanos(Math.round(ms * 1000) * 1000);
    }
}
