package dev.earshot.enrich.location;

/** How a key names a place, from the strongest evidence to the weakest. */
public enum NameKind {
    /** The place's GeoNames name. */
    NAME,
    /** One of the place's own alternate names: a former name ("Bombay"), another spelling or language's name. */
    ALIAS,
    /**
     * A place inside the city, folded into it ("Hollywood", "Lincoln Park", "Brooklyn"): not another name of the city.
     * The resolver weighs it as an alternate name.
     */
    SECTION,
    /** An all-capital abbreviation (NYC, LA): a word in lower case, so it must be written in capitals in text. */
    ABBREVIATION
}
