package dev.earshot.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.json.Json;
import dev.earshot.model.TermCount;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopTermsTest {

    private static final java.util.function.Predicate<String> NONE = term -> false;

    @Test
    void countsExactlyWhileTheTermsFitAndRanksByCountThenTerm() {
        TopTerms sketch = new TopTerms(10);
        List.of("tow", "fine", "tow", "meter", "fine", "tow", "app").forEach(sketch::add);

        assertThat(sketch.top(3, NONE))
                .containsExactly(new TermCount("tow", 3), new TermCount("fine", 2), new TermCount("app", 1));
    }

    @Test
    void tiesAreRankedByTermWhateverTheArrivalOrderAndTheMerges() {
        // 5 terms seen 3 times and 30 seen twice: the top 10 is cut inside a tie.
        List<String> stream = new ArrayList<>();
        for (int i = 0; i < 35; i++) {
            String term = String.format("term%02d", i);
            stream.addAll(Collections.nCopies(i < 5 ? 3 : 2, term));
        }
        List<TermCount> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expected.add(new TermCount(String.format("term%02d", i), i < 5 ? 3 : 2));
        }
        Random random = new Random(5);
        for (int trial = 0; trial < 20; trial++) {
            Collections.shuffle(stream, random);
            int split = random.nextInt(stream.size() + 1);
            TopTerms left = new TopTerms(40);
            TopTerms right = new TopTerms(40);
            stream.subList(0, split).forEach(left::add);
            stream.subList(split, stream.size()).forEach(right::add);
            left.merge(right);

            assertThat(left.top(10, NONE)).isEqualTo(expected);
        }
    }

    @Test
    void keepsEveryHeavyTermWithinTheSpaceSavingBoundOnALongTailStream() {
        // 3 heavy terms (10% of the stream each) among 2,000 distinct rare ones, shuffled: capacity 20 must keep them.
        List<String> stream = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            stream.add("rare" + i);
        }
        for (String heavy : List.of("tow", "fine", "meter")) {
            stream.addAll(Collections.nCopies(300, heavy));
        }
        Collections.shuffle(stream, new Random(7));
        TopTerms sketch = new TopTerms(20);
        stream.forEach(sketch::add);

        List<TermCount> top = sketch.top(3, NONE);
        assertThat(top).extracting(TermCount::term).containsExactlyInAnyOrder("tow", "fine", "meter");
        long bound = stream.size() / 20;
        assertThat(top).allSatisfy(term -> assertThat(term.posts()).isBetween(300L, 300L + bound));
        assertThat(sketch.getCounts()).hasSize(20);
    }

    @Test
    void mergeSumsCountersAndKeepsTheCapacity() {
        TopTerms left = new TopTerms(3);
        List.of("tow", "tow", "fine", "app").forEach(left::add);
        TopTerms right = new TopTerms(3);
        List.of("fine", "fine", "meter", "tow").forEach(right::add);

        left.merge(right);

        assertThat(left.getCounts()).hasSize(3);
        assertThat(left.top(3, NONE)).containsExactly(new TermCount("fine", 3), new TermCount("tow", 3),
                new TermCount("app", 1));
        assertThat(right.top(3, NONE)).containsExactly(new TermCount("fine", 2), new TermCount("meter", 1),
                new TermCount("tow", 1));
    }

    @Test
    void theTopicsOwnWordsAreSkipped() {
        assertThat(List.of("park", "parking", "public", "transportation", "bus", "tow"))
                .filteredOn(term -> !TopTerms.wordsOf("public_transport").test(term) && !TopTerms.wordsOf("parking").test(term))
                .containsExactly("bus", "tow");
    }

    @Test
    void roundTripsThroughJsonAndKeepsCounting() {
        TopTerms sketch = new TopTerms(2);
        List.of("tow", "tow", "fine").forEach(sketch::add);

        TopTerms copy = Json.read(Json.write(sketch), TopTerms.class);
        copy.add("meter");

        assertThat(copy.getCapacity()).isEqualTo(2);
        // meter replaces fine (the smallest counter) and inherits its count plus one.
        assertThat(copy.top(2, NONE)).containsExactly(new TermCount("meter", 2), new TermCount("tow", 2));
    }
}
