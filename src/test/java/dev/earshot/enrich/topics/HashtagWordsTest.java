package dev.earshot.enrich.topics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HashtagWordsTest {

    @Test
    void splitsCamelCase() {
        assertThat(HashtagWords.split("#WaterSupply")).containsExactly("water", "supply");
        assertThat(HashtagWords.split("powerCut")).containsExactly("power", "cut");
    }

    @Test
    void keepsAcronymsWholeAndSplitsBeforeTheNextWord() {
        assertThat(HashtagWords.split("NYCTraffic")).containsExactly("nyc", "traffic");
        assertThat(HashtagWords.split("MGRoad")).containsExactly("mg", "road");
        assertThat(HashtagWords.split("BBMP")).containsExactly("bbmp");
    }

    @Test
    void splitsAtUnderscoresAndDigits() {
        assertThat(HashtagWords.split("water_supply")).containsExactly("water", "supply");
        assertThat(HashtagWords.split("MetroLine3")).containsExactly("metro", "line", "3");
    }

    @Test
    void leavesOneWordTagsWhole() {
        assertThat(HashtagWords.split("#watersupply")).containsExactly("watersupply");
        assertThat(HashtagWords.split("_")).isEmpty();
    }
}
