package dev.earshot.model;

/**
 * Who wrote a post, as the platform describes them.
 *
 * @param id the platform's stable account id
 * @param handle the @name without the @, or null when the platform has none
 * @param followers the author's reach when the post was seen, 0 when unknown
 * @param profileLocation the free text of the profile's location field, or null
 */
public record Author(String id, String handle, long followers, String profileLocation) {

    public Author {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("author id is required");
        }
        if (followers < 0) {
            throw new IllegalArgumentException("followers must be >= 0, was " + followers);
        }
    }
}
