package dev.earshot.enrich.topics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits a hashtag into the words it was written from: "#WaterSupply" and "#water_supply" give water, supply. */
final class HashtagWords {

    private HashtagWords() {
    }

    /**
     * Splits at underscores and other non-alphanumerics, at lower-to-upper case changes ("WaterSupply"), before
     * the last capital of an acronym that starts a word ("NYCTraffic" gives nyc, traffic), and between letters
     * and digits ("Line3"). The words are lower-cased; a leading # is ignored.
     */
    static List<String> split(String hashtag) {
        String tag = hashtag.startsWith("#") ? hashtag.substring(1) : hashtag;
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < tag.length(); i++) {
            char c = tag.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                if (start >= 0) {
                    words.add(tag.substring(start, i).toLowerCase(Locale.ROOT));
                    start = -1;
                }
                continue;
            }
            if (start >= 0 && startsWord(tag, i)) {
                words.add(tag.substring(start, i).toLowerCase(Locale.ROOT));
                start = i;
            } else if (start < 0) {
                start = i;
            }
        }
        if (start >= 0) {
            words.add(tag.substring(start).toLowerCase(Locale.ROOT));
        }
        return words;
    }

    private static boolean startsWord(String tag, int i) {
        char previous = tag.charAt(i - 1);
        char c = tag.charAt(i);
        if (Character.isDigit(previous) != Character.isDigit(c)) {
            return Character.isLetterOrDigit(previous);
        }
        if (Character.isUpperCase(c) && Character.isLowerCase(previous)) {
            return true;
        }
        boolean nextIsLower = i + 1 < tag.length() && Character.isLowerCase(tag.charAt(i + 1));
        return Character.isUpperCase(c) && Character.isUpperCase(previous) && nextIsLower;
    }
}
