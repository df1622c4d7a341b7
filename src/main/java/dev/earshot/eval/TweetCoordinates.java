package dev.earshot.eval;

import dev.earshot.model.GeoPoint;
import java.util.Optional;

/** The {@code tweet_coord} column of the Twitter US Airline Sentiment file: {@code [lat, lon]} or empty. */
public final class TweetCoordinates {

    private TweetCoordinates() {
    }

    /**
     * The point, or empty when the field is blank or {@code [0.0, 0.0]} (how the file writes "no geotag").
     *
     * @throws IllegalArgumentException when the field is neither blank nor two numbers in brackets
     */
    public static Optional<GeoPoint> parse(String field) {
        String value = field.trim();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = value.startsWith("[") && value.endsWith("]")
                ? value.substring(1, value.length() - 1).split(",") : new String[0];
        if (parts.length != 2) {
            throw new IllegalArgumentException("tweet_coord '" + field + "' is not [lat, lon]");
        }
        try {
            double lat = Double.parseDouble(parts[0].trim());
            double lon = Double.parseDouble(parts[1].trim());
            return lat == 0 && lon == 0 ? Optional.empty() : Optional.of(new GeoPoint(lat, lon));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("tweet_coord '" + field + "' is not [lat, lon]", e);
        }
    }
}
