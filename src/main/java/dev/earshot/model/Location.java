package dev.earshot.model;

/**
 * A resolved place: one canonical id whatever name the post used ("Bengaluru" and "Bangalore" are one place).
 *
 * @param id {@code geonames:<geonameid>}
 * @param city the gazetteer's canonical name
 * @param region the first-level administrative division (state, province), or null
 * @param country ISO-3166 alpha-2 code
 * @param point the place's coordinates in the gazetteer
 * @param method how the post's location was found
 * @param confidence from 0 to 1
 */
public record Location(
        String id, String city, String region, String country, GeoPoint point, LocationMethod method, double confidence) {

    public Location {
        if (id == null || city == null || country == null || method == null) {
            throw new IllegalArgumentException("id, city, country and method are required");
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], was " + confidence);
        }
    }
}
