package dev.earshot.parse;

/** A record of a known format that lacks a field or holds a wrong value; the message names the field. */
public final class MalformedRecordException extends RuntimeException {

    public MalformedRecordException(String message) {
        super(message);
    }

    public static MalformedRecordException missing(String field) {
        return new MalformedRecordException("missing required field '" + field + "'");
    }

    public static MalformedRecordException wrong(String field, String problem) {
        return new MalformedRecordException("field '" + field + "' " + problem);
    }
}
