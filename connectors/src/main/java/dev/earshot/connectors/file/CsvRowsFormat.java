package dev.earshot.connectors.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import dev.earshot.model.RawRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.connector.file.src.FileSource;

/**
 * Reads a CSV file with a header row (or a folder of them) as one JSON object per row, header name to cell text, for
 * the parse stage's {@code csv} format to map with {@code parse.csv}. A post's text may hold commas, quotes and
 * newlines in a quoted cell. Jackson CSV parses each row; this class only finds where a row ends (the line where its
 * quoted cells are closed), so that one bad row is one unreadable record rather than the end of the file.
 *
 * <p>A quote that is never closed would swallow the rest of the file into one cell. So a row spread over several
 * lines must close its quotes within {@value #MAX_ROW_LINES} lines and before the end of the file, and have as many
 * cells as the header; otherwise its first line becomes an unreadable record and reading resumes at the next line.
 * The rows after a broken one are read, at the cost of reading a longer, or ragged, multi-line row as broken. A
 * one-line row with fewer cells than the header passes, its missing cells null (the parse stage names a missing
 * column it needs); with more, it is unreadable. Compression, encodings and damage are handled as by {@link TextLineReader}.
 */
public final class CsvRowsFormat extends TextRecordsFormat {

    private static final long serialVersionUID = 1L;
    static final int MAX_ROW_LINES = 200;

    public static FileSource<RawRecord> source(Path path) {
        return FileSource.forBulkFileFormat(new CsvRowsFormat(), new org.apache.flink.core.fs.Path(path.toAbsolutePath().toUri()))
                .build();
    }

    @Override
    Records records(TextLineReader lines, String file) {
        return new Rows(lines, file);
    }

    private static final class Rows implements Records {

        private static final ObjectReader CELLS = new CsvMapper().readerFor(String[].class);
        private static final ObjectMapper JSON = new ObjectMapper();

        private final TextLineReader lines;
        private final String file;
        private final Deque<TextLineReader.Line> readAgain = new ArrayDeque<>();
        private String[] header;
        private boolean ended;

        Rows(TextLineReader lines, String file) {
            this.lines = lines;
            this.file = file;
        }

        @Override
        public RawRecord next() throws IOException {
            while (!ended) {
                TextLineReader.Line first = nextLine();
                if (first == null) {
                    ended = true;
                } else if (first.unreadable() != null) {
                    // without a header no row can be read
                    ended = header == null;
                    return record(file, first);
                } else if (first.text().isBlank()) {
                    continue;
                } else if (header != null) {
                    return row(first);
                } else if (!readHeader(first)) {
                    ended = true;
                    return new RawRecord(first.text(), origin(file, first.number()), "the header row is not valid CSV: "
                            + "no row of the file can be read; fix the header");
                }
            }
            return null;
        }

        private TextLineReader.Line nextLine() throws IOException {
            return readAgain.isEmpty() ? lines.next() : readAgain.poll();
        }

        private boolean readHeader(TextLineReader.Line line) {
            try {
                header = CELLS.readValue(line.text());
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        private RawRecord row(TextLineReader.Line first) throws IOException {
            StringBuilder text = new StringBuilder(first.text());
            List<TextLineReader.Line> taken = new ArrayList<>(List.of(first));
            while (opensQuotedCell(text)) {
                TextLineReader.Line more = taken.size() < MAX_ROW_LINES ? nextLine() : null;
                if (more == null || more.unreadable() != null) {
                    if (more != null) {
                        readAgain.addFirst(more);
                    }
                    return unclosedQuote(taken, "is not closed " + (more != null ? "before line " + more.number()
                            + ", which cannot be read" : taken.size() < MAX_ROW_LINES ? "before the end of the file"
                            : "within " + MAX_ROW_LINES + " lines"));
                }
                taken.add(more);
                text.append('\n').append(more.text());
            }
            String[] cells;
            try {
                cells = CELLS.readValue(text.toString());
            } catch (JsonProcessingException e) {
                return taken.size() > 1 ? unclosedQuote(taken, "closes on line " + taken.get(taken.size() - 1).number()
                        + " where no row can end") : new RawRecord(text.toString(), origin(file, first.number()),
                        "the row is not valid CSV (" + e.getOriginalMessage() + ")");
            }
            if (taken.size() > 1 && cells.length != header.length) {
                return unclosedQuote(taken, "closes on line " + taken.get(taken.size() - 1).number() + " in a row of "
                        + cells.length + " cells, not " + header.length);
            }
            if (cells.length > header.length) {
                return new RawRecord(text.toString(), origin(file, first.number()), "the row has " + cells.length
                        + " cells but the header names " + header.length + " columns: quote cells that hold commas");
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                // a short row's missing cells are null, so the parse stage tells them from a column the header lacks
                row.put(header[i], i < cells.length ? cells[i] : null);
            }
            return new RawRecord(JSON.writeValueAsString(row), origin(file, first.number()));
        }

        /** The row's first line as unreadable; its other lines are read again as rows. */
        private RawRecord unclosedQuote(List<TextLineReader.Line> taken, String what) {
            for (int i = taken.size() - 1; i > 0; i--) {
                readAgain.addFirst(taken.get(i));
            }
            TextLineReader.Line first = taken.get(0);
            return new RawRecord(first.text(), origin(file, first.number()), "a quoted cell opened on line "
                    + first.number() + " " + what + ": close the quote (a quote inside a quoted cell is written "
                    + "twice: \"\"); reading went on at the next line");
        }

        /**
         * Whether the text ends inside a quoted cell. As Jackson CSV reads it, a quote opens a quoted cell only as a
         * cell's first character (elsewhere it is text), and inside one a doubled quote is a quote.
         */
        private static boolean opensQuotedCell(CharSequence text) {
            boolean quoted = false;
            boolean cellStart = true;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                            i++;
                        } else {
                            quoted = false;
                        }
                    }
                } else if (c == '"' && cellStart) {
                    quoted = true;
                } else {
                    cellStart = c == ',' || c == '\n';
                    continue;
                }
                cellStart = false;
            }
            return quoted;
        }
    }
}
