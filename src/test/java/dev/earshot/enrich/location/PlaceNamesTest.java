package dev.earshot.enrich.location;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlaceNamesTest {

    @Test
    void foldsCaseAccentsAndPunctuation() {
        assertThat(PlaceNames.key("São Paulo")).isEqualTo("sao paulo");
        assertThat(PlaceNames.key("  SAO-PAULO!! ")).isEqualTo("sao paulo");
        assertThat(PlaceNames.key("Thāne")).isEqualTo("thane");
        assertThat(PlaceNames.key("Xi’an")).isEqualTo("xian");
        assertThat(PlaceNames.key("St. Louis")).isEqualTo("st louis");
        assertThat(PlaceNames.key("U.S.A.")).isEqualTo("usa");
        assertThat(PlaceNames.key("Düsseldorf")).isEqualTo("dusseldorf");
        assertThat(PlaceNames.key("Łódź")).isEqualTo("lodz");
        assertThat(PlaceNames.key("Washington, D.C.")).isEqualTo("washington dc");
    }

    @Test
    void compactKeyIsHowHashtagsWriteMultiWordNames() {
        assertThat(PlaceNames.compactKey(PlaceNames.key("New York"))).isEqualTo("newyork");
    }
}
