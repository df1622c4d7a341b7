package dev.earshot.model;

/** How a post's location was found, from the most to the least trusted. */
public enum LocationMethod {
    GEOTAG, PLACE, TEXT, PROFILE
}
