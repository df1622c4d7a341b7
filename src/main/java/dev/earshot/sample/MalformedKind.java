package dev.earshot.sample;

/** The kinds of deliberately broken lines in the sample stream; a validator must dead-letter every one. */
public enum MalformedKind {
    /** Plain text or an HTML error page instead of JSON. */
    NOT_JSON,
    /** A post's JSON cut off mid-way. */
    TRUNCATED_JSON,
    /** A post without its {@code id}. */
    MISSING_ID,
    /** A post without its {@code createdAt}. */
    MISSING_CREATED_AT,
    /** A post whose {@code text} is the empty string. */
    EMPTY_TEXT,
    /**
     * A post with one field of the wrong JSON type: {@code "followers": "lots"}, {@code "createdAt": 12345} or
     * {@code "hashtags": "parking"}, in turn. Jackson reads {@code "createdAt": 12345} as 1970-01-01T03:25:45Z, so
     * a validator must also reject event times far from the present. ({@code "text": 42} is not used: Jackson reads
     * it as the text "42", a valid post.)
     */
    WRONG_TYPES,
    /** A syntactically valid post whose text is longer than 10,000 characters. */
    OVERSIZED_TEXT,
    /** A JSON array (holding a post) instead of a JSON object. */
    JSON_ARRAY
}
