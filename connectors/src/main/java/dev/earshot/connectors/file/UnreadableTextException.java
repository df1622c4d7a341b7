package dev.earshot.connectors.file;

/**
 * A line of a file that {@link TextFileReader} cannot read as text. An illegal argument (bad input, as a bad row is)
 * and unchecked, so that a parser reading the {@link java.io.Reader} passes it on as it is, rather than as a syntax
 * error of its own.
 */
public final class UnreadableTextException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param reason what is wrong, on which line, and the fix */
    UnreadableTextException(String reason) {
        super(reason);
    }
}
