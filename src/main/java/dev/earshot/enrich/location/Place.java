package dev.earshot.enrich.location;

import dev.earshot.model.GeoPoint;

/**
 * A city of the gazetteer.
 *
 * @param geonameid GeoNames' id, the place's identity
 * @param name GeoNames' canonical name ("Bengaluru", not "Bangalore")
 * @param countryCode ISO-3166 alpha-2
 * @param region the first-level administrative division's name (state, province), or null when unknown
 */
public record Place(long geonameid, String name, double lat, double lon, String countryCode, String region,
        long population) {

    public GeoPoint point() {
        return new GeoPoint(lat, lon);
    }
}
