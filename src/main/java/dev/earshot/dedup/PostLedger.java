package dev.earshot.dedup;

import dev.earshot.model.Post;
import java.time.Instant;

/**
 * Deduplication's rules for one post id: a post counts once, an edit replaces it without counting again, a version
 * older than one already passed never replaces a newer one, and a deletion wins over every version, also one that
 * arrives after it.
 *
 * <ul>
 *   <li>A post is NEW the first time; a repeat (another source, a redelivery) is a DUPLICATE.</li>
 *   <li>A post that carries a newer version than any passed is an EDIT: a Mastodon boost or an X retweet is read as
 *       the post it shares, as that post is now, so it brings an edit whose own event never reached the job (missed,
 *       before the job started, or read by another source). "Newer" means a later {@link Post#editedAt}; an
 *       unedited post (no {@code editedAt}) carries no newer version.</li>
 *   <li>An edit is an EDIT unless it is not newer than the newest version passed ({@code editedAt} not later): then
 *       it is a DUPLICATE, so that an edit redelivered, or overtaken by a later one, does not put an earlier text
 *       back. An edit without {@code editedAt} cannot be placed and is an EDIT. An edit of a post not remembered
 *       (seen before the TTL, or before the job started) is an edit too: counting it as new would count the post
 *       twice.</li>
 *   <li>An edit can also overtake its post (Kafka partitions, two sources): then the post arrives after it and is
 *       NEW all the same, as it would be had no edit come, and the newest edit passed before it is passed again
 *       after it ({@link Decision#reapply}), so that what follows sees the same versions in the same order as when
 *       the post came first. Until a first version passes, the entry keeps that edit.</li>
 *   <li>A deletion is passed on once (DELETE) and leaves a tombstone: a post or edit of that id that comes later,
 *       in or out of order, is WITHHELD, so that a post deleted before it arrived is never published.</li>
 * </ul>
 *
 * <p>Versions compare by {@code editedAt}, which each network sets from its own clock, the same for a post's
 * edits and for its reposts:
 * <ul>
 *   <li>Mastodon: the status's {@code edited_at}, set by the author's server on every edit (to the millisecond),
 *       in a {@code status.update} and in a boost alike. A boost read from a server that holds an older copy
 *       carries that older version, which is then a DUPLICATE.</li>
 *   <li>X (API v1.1 with edit data, and v2): the version's {@code created_at}, which grows with every edit (X allows
 *       a few within an hour); a retweet carries the version retweeted. A retweet of the original version has no
 *       {@code editedAt} and never replaces an edit.</li>
 *   <li>Bluesky: an update's Jetstream {@code time_us}. A repost is a record of its own and carries no post, so
 *       only updates bring versions; a replay from Jetstream's cursor repeats their times and is a DUPLICATE.</li>
 *   <li>Canonical JSON: the post's {@code editedAt} as written; a canonical post with a later one is an EDIT.</li>
 *   <li>Discourse: a revised post's {@code updated_at} (its {@code version} above 1), the same in every page or
 *       webhook that shows that version; an unrevised repeat is a DUPLICATE.</li>
 *   <li>CSV gives no {@code editedAt}: a repeat is a DUPLICATE.</li>
 * </ul>
 *
 * <p>Stateless; the caller keeps the {@link Entry} per post id (in Flink, keyed state with the dedup TTL).
 */
public final class PostLedger {

    /**
     * What is remembered of a post id.
     *
     * @param createdAt the post's time, when a version of it was seen (it names the post's daily index)
     * @param deleted whether the post was deleted
     * @param newestEditedAt the {@code editedAt} of the newest version passed, or null when none passed had one (an
     *                       unedited post, an edit without it, or an entry written before this field existed)
     * @param editAwaitingOriginal the newest edit passed while no first version has (an edit that overtook its post,
     *                             or one of a post forgotten), to pass again after the first version if it comes;
     *                             null once one passed, and in entries written before this field existed
     */
    public record Entry(Instant createdAt, boolean deleted, Instant newestEditedAt, Post editAwaitingOriginal) {

