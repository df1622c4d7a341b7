package dev.earshot.enrich.location;

/** How a key names a place, from the strongest evidence to the weakest. */
public enum NameKind {
    /** The place's GeoNames name. */
    NAME,
    /** An alternate name, a former name ("Bombay") or a section folded into the city. */
    ALIAS,
    /** An all-capital abbreviation (NYC, LA): a word in lower case, so it must be written in capitals in text. */
    ABBREVIATION
}
