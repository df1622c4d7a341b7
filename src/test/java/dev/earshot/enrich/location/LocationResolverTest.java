package dev.earshot.enrich.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.model.Author;
import dev.earshot.model.GeoPoint;
import dev.earshot.model.Location;
import dev.earshot.model.LocationMethod;
import dev.earshot.model.Post;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LocationResolverTest {

    private static final String BENGALURU = "geonames:1277333";
    private static final String MUMBAI = "geonames:1275339";
    private static final String NEW_YORK_CITY = "geonames:5128581";
    private static final String LONDON_GB = "geonames:2643743";

    private final LocationResolver resolver = LocationResolver.withDefaults();

    private static Post post(String text, GeoPoint geo, String place, String profile) {
        return new Post("sample:1", "sample", Instant.parse("2026-03-04T05:00:00Z"), text, "en",
                new Author("a1", "someone", 10, profile), geo, place, null, null, null, null, null, null);
    }

    private Optional<String> idOf(Optional<Location> location) {
        return location.map(Location::id);
    }

    private Optional<String> place(String place) {
        return idOf(resolver.fromPlaceName(place, LocationMethod.PLACE));
    }

    private Optional<String> profile(String profile) {
        return idOf(resolver.fromPlaceName(profile, LocationMethod.PROFILE));
    }

    private Optional<String> text(String text) {
        return idOf(resolver.fromText(text));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
            "Bengaluru; geonames:1277333", "Bangalore; geonames:1277333", "Mumbai; geonames:1275339",
            "Bombay; geonames:1275339", "Delhi; geonames:1273294", "New Delhi; geonames:1273294",
            "Chennai; geonames:1264527", "Madras; geonames:1264527", "Hyderabad; geonames:1269843",
            "Kolkata; geonames:1275004", "Calcutta; geonames:1275004", "Pune; geonames:1259229",
            "London; geonames:2643743", "New York City; geonames:5128581", "New York; geonames:5128581",
            "NYC; geonames:5128581", "Singapore; geonames:1880252"})
    void demoCitiesResolveFromEveryForm(String name, String id) {
        assertThat(place(name + ", " + countryOf(id))).as("place").contains(id);
        assertThat(text("Terrible parking near MG Road in " + name + " today")).as("text").contains(id);
        assertThat(text(name + " traffic is insane")).as("sentence start").contains(id);
        assertThat(text("No water supply since morning #" + name.replace(" ", ""))).as("hashtag").contains(id);
        assertThat(profile(name)).as("profile").contains(id);
        assertThat(profile(name + ", " + countryOf(id))).as("profile with country").contains(id);
        assertThat(profile(name.toLowerCase())).as("lower-case profile").contains(id);
    }

    private static String countryOf(String id) {
        return switch (id) {
            case "geonames:2643743" -> "UK";
            case "geonames:5128581" -> "USA";
            case "geonames:1880252" -> "Singapore";
            default -> "India";
        };
    }

    @Test
    void oldAndNewNamesAreOnePlaceWithTheCanonicalName() {
        Location bangalore = resolver.fromPlaceName("Bangalore", LocationMethod.PROFILE).orElseThrow();
        Location bengaluru = resolver.fromPlaceName("Bengaluru", LocationMethod.PROFILE).orElseThrow();

        assertThat(bangalore).isEqualTo(bengaluru);
        assertThat(bangalore.id()).isEqualTo(BENGALURU);
        assertThat(bangalore.city()).isEqualTo("Bengaluru");
        assertThat(bangalore.region()).isEqualTo("Karnataka");
        assertThat(bangalore.country()).isEqualTo("IN");
        assertThat(bangalore.point().distanceKm(new GeoPoint(12.97, 77.59))).isLessThan(2);
    }

    @Test
    void populationWinsUnlessTheStringSaysOtherwise() {
        assertThat(place("London")).contains(LONDON_GB);
        assertThat(place("London, Ontario")).contains("geonames:6058560");
        assertThat(place("London, ON")).contains("geonames:6058560");
        assertThat(place("London, Canada")).contains("geonames:6058560");
        assertThat(place("Paris")).contains("geonames:2988507");
        assertThat(place("Paris, Texas")).contains("geonames:4717560");
        assertThat(place("Portland")).contains("geonames:5746545");
        assertThat(place("Portland, ME")).contains("geonames:4975802");
        assertThat(place("Manhattan, NY")).contains(NEW_YORK_CITY);
        assertThat(place("Brooklyn, New York")).contains(NEW_YORK_CITY);
        assertThat(text("Greetings from Paris, Texas!")).contains("geonames:4717560");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
            "NYC | LA; geonames:5128581", "LA / NYC; geonames:5368361", "Born in Texas, living in Boston; geonames:4930956",
            "Washington DC; geonames:4140963", "DC; geonames:4140963", "SF Bay Area; geonames:5391959",
            "Chicago, IL; geonames:4887398", "Los Angeles, CA 90045; geonames:5368361", "New York, NY; geonames:5128581",
            "Gainesville GA; geonames:4196586", "Charlotte, North Carolina; geonames:4460243",
            "Floridian from Cincinnati; geonames:4508722", "Jersey bred, Atlanta resident; geonames:4180439",
            "North Minneapolis; geonames:5037649", "bangalore, india; geonames:1277333"})
    void noisyProfilesResolveToTheirCity(String profile, String id) {
        assertThat(profile(profile)).as(profile).contains(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"USA", "Texas", "New Jersey", "Maryland", "california", 
            "New Mexico", "Upstate New York", "Jersey", "All Over The World",
            "somewhere over the rainbow", "NY, NY", "Georgia", "Washington"})
    void regionsCountriesAndPhrasesAreNotCities(String profile) {
        assertThat(profile(profile)).as(profile).isEmpty();
    }

    @Test
    void aProfileConfirmedByItsRegionIsMoreConfidentThanANameAloneOrInsideAPhrase() {
        double confirmed = resolver.fromPlaceName("Seattle, WA", LocationMethod.PROFILE).orElseThrow().confidence();
        double alone = resolver.fromPlaceName("Seattle", LocationMethod.PROFILE).orElseThrow().confidence();
        double inside = resolver.fromPlaceName("Floridian from Cincinnati", LocationMethod.PROFILE).orElseThrow()
                .confidence();

        assertThat(confirmed).isGreaterThan(alone);
        assertThat(confirmed).isGreaterThan(inside);
        assertThat(resolver.fromPlaceName("Seattle", LocationMethod.PLACE).orElseThrow().confidence())
                .as("the platform's place is trusted as it is").isEqualTo(LocationParams.defaults().placeConfidence());
    }

    @Test
    void aCitySectionSharedWithAnotherTownNeedsItsRegion() {
        assertThat(profile("Hollywood")).as("Hollywood, Florida, is a city of its own").isNotEqualTo(Optional.of("geonames:5368361"));
        assertThat(profile("Hollywood, CA")).contains("geonames:5368361");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
            "Venice; geonames:3164603", "Venice, CA; geonames:5368361", "Venice, Los Angeles; geonames:5368361",
            "Hollywood, LA; geonames:5368361", "Lincoln Park; geonames:4999311", "Lincoln Park, Chicago; geonames:4887398",
            "Lincoln Park, IL; geonames:4887398", "Chinatown, San Francisco; geonames:5391959",
            "Chinatown, New York; geonames:5128581", "Puno; geonames:3931276", "Puno, India; geonames:1259229",
            "Puno, Pune; geonames:1259229", "San Miguel, California; geonames:5391811",
            "Portland, Oregon; geonames:5746545", "Shivaji Nagar; geonames:1259229", "Park Slope; geonames:5128581"})
    void aSharedNameNeedsItsCityOrRegionBesideItAndAnUnsharedSectionNeedsNothing(String profile, String id) {
        assertThat(profile(profile)).as(profile).contains(id);
    }

    @Test
    void aCityBesideASectionIsStrongContext() {
        double besideCity = resolver.fromPlaceName("Venice, Los Angeles", LocationMethod.PROFILE).orElseThrow()
                .confidence();
        double alone = resolver.fromPlaceName("Los Angeles", LocationMethod.PROFILE).orElseThrow().confidence();

        assertThat(besideCity).isEqualTo(LocationParams.defaults().profileConfidence()).isGreaterThan(alone);
        assertThat(profile("Uptown")).as("a generic section name needs context").isEmpty();
        assertThat(LocationResolver.needsContext("Uptown")).isTrue();
        assertThat(LocationResolver.needsContext("Lincoln Park")).isFalse();
    }

    @Test
    void aContextThatNoCandidateMatchesResolvesToNothing() {
        assertThat(place("Bengaluru, Canada")).isEmpty();
        assertThat(profile("Ontario, Canada")).isEmpty();
    }

    @Test
    void ambiguityLowersConfidence() {
        double london = resolver.fromPlaceName("London", LocationMethod.PROFILE).orElseThrow().confidence();
        double hyderabad = resolver.fromPlaceName("Hyderabad", LocationMethod.PROFILE).orElseThrow().confidence();
        double hyderabadIndia = resolver.fromPlaceName("Hyderabad, India", LocationMethod.PROFILE).orElseThrow()
                .confidence();

        assertThat(hyderabadIndia).as("confirmed by its country").isEqualTo(LocationParams.defaults().profileConfidence());
        assertThat(london).as("unconfirmed").isLessThan(hyderabadIndia);
        assertThat(hyderabad).isLessThan(london); // Hyderabad, Pakistan is big too
        assertThat(resolver.fromText("From Pune to Mumbai by train, then the Mumbai local").orElseThrow())
                .satisfies(location -> {
                    assertThat(location.id()).isEqualTo(MUMBAI);
                    assertThat(location.confidence()).isLessThan(0.7);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"Earth", "everywhere", "Worldwide", "in my head", "home", "the internet", "Planet Earth",
            "India", "Karnataka, India", "somewhere on earth", "", "   "})
    void nonPlacesResolveToNothing(String profile) {
        assertThat(profile(profile)).as(profile).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Nice weather today", "Reading the news about the metro", "Police were called again",
            "Metro is late again #metro", "Of course the bus was late", "Mobile data is down", "Victoria called me",
            "parking near mg road in bangalore", "Can someone fix this?", "Man, the traffic", "Most buses are late",
            "Thanks @London for nothing http://london.example.com", "Honking on Orange street", "I love LA",
            "Deal with it", "MG Road is blocked", "Virgin Mobile Mexico is down", "Flights to Asia"})
    void textIsReadConservatively(String text) {
        // "I love LA" is an abbreviation in capitals, so it does count; every other line names no city.
        Optional<String> id = text(text);
        if (text.equals("I love LA")) {
            assertThat(id).contains("geonames:5368361");
        } else {
            assertThat(id).as(text).isEmpty();
        }
    }

    @Test
    void wordsThatAreCitiesCountWithContext() {
        assertThat(text("Moving to Reading, UK next month")).contains("geonames:2639577");
        assertThat(profile("Victoria, BC")).contains("geonames:6174041");
        assertThat(profile("Nice")).isEmpty();
        assertThat(profile("Nice, France")).contains("geonames:2990440");
    }

    @Test
    void textFindsMultiWordNamesPossessivesAndAbbreviations() {
        assertThat(text("New York's subway is flooded")).contains(NEW_YORK_CITY);
        assertThat(text("Stuck on the NYC subway again")).contains(NEW_YORK_CITY);
        assertThat(text("stuck on the nyc subway again")).isEmpty();
        assertThat(text("BOMBAY TRAFFIC IS INSANE")).contains(MUMBAI);
        assertThat(text("Power cut in #NewDelhi")).contains("geonames:1273294");
    }

    @Test
    void profilesFindACityInsideFreeText() {
        assertThat(profile("this place called NYC")).contains(NEW_YORK_CITY);
        assertThat(profile("San Francisco CA")).contains("geonames:5391959");
        assertThat(profile("Bangalore | Mumbai")).contains(BENGALURU);
        assertThat(profile("Koramangala, Bangalore")).contains(BENGALURU);
        assertThat(profile("nyc")).contains(NEW_YORK_CITY);
        assertThat(profile("Washington, D.C.")).contains("geonames:4140963");
    }

    @Test
    void aGeotagResolvesToTheCityAroundIt() {
        assertThat(idOf(resolver.fromGeotag(new GeoPoint(12.9716, 77.5946)))).contains(BENGALURU);
        // 9 km north of the centre, closer to suburbs than to the centre point
        assertThat(idOf(resolver.fromGeotag(new GeoPoint(13.05, 77.59)))).contains(BENGALURU);
        // Brooklyn and Canary Wharf belong to their cities
        assertThat(idOf(resolver.fromGeotag(new GeoPoint(40.65, -73.95)))).contains(NEW_YORK_CITY);
        assertThat(idOf(resolver.fromGeotag(new GeoPoint(51.505, -0.0235)))).contains(LONDON_GB);
        // Thane is a city of its own
        assertThat(idOf(resolver.fromGeotag(new GeoPoint(19.1972, 72.9722)))).contains("geonames:1254661");
        // the middle of the Atlantic
        assertThat(resolver.fromGeotag(new GeoPoint(30, -40))).isEmpty();
    }

    @Test
    void theMostTrustedEvidenceWins() {
        Post everything = post("Loving Mumbai today", new GeoPoint(12.98, 77.60), "London, UK", "NYC");
        Post noGeotag = post("Loving Mumbai today", null, "London, UK", "NYC");
        Post textAndProfile = post("Loving Mumbai today", null, null, "NYC");
        Post profileOnly = post("the parking here is a joke", null, null, "NYC");
        Post nothing = post("the parking here is a joke", null, null, "everywhere");

        assertThat(resolver.resolve(everything)).get().extracting(Location::id, Location::method, Location::confidence)
                .containsExactly(BENGALURU, LocationMethod.GEOTAG, 0.95);
        assertThat(resolver.resolve(noGeotag)).get().extracting(Location::id, Location::method)
                .containsExactly(LONDON_GB, LocationMethod.PLACE);
        assertThat(resolver.resolve(textAndProfile)).get().extracting(Location::id, Location::method)
                .containsExactly(MUMBAI, LocationMethod.TEXT);
        assertThat(resolver.resolve(profileOnly)).get().extracting(Location::id, Location::method)
                .containsExactly(NEW_YORK_CITY, LocationMethod.PROFILE);
        assertThat(resolver.resolve(nothing)).isEmpty();
    }

    @Test
    void paramsAreValidated() {
        LocationParams defaults = LocationParams.defaults();
        assertThat(defaults.geotagRadiusKm()).isEqualTo(30);
        assertThatThrownBy(() -> new LocationParams(0, 0.95, 0.9, 0.7, 0.5, 0.8, 1_000_000))
                .hasMessageContaining("geotagRadiusKm");
        assertThatThrownBy(() -> new LocationParams(30, 0.95, 1.5, 0.7, 0.5, 0.8, 1_000_000))
                .hasMessageContaining("placeConfidence");
        assertThatThrownBy(() -> new LocationParams(30, 0.95, 0.9, 0.7, 0.5, 0.8, -1))
                .hasMessageContaining("textAliasMinPopulation");
    }
}
