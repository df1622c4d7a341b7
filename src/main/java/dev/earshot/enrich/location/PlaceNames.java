package dev.earshot.enrich.location;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The one normalisation shared by the gazetteer's index and every lookup, so that "São Paulo", "Sao Paulo" and
 * "SAO-PAULO" meet on the key {@code sao paulo}.
 */
public final class PlaceNames {

    private PlaceNames() {
    }

    /**
     * Lower-case, accents folded, apostrophes and periods dropped ("Xi'an" and "St. Louis" are written both ways),
     * every other non-alphanumeric run turned into one space.
     */
    public static String key(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        boolean pendingSpace = false;
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK || isDropped(c)) {
                continue;
            }
            if (Character.isLetterOrDigit(c)) {
                if (pendingSpace && out.length() > 0) {
                    out.append(' ');
                }
                pendingSpace = false;
                out.append(fold(Character.toLowerCase(c)));
            } else {
                pendingSpace = true;
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** The key with its spaces removed: how a multi-word name is written as a hashtag (#NewYork). */
    public static String compactKey(String key) {
        return key.replace(" ", "");
    }

    private static boolean isDropped(char c) {
        return c == '\'' || c == '\u2019' || c == '\u2018' || c == '`' || c == '\u02bb' || c == '\u02bc' || c == '.';
    }

    /** Latin letters that NFD does not decompose into a base letter and a mark. */
    private static String fold(char c) {
        return switch (c) {
            case 'ß' -> "ss";
            case 'æ' -> "ae";
            case 'œ' -> "oe";
            case 'ø' -> "o";
            case 'đ', 'ð' -> "d";
            case 'ł' -> "l";
            case 'ı' -> "i";
            case 'þ' -> "th";
            case 'ħ' -> "h";
            default -> String.valueOf(c);
        };
    }

    /**
     * How many letters {@code text} has when every one of them is a capital (as abbreviations are written: NYC,
     * D.C.), or -1 when a letter is lower-case or another character is not in {@code allowedOthers}
     * (null allows any).
     */
    static int capitalLetters(String text, String allowedOthers) {
        int letters = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                if (!Character.isUpperCase(c)) {
                    return -1;
                }
                letters++;
            } else if (allowedOthers != null && allowedOthers.indexOf(c) < 0) {
                return -1;
            }
        }
        return letters;
    }
}
