package dev.earshot.respond.helpdesk;

import dev.earshot.model.HandoffTicket;
import dev.earshot.model.Location;
import dev.earshot.model.TicketPost;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What an agent reads: the subject, and for each post its time, sentiment, text and link, followed by why
 * Earshot raised the ticket. Each post carries a marker line with its id, so that after a restart without state
 * the posts a helpdesk ticket already holds are read back from its comments and never added twice. A post its
 * author deleted leaves a {@link #REMOVED_MARKER} line instead, so that it is neither removed twice nor added again.
 * A marker also carries the {@link #fingerprint} of the text it follows ({@code earshot-post: <id> text:<fingerprint>};
 * where a post was rewritten in place after an edit, its earlier texts' first), so that the texts a helpdesk was given
 * of a post are known without state: an edit is shown only once, and an earlier text never again.
 */
public final class TicketText {

    public static final String POST_MARKER = "earshot-post: ";
    public static final String REMOVED_MARKER = "earshot-removed-post: ";
    /** What follows a post's id on its marker line: the fingerprint of the text above it. */
    public static final String FINGERPRINT = " text:";
    /**
     * What ends a post's marker line when its network says when the text above it was written by an edit: that time,
     * so that a restart without state can tell an edit back to an earlier text from a replayed older version.
     */
    public static final String EDITED = " edited:";
    /** What stands where a deleted post's text was: no word of it, nor its author's handle. */
    public static final String REMOVED_NOTE = "[post removed at the author's request (deleted on the network)]";

    private static final Pattern MARKED_POST = Pattern.compile(Pattern.quote(POST_MARKER) + "([^\\s<]+)((?:"
            + Pattern.quote(FINGERPRINT) + "[0-9a-f]{12}(?![0-9a-f]))*)(?:" + Pattern.quote(EDITED) + "([0-9TZ:.\\-]+))?");
    private static final Pattern REMOVED_POST = Pattern.compile(Pattern.quote(REMOVED_MARKER) + "([^\\s<]+)");
    /** A post's marker whose fingerprints were redacted: only a deleted post's are (an edited post keeps them). */
    private static final Pattern REDACTED_FINGERPRINTS = Pattern.compile(Pattern.quote(POST_MARKER) + "([^\\s<]+)(?: \u2587+)+");
    private static final Pattern ANY_MARKER = Pattern.compile("earshot-(?:removed-)?post: [^\\s<]+");
    /** Line breaks in plain bodies and in the HTML ones {@link #html} writes (as a helpdesk may normalise them). */
    private static final Pattern LINE_BREAK = Pattern.compile("\\n|<br\\s*/?>");
    private static final Pattern REDACTED_OR_BLANK = Pattern.compile("[\u2587\\s]*");
    /** How the first comment of a follow-up ticket starts: a paragraph before the body's opening line. */
    private static final String FOLLOW_UP = "Follow-up of closed ticket #";

    private TicketText() {
    }

    public static String subject(HandoffTicket ticket, Requester requester) {
        String about = ticket.topics().isEmpty() ? "" : " about " + String.join(", ", ticket.topics());
        String where = ticket.location() == null ? "" : " in " + ticket.location().city();
        return requester.name() + " is unhappy" + about + where;
    }

    /** The body of a new helpdesk ticket, or of a comment adding {@code posts} to it. */
    public static String body(HandoffTicket ticket, List<TicketPost> posts, boolean opening) {
        StringBuilder text = new StringBuilder().append(customer(ticket)).append(" on ").append(ticket.source())
                .append(opening ? " wrote to @" : " wrote again to @").append(ticket.account()).append(":\n");
        posts.forEach(post -> text.append(postBlock(post, null, List.of())).append('\n'));
        return text.append(footer(ticket)).toString();
    }

    /**
     * The first comment of a follow-up ticket: that the closed ticket {@code closedId} held the conversation, then
     * {@code posts} as {@link #body} shows later posts.
     */
    public static String followUpBody(HandoffTicket ticket, List<TicketPost> posts, String closedId) {
        return FOLLOW_UP + closedId + ", which holds the earlier posts: the customer wrote again.\n\n"
                + body(ticket, posts, false);
    }

    /**
     * The first comment of a follow-up ticket opened to show the new text of {@code edited} posts that the closed
     * ticket {@code closedId} holds with their earlier text (it takes no comment): as {@link #editBody}.
     */
    public static String followUpEditBody(HandoffTicket ticket, List<TicketPost> edited, String closedId, Instant seenAt) {
        return FOLLOW_UP + closedId + ", which holds the earlier posts: the customer edited "
                + (edited.size() == 1 ? "one" : "some") + " of them.\n\n" + editBody(ticket, edited, seenAt, List.of(closedId));
    }

    /**
     * The body of a comment showing the new text of {@code edited} posts, whose earlier text was redacted (Zendesk
     * cannot rewrite a comment): each post as {@link #body} shows one, said to be edited, with its marker. When the
     * network says when the posts were edited ({@link TicketPost#editedAt}) that is the time given, else when Earshot
     * saw the edit ({@code seenAt}).
     */
    public static String editBody(HandoffTicket ticket, List<TicketPost> edited, Instant seenAt) {
        return editBody(ticket, edited, seenAt, List.of());
    }

    /**
     * As {@link #editBody(HandoffTicket, List, Instant)}, where the closed Zendesk tickets {@code closedIds}, which
     * take no change, still show the earlier text of some of the posts: the comment says so instead, and each post's
     * block (its time, link and marker) says which earlier post it replaces.
     */
    public static String editBody(HandoffTicket ticket, List<TicketPost> edited, Instant seenAt, List<String> closedIds) {
        boolean networkTimes = edited.stream().allMatch(post -> post.editedAt() != null);
        String when = !networkTimes ? " (Earshot saw the edit at " + seenAt + ")"
                : edited.size() == 1 ? " at " + edited.get(0).editedAt() : "";
        String earlier = closedIds.isEmpty() ? "the earlier text was redacted above"
                : "closed ticket " + closedIds.stream().map(id -> "#" + id).collect(Collectors.joining(", "))
                        + ", which takes no change, still shows the earlier text";
        StringBuilder text = new StringBuilder().append(customer(ticket)).append(" on ").append(ticket.source())
                .append(edited.size() == 1 ? " edited a post" : " edited " + edited.size() + " posts")
                .append(when).append("; ").append(earlier).append(":\n");
        edited.forEach(post -> text.append(postBlock(post, seenAt, List.of())).append('\n'));
        return text.append(footer(ticket)).toString();
    }

    /**
     * A short hash of what an agent reads of a post (its text and link), recorded per delivered post and written on
     * its marker line, so that a version whose post reads differently is recognised as an edit. 48 bits: a chance
     * collision between two texts of one post is negligible, and the state stays small.
     */
    public static String fingerprint(TicketPost post) {
        return fingerprint(post.text() + "\n" + (post.url() == null ? "" : post.url()));
    }

    /** The first 48 bits of the SHA-256 of {@code text}, in hex. */
    static String fingerprint(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(Arrays.copyOf(hash, 6));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String customer(HandoffTicket ticket) {
        return ticket.customer().handle() == null ? ticket.customer().id() : "@" + ticket.customer().handle();
    }

    /**
     * One post as an agent reads it, starting with a line break: its time and sentiment (and, when {@code editSeenAt}
     * is given, when it was edited: by the network's time, else when Earshot saw the edit), its text, its link and its
     * marker, with the fingerprints of the {@code earlier} texts it replaces in place and of its own.
     */
    private static String postBlock(TicketPost post, Instant editSeenAt, List<String> earlier) {
        StringBuilder text = new StringBuilder().append('\n').append(post.createdAt()).append(" · sentiment ")
                .append(String.format(Locale.ROOT, "%.2f", post.sentimentScore()))
                .append(post.label() == null ? "" : " (" + post.label() + ")")
                .append(editSeenAt == null ? "" : post.editedAt() != null ? " · edited at " + post.editedAt()
                        : " · edited, seen at " + editSeenAt).append('\n')
                .append(post.text()).append('\n');
        if (post.url() != null) {
            text.append(post.url()).append('\n');
        }
        text.append(POST_MARKER).append(post.id());
        String current = fingerprint(post);
        earlier.stream().filter(fingerprint -> !fingerprint.equals(current))
                .forEach(fingerprint -> text.append(FINGERPRINT).append(fingerprint));
        text.append(FINGERPRINT).append(current);
        if (post.editedAt() != null) {
            text.append(EDITED).append(post.editedAt());
        }
        return text.toString();
    }

    private static String footer(HandoffTicket ticket) {
        StringBuilder text = new StringBuilder();
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
        return "<div>" + escape(plain, "<br>") + "</div>";
    }

    private static String escape(String plain, String lineBreak) {
        String escaped = plain.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        return escaped.replace("\n", lineBreak);
    }

    /**
     * Per post, the fingerprints of the texts helpdesk {@code texts} (in the order they were written: description,
     * then comments or notes) show on its markers, oldest first; the last is the text an agent reads now. Markers
     * written before fingerprints were (or whose fingerprint was redacted) add none.
     */
    public static Map<String, List<String>> shownFingerprints(Collection<String> texts) {
        Map<String, List<String>> shown = new LinkedHashMap<>();
        for (String text : texts) {
            Matcher matcher = MARKED_POST.matcher(text == null ? "" : text);
            while (matcher.find()) {
                for (String fingerprint : matcher.group(2).split(Pattern.quote(FINGERPRINT))) {
                    if (!fingerprint.isEmpty()) {
                        List<String> fingerprints = shown.computeIfAbsent(matcher.group(1), id -> new ArrayList<>());
                        fingerprints.remove(fingerprint);
                        fingerprints.add(fingerprint);
                    }
                }
            }
        }
        return shown;
    }

    /**
     * Per post, when its network says the text helpdesk {@code texts} show now was written by an edit: the time on
     * its last marker. Posts whose shown text has no such time (never edited, or by a network that gives none, or
     * markers written before the times were) are left out.
     */
    public static Map<String, Instant> shownEditTimes(Collection<String> texts) {
        Map<String, Instant> shown = new LinkedHashMap<>();
        for (String text : texts) {
            Matcher matcher = MARKED_POST.matcher(text == null ? "" : text);
            while (matcher.find()) {
                Instant editedAt = instant(matcher.group(3));
                if (editedAt == null) {
                    shown.remove(matcher.group(1));
                } else {
                    shown.put(matcher.group(1), editedAt);
                }
            }
        }
        return shown;
    }

    /** The time a marker gives, or null when it gives none or an agent garbled it. */
    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Of the {@code edited} posts, those whose new text the helpdesk {@code texts} do not show yet: after a restart
     * whose state was lost, an edit shown before needs nothing.
     */
    public static List<TicketPost> notShownYet(List<TicketPost> edited, Collection<String> texts) {
        Map<String, List<String>> shown = shownFingerprints(texts);
        return edited.stream().filter(post -> {
            List<String> fingerprints = shown.getOrDefault(post.id(), List.of());
            return fingerprints.isEmpty() || !fingerprints.get(fingerprints.size() - 1).equals(fingerprint(post));
        }).toList();
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

    /**
     * The ids of the deleted posts a helpdesk comment, plain or HTML, says are removed: by their {@link #REMOVED_MARKER}s,
     * or by their markers' redacted fingerprints (a closed Zendesk ticket, which takes no note saying so).
     */
    public static Set<String> removedPostIds(String body) {
        Set<String> ids = new LinkedHashSet<>();
        if (body != null) {
            for (Pattern removed : List.of(REMOVED_POST, REDACTED_FINGERPRINTS)) {
                Matcher matcher = removed.matcher(body);
                while (matcher.find()) {
                    ids.add(matcher.group(1));
                }
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
     * The fingerprints on a post's marker line in a body, as written ({@code "text:<fingerprint>"}): what else to
     * redact of a deleted post, so that not even a hash of its text stays. Empty when the body does not hold the post.
     */
    public static List<String> fingerprintTokens(String body, String postId) {
        int[] block = block(body, postId);
        if (block == null) {
            return List.of();
        }
        Matcher marker = MARKED_POST.matcher(body.substring(block[0], block[1]));
        List<String> tokens = new ArrayList<>();
        while (marker.find()) {
            if (marker.group(1).equals(postId)) {
                Arrays.stream(marker.group(2).split(" ")).filter(token -> !token.isEmpty()).forEach(tokens::add);
            }
        }
        return tokens;
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
        String br = lineBreakAt(body, block[0]);
        return body.substring(0, block[0]) + br + br + REMOVED_NOTE + br + REMOVED_MARKER + postId + body.substring(block[1]);
    }

    /**
     * {@code body} (plain or HTML as {@link #body} and {@link #html} wrote it) with an edited post's lines replaced by
     * its new version, said to be edited (at the network's time when known, else when Earshot saw it: {@code seenAt}),
     * under a marker with the earlier texts' fingerprints and the new one's; the other posts stay as they were. The
     * body itself when it does not hold the post.
     */
    public static String withPostEdited(String body, TicketPost edited, Instant seenAt) {
        int[] block = block(body, edited.id());
        if (block == null) {
            return body;
        }
        String br = lineBreakAt(body, block[0]);
        List<String> earlier = shownFingerprints(List.of(body.substring(block[0], block[1]))).getOrDefault(edited.id(), List.of());
        String plain = postBlock(edited, seenAt, earlier);
        // the block starts with the line break ending the line before it; postBlock with the blank line between posts
        return body.substring(0, block[0]) + br + (br.equals("\n") ? plain : escape(plain, br)) + body.substring(block[1]);
    }

    /** The line break a body uses where a post's block starts: a newline, or the HTML break the helpdesk kept. */
    private static String lineBreakAt(String body, int at) {
        Matcher lineBreak = LINE_BREAK.matcher(body);
        return lineBreak.find(at) ? lineBreak.group() : "\n";
    }

    /**
     * Where a post's lines are in a body: from the line break ending the line before them (the previous post's marker
     * line, or the opening line) to the end of the post's marker line. Null when the body has no marker of the post.
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
            start = lineEnd(body, earlier.end());
        }
        if (start < 0) {
            // the first post starts after the opening line, which a follow-up's first comment has a paragraph before
            int opening = body.startsWith(FOLLOW_UP) && body.contains("\n\n") ? body.indexOf("\n\n") + 2 : 0;
            Matcher lineBreak = LINE_BREAK.matcher(body);
            start = lineBreak.find(opening) && lineBreak.start() < marker.start() ? lineBreak.start() : 0;
        }
        return new int[] {start, lineEnd(body, marker.end())};
    }

    /** Where the line holding {@code from} ends: at its line break, or at the end of the body. */
    private static int lineEnd(String body, int from) {
        Matcher lineBreak = LINE_BREAK.matcher(body);
        return lineBreak.find(from) ? lineBreak.start() : body.length();
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
