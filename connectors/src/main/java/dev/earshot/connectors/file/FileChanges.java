package dev.earshot.connectors.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells when a small text file's content has changed. It compares content, not modification times: a time has
 * a coarse resolution on some file systems and misses two saves within it, and touching a file is no change.
 * A file that cannot be read (an editor replacing it, a permission) is no change either: the last content stays
 * the latest, and the failure is logged once until the file reads again.
 */
public final class FileChanges {

    private static final Logger LOG = LoggerFactory.getLogger(FileChanges.class);

    private final Path file;
    private String last;
    private String failure;

    public FileChanges(Path file) {
        this.file = file;
    }

    /** Reads the file: its content if this is the first read or it differs from the content returned last. */
    public Optional<String> poll() {
        String content;
        try {
            content = Files.readString(file);
        } catch (IOException e) {
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (!reason.equals(failure)) {
                LOG.warn("cannot read {} ({}); keeping its last content until it reads again", file, reason);
                failure = reason;
            }
            return Optional.empty();
        }
        failure = null;
        if (Objects.equals(content, last)) {
            return Optional.empty();
        }
        last = content;
        return Optional.of(content);
    }
}
