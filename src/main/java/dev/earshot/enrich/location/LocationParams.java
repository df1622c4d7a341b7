package dev.earshot.enrich.location;

import java.io.Serializable;
/**
 * Tuning of {@link LocationResolver}.
 *
 * @param geotagRadiusKm a geotag farther than this from every gazetteer city resolves to nothing
 * @param geotagConfidence confidence of a location from a geotag
 * @param placeConfidence confidence of a location from the platform's place name
 * @param textConfidence confidence of a location named in the text
 * @param profileConfidence confidence of a location from the author's profile, when a region or country confirms it
 *     ("Austin, TX"): the chance that the post was written within 50 km of that city, 0.45 on geotagged airline
 *     tweets (posters travel); weaker evidence gets less (see {@code LocationResolver})
 * @param ambiguityFactor multiplies the confidence when another city was a close second (or the text named several)
 * @param textAliasMinPopulation an alternate name ("Bombay") counts in text only for a city at least this big:
 *     smaller cities' alternate names include many ordinary words in some language
 */
public record LocationParams(
        double geotagRadiusKm,
        double geotagConfidence,
        double placeConfidence,
        double textConfidence,
        double profileConfidence,
        double ambiguityFactor,
        long textAliasMinPopulation) implements Serializable {

    public LocationParams {
        if (!(geotagRadiusKm > 0 && geotagRadiusKm <= 500)) {
            throw new IllegalArgumentException("geotagRadiusKm must be in (0, 500], was " + geotagRadiusKm
                    + "; use about 30 km, the size of a metropolitan area");
        }
        requireConfidence(geotagConfidence, "geotagConfidence");
        requireConfidence(placeConfidence, "placeConfidence");
        requireConfidence(textConfidence, "textConfidence");
        requireConfidence(profileConfidence, "profileConfidence");
        requireConfidence(ambiguityFactor, "ambiguityFactor");
        if (textAliasMinPopulation < 0) {
            throw new IllegalArgumentException("textAliasMinPopulation must be >= 0, was " + textAliasMinPopulation
                    + "; use 0 to accept every alternate name in text");
        }
    }

    private static void requireConfidence(double value, String name) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1], was " + value);
        }
    }

    public static LocationParams defaults() {
        return new LocationParams(30, 0.95, 0.9, 0.7, 0.45, 0.8, 1_000_000);
    }
}
