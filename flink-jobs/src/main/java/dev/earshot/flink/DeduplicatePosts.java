package dev.earshot.flink;

import dev.earshot.connectors.serde.JsonTypeInfo;
import dev.earshot.dedup.PostLedger;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Passes each post id once, its newer versions, and its deletion once ({@link PostLedger}'s rules). Keyed by post
 * id, it remembers ids for a TTL: networks re-send posts, several sources can carry the same one, and a replay must
 * not count a post twice. A post that carries a newer version than any passed (a boost or retweet of an edited post
 * whose edit never arrived) is passed on as an edit. A post whose edit overtook it is passed on, then that edit again,
 * so that what follows gets them in the order they were made. A deletion leaves a tombstone for the same TTL, so a deleted
 * post that arrives late is withheld; a deletion passed on carries the post's time when a version of it was seen,
 * which names the post's daily index. Edits are counted as applied after the language scope and enrichment
 * ({@link EnrichPosts}), where they are passed on to the stores.
 */
final class DeduplicatePosts extends KeyedProcessFunction<String, PostEvent, PostEvent> {

    private final Duration ttl;
    private transient ValueState<PostLedger.Entry> ledger;
    private transient JobCounter duplicates;
    private transient JobCounter deletionsApplied;
    private transient JobCounter deletionsOfUnseen;
    private transient JobCounter withheld;
    private transient JobCounter staleEdits;
    private transient JobCounter editsWithheld;

    DeduplicatePosts(Duration ttl) {
        this.ttl = ttl;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<PostLedger.Entry> descriptor =
                new ValueStateDescriptor<>("post-ledger", JsonTypeInfo.of(PostLedger.Entry.class));
        descriptor.enableTimeToLive(StateTimeToLive.afterLastWrite(ttl));
        ledger = getRuntimeContext().getState(descriptor);
        duplicates = JobCounter.register(getRuntimeContext(), Counters.DUPLICATES);
        deletionsApplied = JobCounter.register(getRuntimeContext(), Counters.DELETIONS_APPLIED);
        deletionsOfUnseen = JobCounter.register(getRuntimeContext(), Counters.DELETIONS_OF_UNSEEN_POSTS);
        withheld = JobCounter.register(getRuntimeContext(), Counters.DELETED_POSTS_WITHHELD);
        staleEdits = JobCounter.register(getRuntimeContext(), Counters.STALE_EDITS);
        editsWithheld = JobCounter.register(getRuntimeContext(), Counters.DELETED_EDITS_WITHHELD);
    }

    @Override
    public void processElement(PostEvent event, Context ctx, Collector<PostEvent> out) throws Exception {
        PostLedger.Entry known = ledger.value();
        PostLedger.Decision decision = event.deletion() != null ? PostLedger.onDeletion(known)
                : event.edit() ? PostLedger.onEdit(known, event.post()) : PostLedger.onPost(known, event.post());
        if (!decision.next().equals(known)) {
            ledger.update(decision.next());
        }
        switch (decision.verdict()) {
            case NEW -> {
                out.collect(event);
                if (decision.reapply() != null) {
                    out.collect(PostEvent.reapplied(decision.reapply()));
                }
            }
            case EDIT -> {
                if (!event.edit()) {
                    // A repost bringing a newer version: the post is counted once, its version as an edit applied.
                    duplicates.increment();
                }
                out.collect(event.edit() ? event : PostEvent.edited(event.post()));
            }
            case DELETE -> {
                deletionsApplied.increment();
                if (known == null || known.createdAt() == null) {
                    deletionsOfUnseen.increment();
                    out.collect(event);
                } else {
                    out.collect(PostEvent.deleted(event.deletion().ofPostAt(known.createdAt())));
                }
            }
            case DUPLICATE -> (event.edit() ? staleEdits : duplicates).increment();
            case WITHHELD -> {
                if (event.deletion() == null) {
                    (event.edit() ? editsWithheld : withheld).increment();
                }
            }
        }
    }
}
