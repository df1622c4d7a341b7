package dev.earshot.connectors.file;

import dev.earshot.model.RawRecord;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;

/** Reads a file through a format as the file source's reader does, from the start or from a checkpointed position. */
final class FormatReading {

    private FormatReading() {
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(FormatReading.class.getResource("/inputs/" + name).toURI());
    }

    static List<RawRecord> read(TextRecordsFormat format, Path file) throws IOException {
        return read(format, file, 0);
    }

    /** @param emitted the records emitted before the checkpoint the reader is restored from */
    static List<RawRecord> read(TextRecordsFormat format, Path file, long emitted) throws IOException {
        long size = Files.size(file);
        FileSourceSplit split = new FileSourceSplit("0", new org.apache.flink.core.fs.Path(file.toUri()), 0, size,
                Files.getLastModifiedTime(file).toMillis(), size);
        if (emitted > 0) {
            split = split.updateWithCheckpointedPosition(new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, emitted));
        }
        List<RawRecord> records = new ArrayList<>();
        try (BulkFormat.Reader<RawRecord> reader = format.restoreReader(new Configuration(), split)) {
            for (BulkFormat.RecordIterator<RawRecord> batch = reader.readBatch(); batch != null; batch = reader.readBatch()) {
                for (RecordAndPosition<RawRecord> next = batch.next(); next != null; next = batch.next()) {
                    records.add(next.getRecord());
                }
                batch.releaseBatch();
            }
        }
        return records;
    }
}
