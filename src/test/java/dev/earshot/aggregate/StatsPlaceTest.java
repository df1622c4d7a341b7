package dev.earshot.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.model.GeoPoint;
import dev.earshot.model.Location;
import dev.earshot.model.LocationLevel;
import dev.earshot.model.LocationMethod;
import org.junit.jupiter.api.Test;

class StatsPlaceTest {

    @Test
    void aCityRollsUpToItsRegionItsCountryAndAllLocations() {
        Location bengaluru = new Location("geonames:1277333", "Bengaluru", "Karnataka", "IN", new GeoPoint(12.97, 77.59),
                LocationMethod.TEXT, 0.9);

        assertThat(StatsPlace.city(bengaluru))
                .isEqualTo(new StatsPlace(LocationLevel.CITY, "geonames:1277333", "Bengaluru", "IN"));
        assertThat(StatsPlace.rollUpsOf(bengaluru)).containsExactly(
                new StatsPlace(LocationLevel.REGION, "region:IN:Karnataka", "Karnataka", "IN"),
                new StatsPlace(LocationLevel.COUNTRY, "country:IN", "India", "IN"),
                new StatsPlace(LocationLevel.GLOBAL, "all", "all locations", null));
    }

    @Test
    void aCityWithoutAKnownRegionRollsUpToItsCountryDirectly() {
        Location singapore = new Location("geonames:1880252", "Singapore", null, "SG", new GeoPoint(1.29, 103.85),
                LocationMethod.GEOTAG, 1);

        assertThat(StatsPlace.rollUpsOf(singapore)).extracting(StatsPlace::id).containsExactly("country:SG", "all");
    }
}
