package dev.earshot.connectors.file;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file's text for a parser that reads a {@link Reader} (a labelled CSV, a dead-letters file), read as the job reads
 * its input files ({@link TextLineReader}): a UTF-8 byte order mark is dropped, UTF-16 with one is decoded, gzip and
 * other compressions are decompressed. Where the job makes a line it cannot read a dead letter, this stops the read
 * with an {@link UnreadableTextException} that names the line, the byte and the fix, since a command that reads the
 * whole file has no dead letters to keep. Lines end with LF (a CRLF is read as LF), so line numbers stay the file's.
 */
public final class TextFileReader extends Reader {

    private final TextLineReader lines;
    private String current = "";
    private int position;

    private TextFileReader(TextLineReader lines) {
        this.lines = lines;
    }

    public static TextFileReader open(Path file) throws IOException {
        return new TextFileReader(new TextLineReader(Files.newInputStream(file), file.getFileName().toString()));
    }

    @Override
    public int read(char[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position == current.length()) {
            TextLineReader.Line line = lines.next();
            if (line == null) {
                return -1;
            }
            if (line.unreadable() != null) {
                throw new UnreadableTextException(line.unreadable());
            }
            current = line.text() + "\n";
            position = 0;
        }
        int count = Math.min(length, current.length() - position);
        current.getChars(position, position + count, into, offset);
        position += count;
        return count;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
