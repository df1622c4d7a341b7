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
 * the posts a helpdesk ticket already holds are read back from its comments and never added twice.
 */
public final class TicketText {

    public static final String POST_MARKER = "earshot-post: ";

    private static final Pattern MARKED_POST = Pattern.compile(Pattern.quote(POST_MARKER) + "([^\\s<]+)");

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
