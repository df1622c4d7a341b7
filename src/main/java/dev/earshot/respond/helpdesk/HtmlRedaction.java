package dev.earshot.respond.helpdesk;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.parser.Parser;

/**
 * Marks texts for Zendesk's "Redact Ticket Comment In Agent Workspace" ({@code PUT /api/v2/comment_redactions/{id}}),
 * which takes the comment's own {@code html_body} back with what to remove wrapped in {@code <redact>} tags and each
 * link to remove carrying a {@code redact} attribute. A text is looked for as a reader sees the HTML: entities decoded
 * ({@code &amp;}, {@code &lt;}, {@code &quot;}, {@code &#39;}, ...), any run of spaces (a non-breaking one too) as one,
 * inline elements (an auto-linked URL's {@code <a>}, {@code <strong>}) invisible, and any other tag ({@code <br>},
 * {@code <p>}, {@code <div>}) a line break a text does not cross. Everything else of the body is given back byte for
 * byte: Zendesk redacts only what the tags mark, and the body must otherwise be the comment's own.
 */
public final class HtmlRedaction {

    /**
     * The marked body, and the texts it does not show (nothing of them is marked): a caller redacting a deleted post
     * must not take a text it could not find for removed.
     */
    public record Marked(String htmlBody, List<String> notFound) {
        public Marked {
            notFound = List.copyOf(notFound);
        }
    }

    /** Elements inside a line of text; every other tag ends the line. */
    private static final Set<String> INLINE = Set.of("a", "abbr", "b", "bdi", "bdo", "cite", "code", "em", "font", "i",
            "kbd", "mark", "q", "s", "small", "span", "strike", "strong", "sub", "sup", "u");
    private static final Pattern ENTITY = Pattern.compile("&(?:#(\\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));");
    private static final Pattern TAG_NAME = Pattern.compile("</?([a-zA-Z][a-zA-Z0-9]*)");
    /** What stands for a line-ending tag in the text a reader sees: never part of a text to find. */
    private static final char LINE_END = '\u0000';

    private HtmlRedaction() {
    }

    /**
     * {@code htmlBody} with every occurrence of each of {@code texts} (plain text, one line each) inside
     * {@code <redact>} tags (one pair per stretch of text between two tags), and a {@code redact} attribute on each
     * {@code <a>} any of whose text is redacted: its {@code href} usually repeats the text.
     */
    public static Marked mark(String htmlBody, Collection<String> texts) {
        Visible visible = Visible.of(htmlBody);
        boolean[] redacted = new boolean[visible.text.length()];
        List<String> notFound = new ArrayList<>();
        for (String text : texts) {
            Matcher found = pattern(text).matcher(visible.text);
            boolean any = false;
            while (found.find()) {
                any |= found.end() > found.start();
                for (int i = found.start(); i < found.end(); i++) {
                    redacted[i] = true;
                }
            }
            if (!any) {
                notFound.add(text);
            }
        }
        return new Marked(write(htmlBody, visible, redacted), notFound);
    }

    /** A line of plain text as a pattern over what a reader sees: its words in order, any whitespace between them. */
    private static Pattern pattern(String text) {
        List<String> words = new ArrayList<>();
        for (String word : text.strip().split("[\\s\\u00a0]+")) {
            if (!word.isEmpty()) {
                words.add(Pattern.quote(word));
            }
        }
        return Pattern.compile(words.isEmpty() ? "(?!)" : String.join("[\\s\\u00a0]+", words));
    }

    private static String write(String html, Visible visible, boolean[] redacted) {
        StringBuilder out = new StringBuilder(html.length() + 64);
        int at = 0;
        for (Tag tag : visible.tags) {
            writeText(html, visible, redacted, at, tag.start, out);
            String source = html.substring(tag.start, tag.end);
            if (tag.name.equals("a") && !tag.closing && anyRedacted(redacted, tag.textFrom, tag.textTo)
                    && !source.matches("(?is).*\\sredact(?:[\\s=/>].*|)")) {
                int close = source.endsWith("/>") ? source.length() - 2 : source.length() - 1;
                source = source.substring(0, close) + " redact" + source.substring(close);
            }
            out.append(source);
            at = tag.end;
        }
        writeText(html, visible, redacted, at, html.length(), out);
        return out.toString();
    }

    /** The source between two tags, each stretch of redacted characters inside a pair of tags. */
    private static void writeText(String html, Visible visible, boolean[] redacted, int from, int to, StringBuilder out) {
        int at = from;
        int i = visible.firstCharAtOrAfter(from);
        while (i < visible.text.length() && visible.sourceStart[i] < to) {
            if (!redacted[i]) {
                i++;
                continue;
            }
            int first = i;
            while (i < visible.text.length() && visible.sourceStart[i] < to && redacted[i]) {
                i++;
            }
            int start = visible.sourceStart[first];
            int end = visible.sourceEnd[i - 1];
            out.append(html, at, start).append("<redact>").append(html, start, end).append("</redact>");
            at = end;
        }
        out.append(html, at, to);
    }

