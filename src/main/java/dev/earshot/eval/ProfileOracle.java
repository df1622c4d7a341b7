package dev.earshot.eval;

import dev.earshot.enrich.location.Gazetteer;
import dev.earshot.enrich.location.Gazetteer.Candidate;
import dev.earshot.enrich.location.LocationResolver;
import dev.earshot.enrich.location.PlaceNames;
import dev.earshot.model.GeoPoint;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An upper bound for any resolver that picks a gazetteer place named in a profile: does some place whose name or
 * alternate name is a whole part of the profile, or a run of one to three of its words, lie within the distance of
 * the geotag? Parts and words are split at least as finely as {@link dev.earshot.enrich.location.LocationResolver}
 * splits them ("Orlando.South Beach.Vegas" has the word "Orlando"), and a word also counts without a possessive 's
 * and as a hashtag (#NewYork), so a resolver can be right at most this often, whatever rules it chooses.
 */
public final class ProfileOracle {

    private static final int MAX_NAME_WORDS = 3;
    /** Anything but letters, digits, marks and apostrophes separates words, as in the resolver. */
    private static final Pattern WORD_BREAK = Pattern.compile("[^\\p{L}\\p{N}\\p{M}'\u2019]+");
    private static final Pattern POSSESSIVE = Pattern.compile("['\u2019][sS]$");

    private final Gazetteer gazetteer;

    public ProfileOracle(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    public boolean namesAPlaceNear(String profileLocation, GeoPoint geotag, double km) {
        for (String part : LocationResolver.placeParts(profileLocation)) {
            if (near(gazetteer.places(PlaceNames.key(part)), geotag, km)) {
                return true;
            }
            // The key's words ("St.Louis" is "stlouis") and the words between punctuation ("st", "louis").
            List<String> keyWords = List.of(PlaceNames.key(part).split(" "));
            List<String> words = Stream.of(WORD_BREAK.split(part)).map(PlaceNames::key).filter(w -> !w.isEmpty())
                    .toList();
            if (nearRun(keyWords, geotag, km) || nearRun(words, geotag, km)) {
                return true;
            }
            for (String word : WORD_BREAK.split(part)) {
                String withoutPossessive = PlaceNames.key(POSSESSIVE.matcher(word).replaceFirst(""));
                if (near(gazetteer.places(withoutPossessive), geotag, km)
                        || near(gazetteer.placesByCompactKey(PlaceNames.key(word)), geotag, km)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean nearRun(List<String> words, GeoPoint geotag, double km) {
        for (int start = 0; start < words.size(); start++) {
            for (int end = start + 1; end <= Math.min(words.size(), start + MAX_NAME_WORDS); end++) {
                if (near(gazetteer.places(String.join(" ", words.subList(start, end))), geotag, km)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean near(List<Candidate> candidates, GeoPoint geotag, double km) {
        for (Candidate candidate : candidates) {
            if (candidate.place().point().distanceKm(geotag) <= km) {
                return true;
            }
        }
        return false;
    }
}
