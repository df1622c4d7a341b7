package dev.earshot.flink;

import dev.earshot.connectors.twitter.TwitterV11Format;
import dev.earshot.model.RawRecord;
import dev.earshot.parse.ParseParams;
import dev.earshot.parse.ParseResult;
import dev.earshot.parse.PostParser;
import dev.earshot.replay.ReplayPacer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Holds each record of a replayed file back until its event time is due (see {@link ReplayPacer}). It reads the time
 * with the same parser as the parse stage; a record without one (malformed, a deletion) passes at once and the parse
 * stage deals with it. It must run in the file's single reader, before records are spread over parallel tasks,
 * so that one clock paces the whole file. The pace is not checkpointed: after a restart it starts again from the
 * next record.
 */
final class PaceReplay extends RichMapFunction<RawRecord, RawRecord> {

    private final ParseParams params;
    private final double speedup;
    private transient PostParser parser;
    private transient ReplayPacer pacer;
    private transient long startNanos;

    PaceReplay(ParseParams params, double speedup) {
        this.params = params;
        this.speedup = speedup;
    }

    @Override
    public void open(OpenContext openContext) {
        parser = new PostParser(params, List.of(new TwitterV11Format()));
        pacer = new ReplayPacer(speedup);
    }

    @Override
    public RawRecord map(RawRecord record) throws InterruptedException {
        Optional<Instant> eventTime = eventTime(record);
        if (eventTime.isPresent()) {
            if (!pacer.started()) {
                startNanos = System.nanoTime();
            }
            Duration wait = pacer.waitBefore(eventTime.get(), Duration.ofNanos(System.nanoTime() - startNanos));
            if (!wait.isZero()) {
                Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
            }
        }
        return record;
    }

    private Optional<Instant> eventTime(RawRecord record) {
        if (record.unreadable() != null) {
            return Optional.empty();
        }
        // A post dated implausibly far ahead is a dead letter at the parse stage, and must not hold the replay back.
        for (ParseResult result : parser.parse(record.value(), Instant.now())) {
            if (result instanceof ParseResult.Valid valid) {
                return Optional.of(valid.post().createdAt());
            }
            if (result instanceof ParseResult.Edited edited) {
                return Optional.of(edited.post().createdAt());
            }
        }
        return Optional.empty();
    }
}
