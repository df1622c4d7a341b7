package dev.earshot.eval;

import dev.earshot.enrich.location.Gazetteer;
import dev.earshot.enrich.location.Gazetteer.Candidate;
import dev.earshot.enrich.location.PlaceNames;
import dev.earshot.model.GeoPoint;
import java.util.Arrays;

/**
 * An upper bound for any resolver that picks a gazetteer place named in a profile: does some place whose name or
 * alternate name is a run of one to three words of the profile (or a whole comma-separated part) lie within the
 * distance of the geotag? A resolver can be right at most this often, whatever rules it chooses.
 */
public final class ProfileOracle {

    private static final int MAX_NAME_WORDS = 3;

    private final Gazetteer gazetteer;

    public ProfileOracle(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    public boolean namesAPlaceNear(String profileLocation, GeoPoint geotag, double km) {
        for (String part : profileLocation.split("[,;|/()\\n]")) {
            String key = PlaceNames.key(part);
            if (key.isEmpty()) {
                continue;
            }
            if (near(key, geotag, km)) {
                return true;
            }
            String[] words = key.split(" ");
            for (int start = 0; start < words.length; start++) {
                for (int end = start + 1; end <= Math.min(words.length, start + MAX_NAME_WORDS); end++) {
                    if (near(String.join(" ", Arrays.copyOfRange(words, start, end)), geotag, km)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private boolean near(String key, GeoPoint geotag, double km) {
        for (Candidate candidate : gazetteer.places(key)) {
            if (candidate.place().point().distanceKm(geotag) <= km) {
                return true;
            }
        }
        return false;
    }
}
