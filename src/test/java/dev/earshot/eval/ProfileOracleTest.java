package dev.earshot.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.enrich.location.Gazetteer;
import dev.earshot.model.GeoPoint;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ProfileOracleTest {

    /** Two Portlands and Mumbai with its old name. */
    private static final Gazetteer GAZETTEER = Gazetteer.fromLines(Stream.of(
            "C\tUS\tUSA\tUnited States\tUSA",
            "C\tIN\tIND\tIndia\t",
            "R\tUS\tOR\tOregon\tOR",
            "R\tUS\tME\tMaine\tME",
            "P\t5746545\tPortland\t45.52345\t-122.67621\tUS\tOR\t632309\t",
            "P\t4975802\tPortland\t43.66147\t-70.25533\tUS\tME\t66881\t",
            "P\t1275339\tMumbai\t19.07283\t72.88261\tIN\t16\t12691836\tBombay|Old Bombay"));

    private static final GeoPoint NEAR_PORTLAND_MAINE = new GeoPoint(43.65, -70.3);
    private static final GeoPoint NEAR_MUMBAI = new GeoPoint(19.1, 72.9);

    private final ProfileOracle oracle = new ProfileOracle(GAZETTEER);

    @Test
    void anyPlaceOfAnyNameInTheProfileNearTheGeotagCounts() {
        assertThat(oracle.namesAPlaceNear("Portland", NEAR_PORTLAND_MAINE, 50)).as("the smaller Portland").isTrue();
        assertThat(oracle.namesAPlaceNear("born in old Bombay", NEAR_MUMBAI, 50)).as("a run of words").isTrue();
        assertThat(oracle.namesAPlaceNear("Texas | Portland", NEAR_PORTLAND_MAINE, 50)).isTrue();
    }

    @Test
    void wordsCountAsTheResolverReadsThem() {
        assertThat(oracle.namesAPlaceNear("Goa.Portland.Vegas", NEAR_PORTLAND_MAINE, 50)).as("periods").isTrue();
        assertThat(oracle.namesAPlaceNear("Mumbai's finest", NEAR_MUMBAI, 50)).as("a possessive").isTrue();
        assertThat(oracle.namesAPlaceNear("#NewMumbai", NEAR_MUMBAI, 50)).as("not a compact name").isFalse();
        assertThat(oracle.namesAPlaceNear("#OldBombay", NEAR_MUMBAI, 50)).as("a compact name").isTrue();
    }

    @Test
    void noNamedPlaceNearTheGeotagDoesNotCount() {
        assertThat(oracle.namesAPlaceNear("Portland", NEAR_MUMBAI, 50)).isFalse();
        assertThat(oracle.namesAPlaceNear("Mumbai", NEAR_MUMBAI, 1)).as("the distance is the limit").isFalse();
        assertThat(oracle.namesAPlaceNear("everywhere", NEAR_MUMBAI, 50)).isFalse();
    }
}
