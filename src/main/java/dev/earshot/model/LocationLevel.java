package dev.earshot.model;

/**
 * How wide a {@link TopicLocationStats} cell is: a city, or a roll-up of every city of a region, of a country, or of
 * all locations.
 */
public enum LocationLevel {
    CITY,
    REGION,
    COUNTRY,
    GLOBAL
}
