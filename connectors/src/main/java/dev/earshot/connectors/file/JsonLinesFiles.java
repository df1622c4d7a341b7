package dev.earshot.connectors.file;

import java.nio.file.Path;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;

/** Reads a JSON-lines file (or a folder of them) line by line; {@code .gz} files are decompressed by extension. */
public final class JsonLinesFiles {

    private JsonLinesFiles() {
    }

    public static FileSource<String> source(Path path) {
        return FileSource.forRecordStreamFormat(new TextLineInputFormat("UTF-8"),
                new org.apache.flink.core.fs.Path(path.toAbsolutePath().toUri())).build();
    }
}