        /** An entry of a post whose versions passed so far name no edit time. */
        public Entry(Instant createdAt, boolean deleted) {
            this(createdAt, deleted, null);
        }

        /** An entry of a post whose first version passed. */
        public Entry(Instant createdAt, boolean deleted, Instant newestEditedAt) {
            this(createdAt, deleted, newestEditedAt, null);
        }

        /** Whether {@code editedAt} names a version later than every one passed. */
        boolean isNewer(Instant editedAt) {
            return editedAt != null && (newestEditedAt == null || editedAt.isAfter(newestEditedAt));
        }

        Entry passing(Instant editedAt) {
            return isNewer(editedAt) ? new Entry(createdAt, deleted, editedAt, editAwaitingOriginal) : this;
        }
    }

    public enum Verdict {
        /** the first version of a post: enrich, count, index */
        NEW,
        /** a repeat of a version already passed, or an earlier one: drop */
        DUPLICATE,
        /** a newer version of the post: enrich and replace the stored one, count nothing */
        EDIT,
        /** the first deletion of the id: remove the post wherever it is kept */
        DELETE,
        /** a version of a deleted post, or a repeated deletion: drop */
        WITHHELD
    }

    /**
     * @param next what to remember of the id from now on
     * @param reapply for a NEW post that arrived after an edit of it: that edit, newer than the post, to pass on again
     *                as an EDIT right after the post; otherwise null
     */
    public record Decision(Verdict verdict, Entry next, Post reapply) {

        Decision(Verdict verdict, Entry next) {
            this(verdict, next, null);
        }
    }

    private PostLedger() {
    }

    public static Decision onPost(Entry known, Post post) {
        if (known == null) {
            return new Decision(Verdict.NEW, new Entry(post.createdAt(), false, post.editedAt()));
        }
        if (known.deleted()) {
            return new Decision(Verdict.WITHHELD, known);
        }
        Post awaiting = known.editAwaitingOriginal();
        if (awaiting != null) {
            Entry passed = new Entry(known.createdAt(), false, known.passing(post.editedAt()).newestEditedAt());
            return new Decision(Verdict.NEW, passed, isAsNewAs(post, awaiting) ? null : awaiting);
        }
        return known.isNewer(post.editedAt()) ? new Decision(Verdict.EDIT, known.passing(post.editedAt()))
                : new Decision(Verdict.DUPLICATE, known);
    }

    public static Decision onEdit(Entry known, Post edited) {
        if (known == null) {
            return new Decision(Verdict.EDIT, new Entry(edited.createdAt(), false, edited.editedAt(), edited));
        }
        if (known.deleted()) {
            return new Decision(Verdict.WITHHELD, known);
        }
        if (edited.editedAt() != null && !known.isNewer(edited.editedAt())) {
            return new Decision(Verdict.DUPLICATE, known);
        }
        // The first version's time stays: it names the post's daily index.
        Entry passed = known.passing(edited.editedAt());
        return new Decision(Verdict.EDIT, known.editAwaitingOriginal() == null ? passed
                : new Entry(passed.createdAt(), false, passed.newestEditedAt(), edited));
    }

    /** Whether {@code post} is known to be the version {@code edit} is, or a later one. */
    private static boolean isAsNewAs(Post post, Post edit) {
        return post.editedAt() != null && edit.editedAt() != null && !post.editedAt().isBefore(edit.editedAt());
    }

    /** @return DELETE with the tombstone to remember (its {@code createdAt} the post's, when a version was seen) */
    public static Decision onDeletion(Entry known) {
        if (known != null && known.deleted()) {
            return new Decision(Verdict.WITHHELD, known);
        }
        return new Decision(Verdict.DELETE, new Entry(known == null ? null : known.createdAt(), true));
    }
}
