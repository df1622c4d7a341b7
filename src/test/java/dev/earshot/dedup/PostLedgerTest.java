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
        return version(text, null);
    }

    /** The post as of the version its network says was edited at {@code editedAt} (null: never edited). */
    static Post version(String text, Instant editedAt) {
        return new Post("mastodon:1", "mastodon", T0, text, "en", new Author("a", "a", 0, null), null, null, null, null,
                null, null, null, null, editedAt);
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
    void anEditOfAPostForgottenIsAnEditNotANewPostAndCountsNothing() {
        Decision edit = PostLedger.onEdit(null, version("towed again", T0.plusSeconds(300)));
        Decision sameEditAgain = PostLedger.onEdit(edit.next(), version("towed again", T0.plusSeconds(300)));

        assertThat(edit.verdict()).isEqualTo(Verdict.EDIT);
        assertThat(edit.reapply()).isNull();
        assertThat(sameEditAgain.verdict()).isEqualTo(Verdict.DUPLICATE);
    }

    @Test
    void aPostThenItsEditIsNewThenAnEditAndNothingIsPassedAgain() {
        Decision first = PostLedger.onPost(null, post("towed"));
        Decision edit = PostLedger.onEdit(first.next(), version("towed again", T0.plusSeconds(300)));

        assertThat(first.verdict()).isEqualTo(Verdict.NEW);
        assertThat(first.reapply()).isNull();
        assertThat(edit.verdict()).isEqualTo(Verdict.EDIT);
        assertThat(edit.next()).isEqualTo(new Entry(T0, false, T0.plusSeconds(300)));
    }

    @Test
    void aPostItsEditOvertookIsNewAndTheEditIsPassedAgainAfterIt() {
        Post edited = version("towed again", T0.plusSeconds(300));
        Decision edit = PostLedger.onEdit(null, edited);
        Decision original = PostLedger.onPost(edit.next(), post("towed"));
        Decision originalAgain = PostLedger.onPost(original.next(), post("towed"));

        assertThat(edit.verdict()).isEqualTo(Verdict.EDIT);
        assertThat(edit.next()).isEqualTo(new Entry(T0, false, T0.plusSeconds(300), edited));
        assertThat(original.verdict()).as("counted once, as when it came first").isEqualTo(Verdict.NEW);
        assertThat(original.reapply()).as("the stores and tickets end with the edit").isEqualTo(edited);
        assertThat(original.next()).isEqualTo(new Entry(T0, false, T0.plusSeconds(300)));
        assertThat(originalAgain.verdict()).isEqualTo(Verdict.DUPLICATE);
        assertThat(originalAgain.reapply()).isNull();
    }

    @Test
    void anEditBeforeItsPostThenALaterEditAfterItPassEachOnceInTheirOrder() {
        Decision edit = PostLedger.onEdit(null, version("towed again", T0.plusSeconds(300)));
        Decision original = PostLedger.onPost(edit.next(), post("towed"));
        Decision laterEdit = PostLedger.onEdit(original.next(), version("towed again, third time", T0.plusSeconds(600)));
        Decision firstEditAgain = PostLedger.onEdit(laterEdit.next(), version("towed again", T0.plusSeconds(300)));

        assertThat(original.verdict()).isEqualTo(Verdict.NEW);
        assertThat(laterEdit.verdict()).isEqualTo(Verdict.EDIT);
        assertThat(laterEdit.next()).isEqualTo(new Entry(T0, false, T0.plusSeconds(600)));
        assertThat(firstEditAgain.verdict()).isEqualTo(Verdict.DUPLICATE);
    }

    @Test
    void aPostOvertakenByTwoEditsGetsTheNewestPassedAgainWhateverTheirOrder() {
        Post newer = version("towed again, third time", T0.plusSeconds(600));
        Decision newerFirst = PostLedger.onEdit(null, newer);
        Decision olderAfter = PostLedger.onEdit(newerFirst.next(), version("towed again", T0.plusSeconds(300)));
        Decision olderFirst = PostLedger.onEdit(PostLedger.onEdit(null, version("towed again", T0.plusSeconds(300))).next(), newer);

        assertThat(olderAfter.verdict()).isEqualTo(Verdict.DUPLICATE);
        assertThat(olderFirst.verdict()).isEqualTo(Verdict.EDIT);
        assertThat(PostLedger.onPost(olderAfter.next(), post("towed")).reapply()).isEqualTo(newer);
        assertThat(PostLedger.onPost(olderFirst.next(), post("towed")).reapply()).isEqualTo(newer);
    }

    @Test
    void aFirstVersionAsNewAsTheEditThatOvertookItIsNewWithNothingToPassAgain() {
        Decision edit = PostLedger.onEdit(null, version("towed again", T0.plusSeconds(300)));
        Decision boostOfThatEdit = PostLedger.onPost(edit.next(), version("towed again", T0.plusSeconds(300)));
        Decision boostOfALaterEdit = PostLedger.onPost(edit.next(), version("towed again, third time", T0.plusSeconds(600)));

        assertThat(boostOfThatEdit.verdict()).isEqualTo(Verdict.NEW);
        assertThat(boostOfThatEdit.reapply()).isNull();
        assertThat(boostOfALaterEdit.verdict()).isEqualTo(Verdict.NEW);
        assertThat(boostOfALaterEdit.reapply()).isNull();
        assertThat(boostOfALaterEdit.next()).isEqualTo(new Entry(T0, false, T0.plusSeconds(600)));
    }

    @Test
    void anEditThenItsDeletionWithholdTheirPostArrivingLast() {
        Decision edit = PostLedger.onEdit(null, version("towed again", T0.plusSeconds(300)));
        Decision deletion = PostLedger.onDeletion(edit.next());
        Decision original = PostLedger.onPost(deletion.next(), post("towed"));

        assertThat(deletion.verdict()).isEqualTo(Verdict.DELETE);
        assertThat(deletion.next()).as("the edit is no longer kept").isEqualTo(new Entry(T0, true));
        assertThat(original.verdict()).isEqualTo(Verdict.WITHHELD);
        assertThat(original.reapply()).isNull();
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

    @Test
    void aRepostCarryingANewerVersionIsAnEditAndOneCarryingTheSameOrAnOlderIsADuplicate() {
        Decision original = PostLedger.onPost(null, post("towed again"));
        Decision boostOfEdit = PostLedger.onPost(original.next(), version("towed again, third time", T0.plusSeconds(600)));
        Decision sameBoost = PostLedger.onPost(boostOfEdit.next(), version("towed again, third time", T0.plusSeconds(600)));
        Decision staleBoost = PostLedger.onPost(boostOfEdit.next(), version("towed again!", T0.plusSeconds(300)));
        Decision boostOfOriginal = PostLedger.onPost(boostOfEdit.next(), post("towed again"));

        assertThat(boostOfEdit.verdict()).as("the edit's own event never arrived").isEqualTo(Verdict.EDIT);
        assertThat(boostOfEdit.next()).isEqualTo(new Entry(T0, false, T0.plusSeconds(600)));
        assertThat(sameBoost.verdict()).isEqualTo(Verdict.DUPLICATE);
        assertThat(staleBoost.verdict()).isEqualTo(Verdict.DUPLICATE);
        assertThat(boostOfOriginal.verdict()).isEqualTo(Verdict.DUPLICATE);
        assertThat(staleBoost.next()).isEqualTo(boostOfEdit.next());
    }

    @Test
    void aFirstVersionThatArrivesEditedIsNewAndItsEditEventThenADuplicate() {
        Decision first = PostLedger.onPost(null, version("towed again, third time", T0.plusSeconds(600)));
        Decision editEvent = PostLedger.onEdit(first.next(), version("towed again, third time", T0.plusSeconds(600)));

        assertThat(first.verdict()).isEqualTo(Verdict.NEW);
        assertThat(first.next()).isEqualTo(new Entry(T0, false, T0.plusSeconds(600)));
        assertThat(editEvent.verdict()).isEqualTo(Verdict.DUPLICATE);
    }

    @Test
    void anEditNotNewerThanTheNewestPassedIsADuplicateSoThatNoEarlierTextComesBack() {
        Decision original = PostLedger.onPost(null, post("towed"));
        Decision firstEdit = PostLedger.onEdit(original.next(), version("towed again", T0.plusSeconds(300)));
        Decision secondEdit = PostLedger.onEdit(firstEdit.next(), version("towed again, third time", T0.plusSeconds(600)));
        Decision firstEditLate = PostLedger.onEdit(secondEdit.next(), version("towed again", T0.plusSeconds(300)));
        Decision secondEditAgain = PostLedger.onEdit(secondEdit.next(), version("towed again, third time", T0.plusSeconds(600)));

        assertThat(firstEdit.verdict()).isEqualTo(Verdict.EDIT);
        assertThat(secondEdit.verdict()).isEqualTo(Verdict.EDIT);
        assertThat(secondEdit.next()).isEqualTo(new Entry(T0, false, T0.plusSeconds(600)));
        assertThat(firstEditLate.verdict()).as("out of order").isEqualTo(Verdict.DUPLICATE);
        assertThat(secondEditAgain.verdict()).as("redelivered").isEqualTo(Verdict.DUPLICATE);
        assertThat(firstEditLate.next()).isEqualTo(secondEdit.next());
    }

    @Test
    void anEditWithoutAnEditTimeIsAlwaysAnEditAndLeavesTheNewestVersionAsItWas() {
        Decision timed = PostLedger.onEdit(PostLedger.onPost(null, post("towed")).next(), version("towed again", T0.plusSeconds(300)));
        Decision untimed = PostLedger.onEdit(timed.next(), post("towed again, third time"));
        Decision untimedAgain = PostLedger.onEdit(untimed.next(), post("towed again, third time"));

        assertThat(untimed.verdict()).isEqualTo(Verdict.EDIT);
        assertThat(untimedAgain.verdict()).isEqualTo(Verdict.EDIT);
        assertThat(untimedAgain.next()).isEqualTo(timed.next());
    }

    @Test
    void anEntryRememberedBeforeVersionsWereKeptTakesAnyEditedVersionAsNewer() {
        Entry remembered = new Entry(T0, false);

        assertThat(PostLedger.onPost(remembered, version("towed again", T0.plusSeconds(300))).verdict()).isEqualTo(Verdict.EDIT);
        assertThat(PostLedger.onEdit(remembered, version("towed again", T0.plusSeconds(300))).verdict()).isEqualTo(Verdict.EDIT);
        assertThat(PostLedger.onPost(remembered, post("towed")).verdict()).isEqualTo(Verdict.DUPLICATE);
    }

    @Test
    void aNewerVersionOfADeletedPostIsStillWithheld() {
        Decision deletion = PostLedger.onDeletion(PostLedger.onPost(null, post("towed")).next());

        assertThat(PostLedger.onPost(deletion.next(), version("towed again", T0.plusSeconds(300))).verdict())
                .isEqualTo(Verdict.WITHHELD);
        assertThat(PostLedger.onEdit(deletion.next(), version("towed again", T0.plusSeconds(300))).verdict())
                .isEqualTo(Verdict.WITHHELD);
    }
}
