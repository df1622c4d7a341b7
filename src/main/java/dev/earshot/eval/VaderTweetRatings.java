package dev.earshot.eval;

import dev.earshot.model.SentimentLabel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The tweet ground truth of VADER (Hutto &amp; Gilbert, ICWSM 2014; repository {@code cjhutto/vaderSentiment}, MIT
 * licence, file {@code additional_resources/hutto_ICWSM_2014/tweets_GroundTruth.txt}): one tweet per line as
 * {@code id TAB mean rating TAB text}, the mean of about 20 raters' scores on VADER's scale from -4 to 4.
 *
 * <p>The mean becomes a class with cut-offs fixed before any scorer was run on the file: negative at or below
 * -0.5, positive at or above 0.5, neutral in between, i.e. the raters leaned one way by at least half a step.
 * A line that cannot be used stops the read with its line number and what was expected.
 */
public final class VaderTweetRatings {

    /** How far the mean rating must lean, either way, for the tweet to count as polar. */
    public static final double POLAR_FROM = 0.5;

    private static final double SCALE_LIMIT = 4;

    private VaderTweetRatings() {
    }

    public static List<LabelledText> read(Reader in) {
        List<LabelledText> rows = new ArrayList<>();
        BufferedReader lines = in instanceof BufferedReader buffered ? buffered : new BufferedReader(in);
        try {
            int number = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split("\t", 3);
                if (fields.length != 3) {
                    throw new IllegalArgumentException("line " + number + ": " + fields.length
                            + " tab-separated fields, expected 3 (id, mean rating, text)");
                }
                rows.add(new LabelledText(fields[2], label(rating(fields[1], number))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ratings: " + e.getMessage(), e);
        }
        return rows;
    }

    /** The class of a mean rating on VADER's -4..4 scale (see the class comment for the cut-offs). */
    public static SentimentLabel label(double meanRating) {
        if (meanRating <= -POLAR_FROM) {
            return SentimentLabel.NEGATIVE;
        }
        return meanRating >= POLAR_FROM ? SentimentLabel.POSITIVE : SentimentLabel.NEUTRAL;
    }

    private static double rating(String field, int line) {
        double rating;
        try {
            rating = Double.parseDouble(field.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("line " + line + ": mean rating '" + field + "' is not a number", e);
        }
        if (!(rating >= -SCALE_LIMIT && rating <= SCALE_LIMIT)) {
            throw new IllegalArgumentException("line " + line + ": mean rating " + field
                    + " is outside VADER's scale from -4 to 4");
        }
        return rating;
    }
}
