package dev.earshot.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.dedup.PostLedger.Decision;
import dev.earshot.dedup.PostLedger.Entry;
import dev.earshot.dedup.PostLedger.Verdict;
import dev.earshot.model.Author;
import dev.earshot.model.Post;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PostLedgerTest {

    static final Instant T0 = Instant.parse("2026-03-04T05:00:00Z");

    static Post post(String text) {
        return new Post("mastodon:1", "mastodon", T0, text, "en", new Author("a", "a", 0, null), null, null, null, null,
                null, null, null, null);
    }

    @Test
    void aPostCountsOnceAndItsEditsReplaceItWithoutCountingAgain() {
        Decision first = PostLedger.onPost(null, post("towed again"));
        Decision repeat = PostLedger.onPost(first.next(), post("towed again"));
        Decision edit = PostLedger.onEdit(repeat.next(), post("towed again, third time"));
        Decision repeatAfterEdit = PostLedger.onPost(edit.next(), post("towed again"));

        assertThat(first.verdict()).isEqualTo(Verdict.NEW);
        assertThat(repeat.verdict()).isEqualTo(Verdict.DUPLICATE);
        assertThat(edit.verdict()).isEqualTo(Verdict.EDIT);
        assertThat(repeatAfterEdit.verdict()).isEqualTo(Verdict.DUPLICATE);
        assertThat(edit.next()).isEqualTo(new Entry(T0, false));
    }

    @Test
    void anEditOfAPostNotRememberedIsStillAnEditNotANewPost() {
        Decision edit = PostLedger.onEdit(null, post("edited"));

        assertThat(edit.verdict()).isEqualTo(Verdict.EDIT);
        assertThat(PostLedger.onPost(edit.next(), post("original, late")).verdict()).isEqualTo(Verdict.DUPLICATE);
    }

    @Test
    void aDeletionPassesOnceKnowsThePostsTimeAndWithholdsLaterVersions() {
        Decision deletion = PostLedger.onDeletion(PostLedger.onPost(null, post("towed")).next());

        assertThat(deletion.verdict()).isEqualTo(Verdict.DELETE);
        assertThat(deletion.next()).isEqualTo(new Entry(T0, true));
        assertThat(PostLedger.onPost(deletion.next(), post("towed")).verdict()).isEqualTo(Verdict.WITHHELD);
        assertThat(PostLedger.onEdit(deletion.next(), post("edited")).verdict()).isEqualTo(Verdict.WITHHELD);
        assertThat(PostLedger.onDeletion(deletion.next()).verdict()).isEqualTo(Verdict.WITHHELD);
    }

    @Test
    void aDeletionBeforeItsPostLeavesATombstoneThatWithholdsThePost() {
        Decision deletion = PostLedger.onDeletion(null);

        assertThat(deletion.verdict()).isEqualTo(Verdict.DELETE);
        assertThat(deletion.next()).isEqualTo(new Entry(null, true));
        assertThat(PostLedger.onPost(deletion.next(), post("towed")).verdict()).isEqualTo(Verdict.WITHHELD);
    }
}
