package dev.earshot.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.model.GeoPoint;
import org.junit.jupiter.api.Test;

class TweetCoordinatesTest {

    @Test
    void readsLatitudeThenLongitude() {
        assertThat(TweetCoordinates.parse("[40.74804263, -73.99295302]"))
                .contains(new GeoPoint(40.74804263, -73.99295302));
    }

    @Test
    void blankAndZeroZeroMeanNoGeotag() {
        assertThat(TweetCoordinates.parse("")).isEmpty();
        assertThat(TweetCoordinates.parse("  ")).isEmpty();
        assertThat(TweetCoordinates.parse("[0.0, 0.0]")).isEmpty();
    }

    @Test
    void anythingElseIsAnError() {
        assertThatThrownBy(() -> TweetCoordinates.parse("40.7, -73.9")).hasMessageContaining("is not [lat, lon]");
        assertThatThrownBy(() -> TweetCoordinates.parse("[north, west]")).hasMessageContaining("is not [lat, lon]");
        assertThatThrownBy(() -> TweetCoordinates.parse("[95.0, 10.0]")).hasMessageContaining("not a WGS84 point");
    }
}
