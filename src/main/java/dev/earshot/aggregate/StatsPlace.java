package dev.earshot.aggregate;

import dev.earshot.model.Location;
import dev.earshot.model.LocationLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The place a statistics cell is about: a city, or one of the wider places a city rolls up to. Roll-up ids are
 * built from the gazetteer's names, so they are stable and readable: {@code region:IN:Karnataka},
 * {@code country:IN}, {@code all}.
 *
 * @param name the city, the region, the country's English name, or "all locations"
 * @param country ISO-3166 alpha-2 code, or null for {@link LocationLevel#GLOBAL}
 */
public record StatsPlace(LocationLevel level, String id, String name, String country) {

    public static final String GLOBAL_ID = "all";

    public StatsPlace {
        if (level == null || id == null || name == null) {
            throw new IllegalArgumentException("level, id and name are required");
        }
    }

    public static StatsPlace city(Location location) {
        return new StatsPlace(LocationLevel.CITY, location.id(), location.city(), location.country());
    }

    /** The region (when the gazetteer knows it), the country and all locations that {@code location} counts in. */
    public static List<StatsPlace> rollUpsOf(Location location) {
        List<StatsPlace> places = new ArrayList<>(3);
        String country = location.country();
        if (location.region() != null && !location.region().isBlank()) {
            places.add(new StatsPlace(LocationLevel.REGION, "region:" + country + ":" + location.region(),
                    location.region(), country));
        }
        String countryName = new Locale("", country).getDisplayCountry(Locale.ENGLISH);
        places.add(new StatsPlace(LocationLevel.COUNTRY, "country:" + country,
                countryName.isBlank() ? country : countryName, country));
        places.add(new StatsPlace(LocationLevel.GLOBAL, GLOBAL_ID, "all locations", null));
        return places;
    }
}
