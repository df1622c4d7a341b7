package dev.earshot.connectors.file;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends lines to a file so that the file only ever ends with a whole line: lines are gathered in memory and
 * handed to the file in one write of whole lines, never split at a buffer boundary. A process stopped at any moment
 * (even killed) leaves a file every line of which parses; what it loses is only the lines not yet written.
 */
final class WholeLinesWriter implements AutoCloseable {

    /** Lines are written out once this many bytes are waiting, and at every {@link #flush()}. */
    static final int WRITE_AT_BYTES = 64 * 1024;

    private final OutputStream file;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(WRITE_AT_BYTES + 1024);

    /** @param append whether to keep what the file holds (a restore), rather than start it afresh */
    WholeLinesWriter(Path path, boolean append) throws IOException {
        this.file = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Adds {@code line} (without its line break) and writes the waiting lines out if they are enough. */
    void writeLine(String line) throws IOException {
        pending.write(line.getBytes(StandardCharsets.UTF_8));
        pending.write('\n');
        if (pending.size() >= WRITE_AT_BYTES) {
            writePending();
        }
    }

    /** Writes every waiting line to the file. */
    void flush() throws IOException {
        writePending();
        file.flush();
    }

    @Override
    public void close() throws IOException {
        try (file) {
            writePending();
        }
    }

    private void writePending() throws IOException {
        if (pending.size() > 0) {
            // One call with whole lines: the channel behind the stream writes the buffer in one system call.
            pending.writeTo(file);
            pending.reset();
        }
    }
}
