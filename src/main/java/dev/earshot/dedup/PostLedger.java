package dev.earshot.dedup;

import dev.earshot.model.Post;
import java.time.Instant;

/**
 * Deduplication's rules for one post id: a post counts once, an edit replaces it without counting again, and a
 * deletion wins over every version, also one that arrives after it.
 *
 * <ul>
 *   <li>A post is NEW the first time; a repeat (another source, a redelivery) is a DUPLICATE.</li>
 *   <li>An edit is always passed on as an EDIT: it is a new version of the same id, not a repeat. An edit of a
 *       post not remembered (seen before the TTL, or before the job started) is an edit too: counting it as new
 *       would count the post twice.</li>
 *   <li>A deletion is passed on once (DELETE) and leaves a tombstone: a post or edit of that id that comes later,
 *       in or out of order, is WITHHELD, so that a post deleted before it arrived is never published.</li>
 * </ul>
 *
 * <p>Stateless; the caller keeps the {@link Entry} per post id (in Flink, keyed state with the dedup TTL).
 */
public final class PostLedger {

    /** What is remembered of a post id: the post's time (when a version of it was seen) and whether it was deleted. */
    public record Entry(Instant createdAt, boolean deleted) {
    }

    public enum Verdict {
        /** the first version of a post: enrich, count, index */
        NEW,
        /** a repeat of a post already passed: drop */
        DUPLICATE,
        /** a new version of the post: enrich and replace the stored one, count nothing */
        EDIT,
        /** the first deletion of the id: remove the post wherever it is kept */
        DELETE,
        /** a version of a deleted post, or a repeated deletion: drop */
        WITHHELD
    }

    /** @param next what to remember of the id from now on */
    public record Decision(Verdict verdict, Entry next) {
    }

    private PostLedger() {
    }

    public static Decision onPost(Entry known, Post post) {
        if (known == null) {
            return new Decision(Verdict.NEW, new Entry(post.createdAt(), false));
        }
        return new Decision(known.deleted() ? Verdict.WITHHELD : Verdict.DUPLICATE, known);
    }

    public static Decision onEdit(Entry known, Post edited) {
        if (known != null && known.deleted()) {
            return new Decision(Verdict.WITHHELD, known);
        }
        // The first version's time stays: it names the post's daily index.
        return new Decision(Verdict.EDIT, known != null ? known : new Entry(edited.createdAt(), false));
    }

    /** @return DELETE with the tombstone to remember (its {@code createdAt} the post's, when a version was seen) */
    public static Decision onDeletion(Entry known) {
        if (known != null && known.deleted()) {
            return new Decision(Verdict.WITHHELD, known);
        }
        return new Decision(Verdict.DELETE, new Entry(known == null ? null : known.createdAt(), true));
    }
}
