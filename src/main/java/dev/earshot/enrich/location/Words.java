package dev.earshot.enrich.location;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a post's text once into the words the resolver looks up, skipping @handles and links, and keeping what
 * place matching needs: capitalisation, hashtags, and where a comma or other punctuation separates words.
 */
final class Words {

    /**
     * @param key {@link PlaceNames#key} of the word
     * @param keyWithoutPossessive the key without a trailing 's ("Mumbai's" gives "mumbai")
     * @param capitalised starts with a capital letter
     * @param allCapitals every letter a capital, as abbreviations are written (NYC, LA)
     * @param hashtag written as #word
     * @param afterComma a comma separates it from the previous word, as in "Paris, Texas"
     * @param afterBreak any punctuation, @handle or link separates it from the previous word: names do not span it
     */
    record Word(String key, String keyWithoutPossessive, boolean capitalised, boolean allCapitals, boolean hashtag,
            boolean afterComma, boolean afterBreak) {
    }

    private Words() {
    }

    static List<Word> of(String text) {
        List<Word> words = new ArrayList<>();
        boolean comma = false;
        boolean brk = true;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            boolean wordStart = i == 0 || Character.isWhitespace(text.charAt(i - 1));
            if (Character.isWhitespace(c) || c == '-' || isApostrophe(c)) {
                i++;
            } else if (wordStart && (c == '@' || text.startsWith("http", i) || text.startsWith("www.", i))) {
                i = skipToWhitespace(text, i);
                brk = true;
            } else if (c == '#' && i + 1 < n && Character.isLetter(text.charAt(i + 1))) {
                int end = wordEnd(text, i + 1);
                String raw = text.substring(i + 1, end);
                String key = PlaceNames.key(raw);
                words.add(new Word(key, key, true, isAllCapitals(raw), true, comma, true));
                comma = false;
                brk = true;
                i = end;
            } else if (Character.isLetterOrDigit(c)) {
                int end = wordEnd(text, i);
                String raw = text.substring(i, end);
                String key = PlaceNames.key(raw);
                String withoutPossessive = hasPossessive(raw) ? PlaceNames.key(raw.substring(0, raw.length() - 2)) : key;
                words.add(new Word(key, withoutPossessive, Character.isUpperCase(c), isAllCapitals(raw), false, comma,
                        brk));
                comma = false;
                brk = false;
                i = end;
            } else {
                comma |= c == ',';
                brk = true;
                i++;
            }
        }
        return words;
    }

    /** Letters, digits and combining marks, with apostrophes inside a word ("Xi'an", "Mumbai's"). */
    private static int wordEnd(String text, int start) {
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK
                    || (isApostrophe(c) && i + 1 < text.length() && Character.isLetter(text.charAt(i + 1)))) {
                i++;
            } else {
                return i;
            }
        }
        return i;
    }

    private static int skipToWhitespace(String text, int start) {
        int i = start;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isApostrophe(char c) {
        return c == '\'' || c == '\u2019';
    }

    private static boolean hasPossessive(String raw) {
        int n = raw.length();
        return n > 2 && isApostrophe(raw.charAt(n - 2)) && (raw.charAt(n - 1) == 's' || raw.charAt(n - 1) == 'S');
    }

    private static boolean isAllCapitals(String raw) {
        return PlaceNames.capitalLetters(raw, null) >= 2;
    }
}
