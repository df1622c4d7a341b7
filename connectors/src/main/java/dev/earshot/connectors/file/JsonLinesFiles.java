package dev.earshot.connectors.file;

import dev.earshot.model.RawRecord;
import java.nio.file.Path;
import org.apache.flink.connector.file.src.FileSource;

/**
 * Reads a JSON-lines file, or every file in a folder and its subfolders but hidden ones (names starting with
 * {@code .} or {@code _}), one record per line with its file and line as origin. Blank lines are skipped; what
 * cannot be read (a truncated gzip, text that is not UTF-8) becomes unreadable records, see {@link TextLineReader}.
 */
public final class JsonLinesFiles {

    private JsonLinesFiles() {
    }

    public static FileSource<RawRecord> source(Path path) {
        return source(path, null);
    }

    /**
     * @param shownAs what the records' origins call the file instead of its path, e.g. "bundled sample" for a
     *     temporary copy that is gone after the run; null for its path
     */
    public static FileSource<RawRecord> source(Path path, String shownAs) {
        return FileSource.forBulkFileFormat(new Format(shownAs),
                new org.apache.flink.core.fs.Path(path.toAbsolutePath().toUri())).build();
    }

    static final class Format extends TextRecordsFormat {

        private static final long serialVersionUID = 1L;

        Format() {
            this(null);
        }

        Format(String shownAs) {
            super(shownAs);
        }

        @Override
        Records records(TextLineReader lines, String file) {
            return () -> {
                for (TextLineReader.Line line = lines.next(); line != null; line = lines.next()) {
                    if (line.unreadable() != null || !line.text().isBlank()) {
                        return record(file, line);
                    }
                }
                return null;
            };
        }
    }
}
