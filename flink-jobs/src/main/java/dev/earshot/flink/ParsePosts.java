package dev.earshot.flink;

import dev.earshot.model.DeadLetter;
import dev.earshot.model.Post;
import dev.earshot.model.RawRecord;
import dev.earshot.parse.ParseParams;
import dev.earshot.parse.ParseResult;
import dev.earshot.parse.PostParser;
import java.time.Instant;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Parses raw records into posts; every rejected record goes to {@link #DEAD_LETTERS} with its reason. */
final class ParsePosts extends ProcessFunction<RawRecord, Post> {

    static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters", Types.DEAD_LETTER);

    private final ParseParams params;
    private transient PostParser parser;
    private transient LongCounter read;
    private transient LongCounter valid;
    private transient LongCounter rejected;

    ParsePosts(ParseParams params) {
        this.params = params;
    }

    @Override
    public void open(OpenContext openContext) {
        parser = new PostParser(params);
        read = getRuntimeContext().getLongCounter(Counters.RECORDS_READ);
        valid = getRuntimeContext().getLongCounter(Counters.POSTS_VALID);
        rejected = getRuntimeContext().getLongCounter(Counters.DEAD_LETTERS);
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<Post> out) {
        read.add(1);
        ParseResult result = parser.parse(record.value());
        if (result instanceof ParseResult.Valid v) {
            valid.add(1);
            out.collect(v.post());
        } else if (result instanceof ParseResult.Invalid invalid) {
            rejected.add(1);
            ctx.output(DEAD_LETTERS, new DeadLetter(invalid.raw(), invalid.reason(), "parse", record.origin(), Instant.now()));
        }
    }
}
