package dev.earshot.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.enrich.LanguageScope;
import dev.earshot.model.Author;
import dev.earshot.model.Post;
import dev.earshot.model.PostDeletion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class LanguageFilterTest {

    static Post post(String id, String lang, String text) {
        return new Post(id, "mastodon", Instant.parse("2026-03-04T05:00:00Z"), text, lang,
                new Author("a", "a", 0, null), null, null, null, null, null, null, null, null);
    }

    static KeyedOneInputStreamOperatorTestHarness<String, PostEvent, PostEvent> harness(LanguageScope scope) throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(new LanguageFilter(scope, Duration.ofHours(24)),
                PostEvent::postId, BasicTypeInfo.STRING_TYPE_INFO);
    }

    @Test
    void postsInTheListedLanguagesOrInNoneSaidPassAndTheOthersAreLeftOut() throws Exception {
        var harness = harness(LanguageScope.defaults());

        for (String lang : new String[] {"en", "en-GB", "EN", "pt", null, "und", "ja"}) {
            harness.processElement(PostEvent.posted(post("mastodon:" + lang, lang, "text")), 1);
        }

        assertThat(harness.extractOutputValues()).extracting(event -> event.post().lang())
                .containsExactly("en", "en-GB", "EN", null, "und");
        assertThat(harness.numKeyedStateEntries()).as("only the ids left out are remembered").isEqualTo(2);
    }

    @Test
    void aBlueskyPostTaggedWithSeveralLanguagesPassesWhenOneIsListed() throws Exception {
        var harness = harness(LanguageScope.defaults());
        Post japaneseAndEnglish = new Post("bluesky:1", "bluesky", Instant.parse("2026-03-04T05:00:00Z"), "駐車場 parking",
                "ja", new Author("did:plc:a", null, 0, null), null, null, null, null, null, null, null, null, null,
                List.of("ja", "en"));

        harness.processElement(PostEvent.posted(japaneseAndEnglish), 1);

        assertThat(harness.extractOutputValues()).containsExactly(PostEvent.posted(japaneseAndEnglish));
    }

    @Test
    void everyLanguagePassesEveryPost() throws Exception {
        var harness = harness(new LanguageScope(List.of("*")));

        harness.processElement(PostEvent.posted(post("mastodon:1", "pt", "text")), 1);

        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void theFirstVersionDecidesForItsEditsAndDeletionsAlwaysPass() throws Exception {
        var harness = harness(LanguageScope.defaults());
        PostDeletion deletionOfPortuguese = PostDeletion.of("mastodon:pt", "a", null);
        PostDeletion deletionOfEnglish = PostDeletion.of("mastodon:en", "a", null);

        harness.processElement(PostEvent.posted(post("mastodon:pt", "pt", "carro rebocado")), 1);
        // Edited into English: the post was never counted, so its edit has no version to replace.
        harness.processElement(PostEvent.edited(post("mastodon:pt", "en", "car towed")), 2);
        harness.processElement(PostEvent.deleted(deletionOfPortuguese), Long.MIN_VALUE);
        harness.processElement(PostEvent.posted(post("mastodon:en", "en", "car towed")), 3);
        // Edited into Portuguese: the stores and the ticket hold the English version, which the edit must replace.
        harness.processElement(PostEvent.edited(post("mastodon:en", "pt", "carro rebocado")), 4);
        // An edit of a post not seen (before the TTL or the job): it may replace a stored version, so it passes.
        harness.processElement(PostEvent.edited(post("mastodon:old", "pt", "carro rebocado")), 5);
        harness.processElement(PostEvent.deleted(deletionOfEnglish), Long.MIN_VALUE);

        assertThat(harness.extractOutputValues()).containsExactly(
                PostEvent.deleted(deletionOfPortuguese),
                PostEvent.posted(post("mastodon:en", "en", "car towed")),
                PostEvent.edited(post("mastodon:en", "pt", "carro rebocado")),
                PostEvent.edited(post("mastodon:old", "pt", "carro rebocado")),
                PostEvent.deleted(deletionOfEnglish));
        assertThat(harness.numKeyedStateEntries()).as("a deletion forgets the id; deduplication withholds what follows")
                .isZero();
    }
}
