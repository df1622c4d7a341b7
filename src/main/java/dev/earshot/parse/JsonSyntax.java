package dev.earshot.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says why text is not JSON, and where, in plain words: Jackson's own message names its source-location settings
 * ("[Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1]").
 */
final class JsonSyntax {

    /** Where an unclosed object or array opened, in a cut-off record's message. */
    private static final Pattern START_MARKER = Pattern.compile(
            "expected close marker for (Object|Array) \\(start marker at \\[Source: .*?; line: (\\d+), column: (\\d+)]\\)");
    /** The location Jackson appends to some messages, which {@link #problem} gives its own way. */
    private static final Pattern SOURCE = Pattern.compile("\\s*\\(?(at )?\\[Source: .*?; line: \\d+, column: \\d+]\\)?");

    private JsonSyntax() {
    }

    /**
     * E.g. "the record is cut off at line 1, column 73: the object opened at line 1, column 1 is not closed", or
     * "Unexpected character ('}' (code 125)) at line 1, column 9".
     */
    static String problem(JsonProcessingException e) {
        String message = e.getOriginalMessage().lines().findFirst().orElse("");
        JsonLocation location = e.getLocation();
        String at = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        if (e instanceof JsonEOFException) {
            Matcher unclosed = START_MARKER.matcher(message);
            return "the record is cut off" + at + (unclosed.find() ? ": the " + unclosed.group(1).toLowerCase()
                    + " opened at line " + unclosed.group(2) + ", column " + unclosed.group(3) + " is not closed" : "");
        }
        return SOURCE.matcher(message).replaceAll("") + at;
    }
}
