package dev.earshot.enrich.location;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.model.Location;
import dev.earshot.model.LocationMethod;
import org.junit.jupiter.api.Test;

class GazetteerTest {

    private final Gazetteer gazetteer = Gazetteer.bundled();

    @Test
    void theBundledGazetteerIsLoadedOnceAndHoldsTheCities15000() {
        assertThat(Gazetteer.bundled()).isSameAs(gazetteer);
        assertThat(gazetteer.size()).isBetween(20_000, 30_000);
    }

    @Test
    void oldNamesAreAliasesOfTheCanonicalPlace() {
        assertThat(gazetteer.places("bombay").get(0).place().name()).isEqualTo("Mumbai");
        assertThat(gazetteer.places("madras").get(0).place().geonameid()).isEqualTo(1264527L);
        assertThat(gazetteer.places("calcutta").get(0).place().geonameid()).isEqualTo(1275004L);
        assertThat(gazetteer.places("london")).extracting(c -> c.place().countryCode()).startsWith("GB", "CA");
    }

    @Test
    void toLocationUsesTheGeonamesIdAndCanonicalName() {
        Place bengaluru = gazetteer.place(1277333).orElseThrow();

        Location location = gazetteer.toLocation(bengaluru, LocationMethod.TEXT, 0.7);

        assertThat(location.id()).isEqualTo("geonames:1277333");
        assertThat(location.city()).isEqualTo("Bengaluru");
        assertThat(location.region()).isEqualTo("Karnataka");
        assertThat(location.country()).isEqualTo("IN");
        assertThat(location.point()).isEqualTo(bengaluru.point());
        assertThat(location.method()).isEqualTo(LocationMethod.TEXT);
        assertThat(location.confidence()).isEqualTo(0.7);
    }

    @Test
    void namesListThePlacesNameThenItsAlternateNamesAsWritten() {
        Place mumbai = gazetteer.place(1275339).orElseThrow();

        assertThat(gazetteer.names(mumbai)).startsWith("Mumbai").contains("Bombay");
        assertThat(gazetteer.places()).hasSize(gazetteer.size()).contains(mumbai);
    }

    @Test
    void sectionsAreKeptApartFromTheCitysOwnNames() {
        Place newYork = gazetteer.place(5128581).orElseThrow();

        assertThat(gazetteer.sections(newYork)).contains("Brooklyn", "Manhattan", "Harlem");
        assertThat(gazetteer.names(newYork)).contains("NYC", "Big Apple").doesNotContain("Brooklyn", "Harlem");
        assertThat(gazetteer.places("harlem")).extracting(Gazetteer.Candidate::kind).contains(NameKind.SECTION);
        assertThat(gazetteer.sections(gazetteer.place(1277333).orElseThrow())).isEmpty();
    }
}
