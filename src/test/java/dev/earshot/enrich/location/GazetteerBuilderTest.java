package dev.earshot.enrich.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.earshot.enrich.location.Gazetteer.Region;
import dev.earshot.model.GeoPoint;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class GazetteerBuilderTest {

    private static final List<String> COUNTRIES = List.of(
            "#ISO\tISO3\tISO-Numeric\tfips\tCountry\tCapital\t...",
            row("IN", "IND", "356", "IN", "India", "New Delhi", "3287590", "1173108018", "AS", ".in", "INR", "Rupee",
                    "91", "", "", "en-IN,hi", "1269750", "CN,NP", ""),
            row("US", "USA", "840", "US", "United States", "Washington", "9629091", "310232863", "NA", ".us", "USD",
                    "Dollar", "1", "", "", "en-US", "6252001", "CA,MX", ""));

    private static final List<String> ADMIN1 = List.of(
            row("IN.19", "Karnataka", "Karnataka", "1267701"),
            row("IN.07", "Delhi", "Delhi", "1273293"),
            row("US.NY", "New York", "New York", "5128638"));

    private static final List<String> CITIES = List.of(
            city("1277333", "Bengaluru", "BLR,Bangalore,bnglwr,Бангалор,Bangalore - ಬೆಂಗಳೂರು,Bengalūru", "12.97194",
                    "77.59369", "PPLA", "IN", "19", "5104047"),
            // A section of Bengaluru, folded into it as a section.
            city("9000001", "Koramangala", "Koramangala Layout", "12.93", "77.62", "PPLX", "IN", "19", "300000"),
            city("1273294", "Delhi", "Dilli", "28.65195", "77.23149", "PPLA", "IN", "07", "10927986"),
            city("1261481", "New Delhi", "Nyu Deli", "28.63576", "77.22445", "PPLC", "IN", "07", "317797"),
            city("5128581", "New York City", "Big Apple,NY,manhattan", "40.71427", "-74.00597", "PPL", "US", "NY",
                    "8175133"),
            city("9000002", "Tinyville", "", "10.0", "10.0", "PPL", "IN", "19", "14999"));

    private static String row(String... columns) {
        return String.join("\t", columns);
    }

    private static String city(String id, String name, String alternates, String lat, String lon, String featureCode,
            String country, String admin1, String population) {
        return row(id, name, name, alternates, lat, lon, "P", featureCode, country, "", admin1, "", "", "",
                population, "", "900", "Asia/Kolkata", "2019-09-05");
    }

    private List<String> build() {
        return GazetteerBuilder.defaults().build(CITIES.stream(), ADMIN1.stream(), COUNTRIES.stream());
    }

    @Test
    void keepsLatinScriptAliasesAndDropsCodesTransliterationKeysAndOtherScripts() {
        String bengaluru = build().stream().filter(line -> line.startsWith("P\t1277333\t")).findFirst().orElseThrow();

        List<String> aliases = List.of(bengaluru.split("\t")[8].split("\\|"));
        assertThat(aliases).contains("Bangalore")
                .doesNotContain("BLR", "bnglwr", "Бангалор", "Bangalore - ಬೆಂಗಳೂರು", "Koramangala")
                // "Bengalūru" folds to the name's own key, so it is not repeated
                .doesNotContain("Bengalūru");
    }

    @Test
    void dropsSmallCitiesAndFoldsSectionsAndCuratedPartsIntoTheirCity() {
        List<String> lines = build();

        assertThat(lines).filteredOn(line -> line.startsWith("P\t")).extracting(line -> line.split("\t")[1])
                .containsExactly("1273294", "1277333", "5128581");
        String delhi = lines.stream().filter(line -> line.startsWith("P\t1273294\t")).findFirst().orElseThrow();
        assertThat(delhi.split("\t")[8].split("\\|")).as("aliases, New Delhi a curated one").containsExactly("Dilli",
                "New Delhi");
        assertThat(delhi.split("\t")[9].split("\\|")).as("sections: New Delhi's other names")
                .containsExactly("Nyu Deli");
        String bengaluru = lines.stream().filter(line -> line.startsWith("P\t1277333\t")).findFirst().orElseThrow();
        assertThat(bengaluru.split("\t")[9].split("\\|")).as("a section's own name only").containsExactly("Koramangala");
    }

    @Test
    void aGazetteerWrittenBeforeTheSectionsColumnStillLoads() {
        Gazetteer gazetteer = Gazetteer.fromLines(build().stream()
                .map(line -> line.startsWith("P\t") ? oldFormat(line) : line));

        Place bengaluru = gazetteer.place(1277333).orElseThrow();
        assertThat(gazetteer.names(bengaluru)).contains("Bangalore", "Koramangala");
        assertThat(gazetteer.sections(bengaluru)).isEmpty();
        assertThat(gazetteer.places("koramangala")).extracting(Gazetteer.Candidate::kind)
                .containsExactly(NameKind.ALIAS);
    }

    /** A P line as written before sections had their own column: the sections among the aliases. */
    private static String oldFormat(String line) {
        String[] columns = line.split("\t", -1);
        String aliases = columns[9].isEmpty() ? columns[8]
                : columns[8].isEmpty() ? columns[9] : columns[8] + "|" + columns[9];
        return String.join("\t", List.of(columns).subList(0, 8)) + "\t" + aliases;
    }

    @Test
    void addsTheAbbreviationsPeopleWriteAndCountryAndRegionRecords() {
        List<String> lines = build();

        String nyc = lines.stream().filter(line -> line.startsWith("P\t5128581\t")).findFirst().orElseThrow();
        assertThat(nyc.split("\t")[8].split("\\|")).contains("NYC", "New York", "Big Apple").doesNotContain("NY",
                "manhattan");
        assertThat(lines).contains("C\tUS\tUSA\tUnited States\tUSA|U.S.|U.S.A.|United States of America|America",
                "R\tUS\tNY\tNew York\tNY", "R\tIN\t19\tKarnataka\t");
    }

    @Test
    void itsOutputLoadsAsAGazetteer() {
        Gazetteer gazetteer = Gazetteer.fromLines(build().stream());

        assertThat(gazetteer.size()).isEqualTo(3);
        assertThat(gazetteer.places("bangalore")).extracting(c -> c.place().geonameid()).containsExactly(1277333L);
        assertThat(gazetteer.places("koramangala")).extracting(c -> c.place().name(), Gazetteer.Candidate::kind)
                .containsExactly(tuple("Bengaluru", NameKind.SECTION));
        assertThat(gazetteer.places("nyc")).extracting(Gazetteer.Candidate::kind).containsExactly(NameKind.ABBREVIATION);
        assertThat(gazetteer.place(1277333).orElseThrow().region()).isEqualTo("Karnataka");
        assertThat(gazetteer.countries("usa", true)).containsExactly("US");
        assertThat(gazetteer.countries("usa", false)).isEmpty();
        assertThat(gazetteer.countries("india", false)).containsExactly("IN");
        assertThat(gazetteer.regions("ny", true)).containsExactly(new Region("US", "New York"));
        assertThat(gazetteer.placeAt(new GeoPoint(12.95, 77.60), 30)).map(Place::geonameid).contains(1277333L);
    }

    @Test
    void isDeterministicAndRejectsMalformedRows() {
        assertThat(build()).isEqualTo(build());
        assertThatThrownBy(() -> GazetteerBuilder.defaults().build(Stream.of("1\tOnly\ttwo"), Stream.empty(),
                Stream.empty())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("19 columns");
        assertThatThrownBy(() -> new GazetteerBuilder(-1)).hasMessageContaining("minPopulation");
    }
}
