package dev.earshot.connectors.file;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads a CSV file with a header row (.gz decompressed by extension) as one JSON object per row, header name to cell
 * text, for the parse stage's {@code csv} format to map with {@code parse.csv}. Jackson CSV reads quoted cells, so
 * a post's text may hold commas, quotes and newlines. The file is read whole by one reader (it is not splittable).
 */
public final class CsvRowsFormat extends SimpleStreamFormat<String> {

    public static FileSource<String> source(Path path) {
        return FileSource.forRecordStreamFormat(new CsvRowsFormat(),
                new org.apache.flink.core.fs.Path(path.toAbsolutePath().toUri())).build();
    }

    @Override
    public Reader<String> createReader(Configuration config, FSDataInputStream stream) throws IOException {
        MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(stream);
        ObjectMapper json = new ObjectMapper();
        return new Reader<>() {
            @Override
            public String read() throws IOException {
                return rows.hasNextValue() ? json.writeValueAsString(rows.nextValue()) : null;
            }

            @Override
            public void close() throws IOException {
                rows.close();
            }
        };
    }

    @Override
    public TypeInformation<String> getProducedType() {
        return BasicTypeInfo.STRING_TYPE_INFO;
    }
}
