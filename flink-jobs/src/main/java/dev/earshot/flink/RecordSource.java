package dev.earshot.flink;

import dev.earshot.connectors.file.CsvRowsFormat;
import dev.earshot.connectors.file.JsonLinesFiles;
import dev.earshot.model.RawRecord;
import dev.earshot.parse.ParseParams;
import java.nio.file.Path;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Where a job's raw records come from, each with its origin so that a dead letter says where its record was.
 * Event time is assigned later, after parsing, where a record's time is known (a malformed record has none).
 */
@FunctionalInterface
public interface RecordSource {

    /** What origins call the bundled sample stream, whose temporary copy is gone after the run. */
    String BUNDLED_SAMPLE = "bundled sample";

    DataStream<RawRecord> open(StreamExecutionEnvironment env);

    /** A source that knows each record's own origin, such as a Kafka topic's partition and offset. */
    static RecordSource withOrigins(Source<RawRecord, ?, ?> source, String name) {
        return env -> env.fromSource(source, WatermarkStrategy.noWatermarks(), name, Types.RAW_RECORD).uid("source");
    }

    /**
     * A source with a single split, such as a live feed: one reader, since a reader left without a split would hold
     * the watermark back.
     */
    static RecordSource single(Source<RawRecord, ?, ?> source, String name) {
        return env -> env.fromSource(source, WatermarkStrategy.noWatermarks(), name, Types.RAW_RECORD).setParallelism(1)
                .uid("source");
    }

    /**
     * A source of plain lines, all with the same origin.
     *
     * @param parallelism how many readers: a reader left without a split holds the watermark back until it
     *     finishes, so give a single file 1
     */
    static RecordSource lines(Source<String, ?, ?> source, String name, int parallelism) {
        return env -> env.fromSource(source, WatermarkStrategy.noWatermarks(), name).setParallelism(parallelism).uid("source")
                .map(line -> new RawRecord(line, name), Types.RAW_RECORD).setParallelism(parallelism).name("origin").uid("origin");
    }

    /**
     * One JSON-lines file of posts (compressed allowed), or a folder of them, read by a single reader; each record's
     * origin is its file and line.
     */
    static RecordSource file(Path file, String name) {
        return single(JsonLinesFiles.source(file), name);
    }

    /** The bundled sample from its temporary copy, its dead letters' origins naming it "bundled sample", line N. */
    static RecordSource bundledSample(Path copy, String name) {
        return single(JsonLinesFiles.source(copy, BUNDLED_SAMPLE), name);
    }

    /**
     * This source replayed in event time, {@code speedup} times faster than the posts were written (see
     * {@link PaceReplay}). Only for a source with a single reader, such as {@link #file} and {@link #csvFile}.
     */
    default RecordSource paced(ParseParams parse, double speedup) {
        return env -> {
            DataStream<RawRecord> records = open(env);
            return records.map(new PaceReplay(parse, speedup), Types.RAW_RECORD)
                    .setParallelism(records.getParallelism()).name("replay in event time").uid("replay-pace");
        };
    }

    /** One CSV file with a header (compressed allowed), or a folder of them: each row a JSON object for the parse stage's csv format. */
    static RecordSource csvFile(Path file, String name) {
        return single(CsvRowsFormat.source(file), name);
    }
}
