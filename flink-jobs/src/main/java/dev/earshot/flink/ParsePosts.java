package dev.earshot.flink;

import dev.earshot.connectors.twitter.TwitterV11Format;
import dev.earshot.model.DeadLetter;
import dev.earshot.model.RawRecord;
import dev.earshot.parse.ParseParams;
import dev.earshot.parse.ParseResult;
import dev.earshot.parse.PostParser;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Parses raw records of any platform format into posts, edits and deletions, in the order the record holds them;
 * a record may hold several. Every rejected record goes to {@link #DEAD_LETTERS} with its reason; events that carry
 * no post are counted and dropped.
 */
final class ParsePosts extends ProcessFunction<RawRecord, PostEvent> {

    static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters", Types.DEAD_LETTER);

    private final ParseParams params;
    private transient PostParser parser;
    private transient LongCounter read;
    private transient LongCounter valid;
    private transient LongCounter rejected;
    private transient LongCounter edited;
    private transient LongCounter deleted;
    private transient LongCounter skipped;

    ParsePosts(ParseParams params) {
        this.params = params;
    }

    @Override
    public void open(OpenContext openContext) {
        parser = new PostParser(params, List.of(new TwitterV11Format()));
        read = getRuntimeContext().getLongCounter(Counters.RECORDS_READ);
        valid = getRuntimeContext().getLongCounter(Counters.POSTS_VALID);
        rejected = getRuntimeContext().getLongCounter(Counters.DEAD_LETTERS);
        edited = getRuntimeContext().getLongCounter(Counters.POSTS_EDITED);
        deleted = getRuntimeContext().getLongCounter(Counters.POSTS_DELETED);
        skipped = getRuntimeContext().getLongCounter(Counters.RECORDS_SKIPPED);
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<PostEvent> out) {
        read.add(1);
        for (ParseResult result : parser.parse(record.value())) {
            if (result instanceof ParseResult.Valid v) {
                valid.add(1);
                out.collect(PostEvent.posted(v.post()));
            } else if (result instanceof ParseResult.Edited e) {
                edited.add(1);
                out.collect(PostEvent.edited(e.post()));
            } else if (result instanceof ParseResult.Deletion d) {
                deleted.add(1);
                out.collect(PostEvent.deleted(d.deletion()));
            } else if (result instanceof ParseResult.Skipped) {
                skipped.add(1);
            } else if (result instanceof ParseResult.Invalid invalid) {
                rejected.add(1);
                ctx.output(DEAD_LETTERS, new DeadLetter(invalid.raw(), invalid.reason(), "parse", record.origin(), Instant.now()));
            }
        }
    }
}
