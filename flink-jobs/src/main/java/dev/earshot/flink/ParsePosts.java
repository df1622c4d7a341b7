package dev.earshot.flink;

import dev.earshot.connectors.twitter.TwitterV11Format;
import dev.earshot.model.DeadLetter;
import dev.earshot.model.RawRecord;
import dev.earshot.parse.ParseParams;
import dev.earshot.parse.ParseResult;
import dev.earshot.parse.PostParser;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Parses raw records of any platform format into posts, edits and deletions, in the order the record holds them;
 * a record may hold several. Every rejected record goes to {@link #DEAD_LETTERS} with its reason, at stage
 * {@code read} when its bytes could not be read as a record (a damaged file, text that is not UTF-8), else
 * {@code parse}; events that carry no post are counted and dropped.
 */
final class ParsePosts extends ProcessFunction<RawRecord, PostEvent> {

    static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters", Types.DEAD_LETTER);

    private final ParseParams params;
    private transient PostParser parser;
    private transient JobCounter read;
    private transient JobCounter valid;
    private transient JobCounter deadLetters;
    private transient JobCounter rejected;
    private transient JobCounter edited;
    private transient JobCounter deleted;
    private transient JobCounter skipped;
    private transient JobCounter unreadable;

    ParsePosts(ParseParams params) {
        this.params = params;
    }

    @Override
    public void open(OpenContext openContext) {
        parser = new PostParser(params, List.of(new TwitterV11Format()));
        read = JobCounter.register(getRuntimeContext(), Counters.RECORDS_READ);
        valid = JobCounter.register(getRuntimeContext(), Counters.POSTS_VALID);
        deadLetters = JobCounter.register(getRuntimeContext(), Counters.DEAD_LETTERS);
        rejected = JobCounter.register(getRuntimeContext(), Counters.ITEMS_REJECTED);
        edited = JobCounter.register(getRuntimeContext(), Counters.POSTS_EDITED);
        deleted = JobCounter.register(getRuntimeContext(), Counters.POSTS_DELETED);
        skipped = JobCounter.register(getRuntimeContext(), Counters.RECORDS_SKIPPED);
        unreadable = JobCounter.register(getRuntimeContext(), Counters.RECORDS_UNREADABLE);
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<PostEvent> out) {
        read.increment();
        // The wall clock bounds how far ahead a post may be dated: it cannot have been written after it was read.
        Instant readAt = Instant.now();
        if (record.unreadable() != null) {
            deadLetters.increment();
            rejected.increment();
            unreadable.increment();
            ctx.output(DEAD_LETTERS, new DeadLetter(record.value(), record.unreadable(), "read", record.origin(), readAt,
                    record.valueEncoding()));
            return;
        }
        for (ParseResult result : parser.parse(record.value(), readAt)) {
            if (result instanceof ParseResult.Valid v) {
                valid.increment();
                out.collect(PostEvent.posted(v.post()));
            } else if (result instanceof ParseResult.Edited e) {
                edited.increment();
                out.collect(PostEvent.edited(e.post()));
            } else if (result instanceof ParseResult.Deletion d) {
                deleted.increment();
                out.collect(PostEvent.deleted(d.deletion()));
            } else if (result instanceof ParseResult.Skipped) {
                skipped.increment();
            } else if (result instanceof ParseResult.Invalid invalid) {
                deadLetters.increment();
                rejected.increment();
                ctx.output(DEAD_LETTERS, new DeadLetter(invalid.raw(), invalid.reason(), "parse", record.origin(), readAt));
            }
        }
    }
}
