package dev.earshot.parse;

import java.util.List;
import java.util.regex.Pattern;

/** Hashtags and @mentions found in plain text, for formats that do not list them (CSV rows, forum Markdown). */
final class TextEntities {

    private static final Pattern HASHTAG = Pattern.compile("(?<![\\p{L}\\p{N}_&])#([\\p{L}\\p{N}_]*\\p{L}[\\p{L}\\p{N}_]*)");
    private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}_.])@([A-Za-z0-9_]{1,30})");

    private TextEntities() {
    }

    static List<String> hashtags(String text) {
        return HASHTAG.matcher(text).results().map(m -> m.group(1)).toList();
    }

    static List<String> mentions(String text) {
        return MENTION.matcher(text).results().map(m -> m.group(1)).toList();
    }
}
