package dev.earshot.eval;

import dev.earshot.enrich.location.Gazetteer;
import dev.earshot.enrich.location.Gazetteer.Candidate;
import dev.earshot.enrich.location.Place;
import dev.earshot.enrich.location.PlaceNames;
import java.util.Comparator;
import java.util.Optional;

/**
 * The simplest profile-location resolver, to measure the real one against: the profile's first comma-separated part
 * looked up as a whole name or alternate name of the gazetteer (case, accents and punctuation ignored, as
 * {@link PlaceNames#key} does), the most populous place of that name winning. No context, no guards.
 */
public final class NaiveProfileBaseline {

    private final Gazetteer gazetteer;

    public NaiveProfileBaseline(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    public Optional<Place> resolve(String profileLocation) {
        String key = PlaceNames.key(profileLocation.split(",", 2)[0]);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        return gazetteer.places(key).stream().map(Candidate::place)
                .max(Comparator.comparingLong(Place::population)
                        .thenComparing(Comparator.comparingLong(Place::geonameid).reversed()));
    }
}
