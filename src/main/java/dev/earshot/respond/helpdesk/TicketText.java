package dev.earshot.respond.helpdesk;

import dev.earshot.model.HandoffTicket;
import dev.earshot.model.Location;
import dev.earshot.model.TicketPost;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an agent reads: the subject, and for each post its time, sentiment, text and link, followed by why
 * Earshot raised the ticket. Each post carries a marker line with its id, so that after a restart without state
 * the posts a helpdesk ticket already holds are read back from its comments and never added twice. A post its
 * author deleted leaves a {@link #REMOVED_MARKER} line instead, so that it is neither removed twice nor added again.
 */
public final class TicketText {

    public static final String POST_MARKER = "earshot-post: ";
    public static final String REMOVED_MARKER = "earshot-removed-post: ";
    /** What stands where a deleted post's text was: no word of it, nor its author's handle. */
    public static final String REMOVED_NOTE = "[post removed at the author's request (deleted on the network)]";

    private static final Pattern MARKED_POST = Pattern.compile(Pattern.quote(POST_MARKER) + "([^\\s<]+)");
    private static final Pattern REMOVED_POST = Pattern.compile(Pattern.quote(REMOVED_MARKER) + "([^\\s<]+)");
    private static final Pattern ANY_MARKER = Pattern.compile("earshot-(?:removed-)?post: [^\\s<]+");
    /** Line breaks in plain bodies and in the HTML ones {@link #html} writes (as a helpdesk may normalise them). */
    private static final Pattern LINE_BREAK = Pattern.compile("\\n|<br\\s*/?>");
    private static final Pattern REDACTED_OR_BLANK = Pattern.compile("[\u2587\\s]*");

    private TicketText() {
    }

    public static String subject(HandoffTicket ticket, Requester requester) {
        String about = ticket.topics().isEmpty() ? "" : " about " + String.join(", ", ticket.topics());
        String where = ticket.location() == null ? "" : " in " + ticket.location().city();
        return requester.name() + " is unhappy" + about + where;
    }

    /** The body of a new helpdesk ticket, or of a comment adding {@code posts} to it. */
    public static String body(HandoffTicket ticket, List<TicketPost> posts, boolean opening) {
        StringBuilder text = new StringBuilder();
        String who = ticket.customer().handle() == null ? ticket.customer().id() : "@" + ticket.customer().handle();
        text.append(who).append(" on ").append(ticket.source())
                .append(opening ? " wrote to @" : " wrote again to @").append(ticket.account()).append(":\n");
        for (TicketPost post : posts) {
            text.append('\n').append(post.createdAt()).append(" · sentiment ")
                    .append(String.format(Locale.ROOT, "%.2f", post.sentimentScore()))
                    .append(post.label() == null ? "" : " (" + post.label() + ")").append('\n')
                    .append(post.text()).append('\n');
            if (post.url() != null) {
                text.append(post.url()).append('\n');
            }
            text.append(POST_MARKER).append(post.id()).append('\n');
        }
        text.append("\nWhy: ").append(String.join("; ", ticket.reasons())).append('\n')
                .append("Priority: ").append(ticket.priority());
        if (!ticket.topics().isEmpty()) {
            text.append(" · topics: ").append(String.join(", ", ticket.topics()));
        }
        if (ticket.location() != null) {
            text.append(" · place: ").append(placeName(ticket.location()));
        }
        if (!ticket.linkedAlertIds().isEmpty()) {
            text.append(" · linked incidents: ").append(String.join(", ", ticket.linkedAlertIds()));
        }
        return text.append("\nEarshot ticket ").append(ticket.id()).toString();
    }

    /** The same text as HTML, for helpdesks whose bodies are HTML (Freshdesk). */
    public static String html(String plain) {
        String escaped = plain.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        return "<div>" + escaped.replace("\n", "<br>") + "</div>";
    }

    /** The ids of the posts whose markers appear in a helpdesk comment, plain or HTML. */
    public static Set<String> markedPostIds(String body) {
        Set<String> ids = new LinkedHashSet<>();
        if (body != null) {
            Matcher matcher = MARKED_POST.matcher(body);
            while (matcher.find()) {
                ids.add(matcher.group(1));
            }
        }
        return ids;
    }

    /** The ids of the deleted posts whose {@link #REMOVED_MARKER}s appear in a helpdesk comment, plain or HTML. */
    public static Set<String> removedPostIds(String body) {
        Set<String> ids = new LinkedHashSet<>();
        if (body != null) {
            Matcher matcher = REMOVED_POST.matcher(body);
            while (matcher.find()) {
                ids.add(matcher.group(1));
            }
        }
        return ids;
    }

    /**
     * The lines of a post that say what its author wrote (its text and link) in a plain body {@link #body} wrote,
     * leaving out its time and sentiment line, its marker and lines already redacted; empty when the body does not
     * hold the post.
     */
    public static List<String> postLines(String body, String postId) {
        int[] block = block(body, postId);
        if (block == null) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (String line : LINE_BREAK.split(body.substring(block[0], block[1]))) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        // the first line is the post's time and sentiment, the last its marker
        return lines.size() <= 2 ? List.of() : lines.subList(1, lines.size() - 1).stream()
                .filter(line -> !REDACTED_OR_BLANK.matcher(line).matches()).distinct().toList();
    }

    /**
     * {@code body} (plain or HTML as {@link #body} and {@link #html} wrote it) with a post's time, sentiment, text and
     * link replaced by {@link #REMOVED_NOTE} and its marker by a {@link #REMOVED_MARKER}; the other posts stay as
     * they were. The body itself when it does not hold the post.
     */
    public static String withoutPost(String body, String postId) {
        int[] block = block(body, postId);
        if (block == null) {
            return body;
        }
        Matcher lineBreak = LINE_BREAK.matcher(body);
        String br = lineBreak.find(block[0]) ? lineBreak.group() : "\n";
        return body.substring(0, block[0]) + br + br + REMOVED_NOTE + br + REMOVED_MARKER + postId + body.substring(block[1]);
    }

    /**
     * Where a post's lines are in a body: from the line break ending the line before them (the previous post's marker,
     * or the opening line) to the end of the post's marker. Null when the body has no marker of the post.
     */
    private static int[] block(String body, String postId) {
        if (body == null) {
            return null;
        }
        Matcher marker = Pattern.compile(Pattern.quote(POST_MARKER + postId) + "(?=[\\s<]|$)").matcher(body);
        if (!marker.find()) {
            return null;
        }
        int start = -1;
        Matcher earlier = ANY_MARKER.matcher(body).region(0, marker.start());
        while (earlier.find()) {
            start = earlier.end();
        }
        if (start < 0) {
            Matcher lineBreak = LINE_BREAK.matcher(body);
            start = lineBreak.find() && lineBreak.start() < marker.start() ? lineBreak.start() : 0;
        }
        return new int[] {start, marker.end()};
    }

    /** "Bengaluru, Karnataka, IN". */
    public static String placeName(Location location) {
        List<String> parts = new ArrayList<>();
        parts.add(location.city());
        if (location.region() != null) {
            parts.add(location.region());
        }
        parts.add(location.country());
        return String.join(", ", parts);
    }

    /** A helpdesk tag: lower case, letters, digits, '_' and '-' only ("topic_public-transport"). */
    public static String tag(String prefix, String value) {
        return (prefix + value).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "_");
    }
}
