package dev.earshot.connectors.file;

import dev.earshot.connectors.serde.JsonTypeInfo;
import dev.earshot.model.RawRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.IteratorResultIterator;
import org.apache.flink.core.fs.Path;

/**
 * Reads each file of a {@code FileSource} whole, through a {@link TextLineReader}, as raw records whose origin is the
 * file and line; what cannot be read becomes an unreadable record (a dead letter at the parse stage) instead of a
 * failure that would lose the run. A bulk format rather than Flink's {@code StreamFormat}: that one decompresses by
 * file name before the format sees the bytes, so a damaged or misnamed gzip fails where it cannot be caught.
 *
 * <p>Files are not split. A checkpoint holds how many records of the file were emitted; a restore reads the file
 * again and skips them.
 */
abstract class TextRecordsFormat implements BulkFormat<RawRecord, FileSourceSplit> {

    private static final long serialVersionUID = 1L;
    private static final int BATCH = 512;

    /** What the records' origins call the file, or null for its path. */
    private final String shownAs;

    TextRecordsFormat() {
        this(null);
    }

    /** @param shownAs what origins call the file, e.g. "bundled sample" for a copy gone after the run; null: its path */
    TextRecordsFormat(String shownAs) {
        this.shownAs = shownAs;
    }

    /** The records of one file. */
    interface Records {
        /** The next record, or null at the end of the file. */
        RawRecord next() throws IOException;
    }

    /** @param file the file's path, for the records' origins */
    abstract Records records(TextLineReader lines, String file);

    static String origin(String file, long line) {
        return line > 0 ? file + ":" + line : file;
    }

    /** A line as a record: readable, or unreadable with its reason. */
    static RawRecord record(String file, TextLineReader.Line line) {
        return new RawRecord(line.text() == null ? "" : line.text(), origin(file, line.number()), line.deadLetterReason(),
                line.textEncoding());
    }

    @Override
    public Reader<RawRecord> createReader(Configuration config, FileSourceSplit split) throws IOException {
        return restoreReader(config, split);
    }

    @Override
    public Reader<RawRecord> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
        Path path = split.path();
        TextLineReader lines = new TextLineReader(path.getFileSystem().open(path), path.getName());
        Records records = records(lines, shownAs == null ? path.getPath() : shownAs);
        long emitted = split.getReaderPosition().map(CheckpointedPosition::getRecordsAfterOffset).orElse(0L);
        for (long skipped = 0; skipped < emitted && records.next() != null; skipped++) {
            // the records emitted before the checkpoint
        }
        return new Reader<>() {
            private long emittedBefore = emitted;

            @Override
            public RecordIterator<RawRecord> readBatch() throws IOException {
                List<RawRecord> batch = new ArrayList<>(BATCH);
                for (RawRecord record = records.next(); record != null; record = batch.size() < BATCH ? records.next() : null) {
                    batch.add(record);
                }
                if (batch.isEmpty()) {
                    return null;
                }
                IteratorResultIterator<RawRecord> iterator = new IteratorResultIterator<>(batch.iterator(),
                        CheckpointedPosition.NO_OFFSET, emittedBefore);
                emittedBefore += batch.size();
                return iterator;
            }

            @Override
            public void close() throws IOException {
                lines.close();
            }
        };
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return JsonTypeInfo.of(RawRecord.class);
    }
}
