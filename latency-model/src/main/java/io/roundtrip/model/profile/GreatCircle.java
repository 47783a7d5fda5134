package io.roundtrip.model.profile;

/**
 * Great-circle distance by the haversine formula on a sphere of the Earth's mean radius (6,371.0 km, IUGG), and
 * the speed-of-light floor it puts under a round trip over fibre.
 *
 * <p>Light in silica fibre travels at about c / 1.47 ≈ 204 km/ms; the usual planning figure, used here, is
 * {@value #FIBRE_KM_PER_MS} km per millisecond. A real route is longer than the great circle (cables follow
 * coasts and peering points), hence a route-inflation factor for typical paths.
 */
public final class GreatCircle {

    /** Mean Earth radius, km (IUGG mean radius R1, rounded as in most haversine references). */
    public static final double EARTH_RADIUS_KM = 6371.0;
    /** Propagation speed in fibre, km per millisecond (≈ 2/3 of c). */
    public static final double FIBRE_KM_PER_MS = 200.0;

    private GreatCircle() {}

    /** Haversine distance in kilometres between two points given in decimal degrees (north and east positive). */
    public static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        double phi1 = Math.toRadians(lat1);
        double phi2 = Math.toRadians(lat2);
        double dPhi = Math.toRadians(lat2 - lat1);
        double dLambda = Math.toRadians(lon2 - lon1);
        double h = Math.pow(Math.sin(dPhi / 2), 2)
                + Math.cos(phi1) * Math.cos(phi2) * Math.pow(Math.sin(dLambda / 2), 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    /** The smallest possible round-trip time over fibre along the great circle: 2 · distance / 200 km/ms. */
    public static double fibreFloorRttMillis(double distanceKm) {
        return 2 * distanceKm / FIBRE_KM_PER_MS;
    }
}