    private static boolean anyRedacted(boolean[] redacted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (redacted[i]) {
                return true;
            }
        }
        return false;
    }

    /** A tag in the source, and for an {@code <a>} the visible characters up to its end tag. */
    private static final class Tag {
        final int start;
        final int end;
        final String name;
        final boolean closing;
        int textFrom;
        int textTo;

        Tag(int start, int end, String name, boolean closing) {
            this.start = start;
            this.end = end;
            this.name = name;
            this.closing = closing;
        }
    }

    /** What a reader sees of the body, each character with the source it came from (an entity: the whole of it). */
    private static final class Visible {
        final String text;
        final int[] sourceStart;
        final int[] sourceEnd;
        final List<Tag> tags;

        private Visible(String text, int[] sourceStart, int[] sourceEnd, List<Tag> tags) {
            this.text = text;
            this.sourceStart = sourceStart;
            this.sourceEnd = sourceEnd;
            this.tags = tags;
        }

        static Visible of(String html) {
            StringBuilder text = new StringBuilder();
            List<int[]> spans = new ArrayList<>();
            List<Tag> tags = new ArrayList<>();
            List<Tag> openLinks = new ArrayList<>();
            int i = 0;
            while (i < html.length()) {
                char c = html.charAt(i);
                if (c == '<' && i + 1 < html.length() && (Character.isLetter(html.charAt(i + 1)) || html.charAt(i + 1) == '/'
                        || html.charAt(i + 1) == '!')) {
                    int end = tagEnd(html, i);
                    Matcher name = TAG_NAME.matcher(html).region(i, end);
                    String tagName = name.lookingAt() ? name.group(1).toLowerCase(Locale.ROOT) : "!";
                    Tag tag = new Tag(i, end, tagName, html.charAt(i + 1) == '/');
                    tags.add(tag);
                    if (tagName.equals("a") && !tag.closing) {
                        tag.textFrom = text.length();
                        openLinks.add(tag);
                    } else if (tagName.equals("a") && !openLinks.isEmpty()) {
                        openLinks.remove(openLinks.size() - 1).textTo = text.length();
                    }
                    if (!INLINE.contains(tagName) && !tagName.equals("!")) {
                        text.append(LINE_END);
                        spans.add(new int[] {end, end});
                    }
                    i = end;
                    continue;
                }
                Matcher entity = c == '&' ? ENTITY.matcher(html).region(i, html.length()) : null;
                String decoded = entity != null && entity.lookingAt() ? decode(entity) : null;
                if (decoded != null) {
                    for (char one : decoded.toCharArray()) {
                        text.append(one);
                        spans.add(new int[] {i, entity.end()});
                    }
                    i = entity.end();
                } else {
                    text.append(c);
                    spans.add(new int[] {i, i + 1});
                    i++;
                }
            }
            openLinks.forEach(link -> link.textTo = text.length());
            int[] starts = new int[spans.size()];
            int[] ends = new int[spans.size()];
            for (int k = 0; k < spans.size(); k++) {
                starts[k] = spans.get(k)[0];
                ends[k] = spans.get(k)[1];
            }
            return new Visible(text.toString(), starts, ends, tags);
        }

        /** The first visible character whose source starts at or after {@code offset}. */
        int firstCharAtOrAfter(int offset) {
            int low = 0;
            int high = sourceStart.length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (sourceStart[mid] < offset) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }

        /** Where a tag starting at {@code from} ends, past its {@code >} (quoted attribute values may hold one). */
        private static int tagEnd(String html, int from) {
            if (html.startsWith("<!--", from)) {
                int close = html.indexOf("-->", from + 4);
                return close < 0 ? html.length() : close + 3;
            }
            char quote = 0;
            for (int i = from + 1; i < html.length(); i++) {
                char c = html.charAt(i);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '>') {
                    return i + 1;
                }
            }
            return html.length();
        }

        /** The character an entity stands for, by jsoup's full HTML table for named ones; null for none. */
        private static String decode(Matcher entity) {
            if (entity.group(3) != null) {
                String decoded = Parser.unescapeEntities(entity.group(), false);
                return decoded.equals(entity.group()) ? null : decoded;
            }
            int codePoint = entity.group(1) != null ? Integer.parseInt(entity.group(1)) : Integer.parseInt(entity.group(2), 16);
            return Character.isValidCodePoint(codePoint) && codePoint != 0 ? Character.toString(codePoint) : null;
        }
    }
}
