package dev.earshot.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.enrich.location.Gazetteer;
import dev.earshot.enrich.location.Place;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class NaiveProfileBaselineTest {

    /** Two Portlands (Oregon the bigger), Paris, and Mumbai with its old name. */
    private static final Gazetteer GAZETTEER = Gazetteer.fromLines(Stream.of(
            "C\tUS\tUSA\tUnited States\tUSA",
            "C\tFR\tFRA\tFrance\t",
            "C\tIN\tIND\tIndia\t",
            "R\tUS\tOR\tOregon\tOR",
            "R\tUS\tME\tMaine\tME",
            "P\t5746545\tPortland\t45.52345\t-122.67621\tUS\tOR\t632309\t",
            "P\t4975802\tPortland\t43.66147\t-70.25533\tUS\tME\t66881\t",
            "P\t2988507\tParis\t48.85341\t2.3488\tFR\t11\t2138551\t",
            "P\t4717560\tParis\t33.66094\t-95.55551\tUS\tTX\t24782\t",
            "P\t1275339\tMumbai\t19.07283\t72.88261\tIN\t16\t12691836\tBombay"));

    private final NaiveProfileBaseline baseline = new NaiveProfileBaseline(GAZETTEER);

    private Optional<Long> resolve(String profile) {
        return baseline.resolve(profile).map(Place::geonameid);
    }

    @Test
    void theFirstCommaPartIsLookedUpAndTheLargestPlaceOfThatNameWins() {
        assertThat(resolve("Portland")).contains(5746545L);
        assertThat(resolve("Portland, ME")).as("the rest of the profile is ignored").contains(5746545L);
        assertThat(resolve("Paris, Texas")).contains(2988507L);
        assertThat(resolve("  PORTLAND ,OR")).contains(5746545L);
    }

    @Test
    void alternateNamesCountButOnlyTheWholePartIsLookedUp() {
        assertThat(resolve("Bombay, India")).contains(1275339L);
        assertThat(resolve("Mumbai India")).isEmpty();
        assertThat(resolve("Earth")).isEmpty();
        assertThat(resolve(", Paris")).isEmpty();
        assertThat(resolve("")).isEmpty();
    }
}
