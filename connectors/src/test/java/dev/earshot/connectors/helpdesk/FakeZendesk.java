package dev.earshot.connectors.helpdesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Zendesk's Tickets API as far as Earshot uses it: create, list by external_id, show, update with a comment, comments (in
 * pages of {@value #COMMENTS_PER_PAGE}, linked by next_page, each with the {@code html_body} Zendesk makes of a plain
 * {@code body}: paragraphs, line breaks, auto-linked URLs, escaped text), "Redact String in Comment", which replaces
 * every occurrence of the string in the comment by ▇ characters, and "Redact Ticket Comment In Agent Workspace", which
 * takes the comment's own html_body back with {@code <redact>} tags and {@code redact} attributes. A closed ticket can
 * be neither updated nor redacted by string; the Agent Workspace endpoint redacts it, unless {@link #agentWorkspace}
 * is off. Statuses are kept: an update may set one (never back to new, never closed, which only Zendesk's automation
 * sets), an update of a closed ticket is refused with Zendesk's 422 "Status: closed prevents ticket update", and a
 * create with {@code via_followup_source_id} naming a closed ticket makes a follow-up of it ({@code via.source.rel}
 * {@code follow_up}, listed in the closed one's {@code followup_ids}, its tags unless the request brings its own).
 * Each create and update is an audit (listed oldest first, in pages of {@value #AUDITS_PER_PAGE}) with its events:
 * the comment, the status set at creation ({@code Create}) and each change of status or priority ({@code Change});
 * {@link #agentSets} is an agent's change in Zendesk. Comments and audits carry {@code created_at} in whole seconds.
 */
public final class FakeZendesk extends FakeHelpdesk {

    public static final String EMAIL = "agent@example.com";
    public static final String TOKEN = "zd-token-6wH3x9Qe";

    private static final Set<String> PRIORITIES = Set.of("low", "normal", "high", "urgent");
    /** The statuses an update may set; new only while the ticket is new, closed never. */
    private static final Set<String> SETTABLE_STATUSES = Set.of("open", "pending", "hold", "solved");
    private static final Pattern TICKET = Pattern.compile("/api/v2/tickets/(\\d+)\\.json");
    private static final Pattern COMMENTS = Pattern.compile("/api/v2/tickets/(\\d+)/comments\\.json");
    private static final Pattern AUDITS = Pattern.compile("/api/v2/tickets/(\\d+)/audits\\.json");
    private static final Pattern REDACT = Pattern.compile("/api/v2/tickets/(\\d+)/comments/(\\d+)/redact");
    private static final Pattern COMMENT_REDACTION = Pattern.compile("/api/v2/comment_redactions/(\\d+)");
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]*[^\\s<>\".,;:!?)]");
    private static final Pattern REDACT_TAGS = Pattern.compile("</?redact>");
    private static final Pattern REDACT_ATTRIBUTE = Pattern.compile(" redact(?=[ />])");
    private static final Pattern REDACTED_LINK = Pattern.compile("<a [^>]* redact(?=[ />])[^>]*>(.*?)</a>");
    private static final Pattern REDACTED_TEXT = Pattern.compile("<redact>(.*?)</redact>");
    /** Small, so that tests follow next_page (Zendesk's default is 100). */
    static final int COMMENTS_PER_PAGE = 2;
    /** Small too, for the same reason (Zendesk's default is 100). */
    static final int AUDITS_PER_PAGE = 3;
    /** The API user Earshot calls as, and an agent working in Zendesk's web interface. */
    private static final long API_USER = 7000000000002L;
    private static final long AGENT = 7000000000009L;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    public final Map<Long, ObjectNode> tickets = new ConcurrentHashMap<>();
    public final Map<Long, List<ObjectNode>> comments = new ConcurrentHashMap<>();
    /** Each ticket's audits, oldest first: one per create or update, with its events (comment, status and priority). */
    public final Map<Long, List<ObjectNode>> audits = new ConcurrentHashMap<>();
    /** Zendesk's clock: a minute passes between any two changes, so that each has its own created_at (whole seconds). */
    private Instant now = Instant.parse("2026-03-04T05:12:01Z");
    private final Map<String, Answer> byIdempotencyKey = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(4013);
    /** Whether the account has the Agent Workspace, without which Zendesk refuses comment_redactions. */
    public volatile boolean agentWorkspace = true;

    @Override
    boolean authorized(String authorization) {
        String expected = "Basic " + Base64.getEncoder().encodeToString((EMAIL + "/token:" + TOKEN).getBytes(StandardCharsets.UTF_8));
        return expected.equals(authorization);
    }

    @Override
    Object unauthorizedBody() {
        return JSON.objectNode().put("error", "Couldn't authenticate you");
    }

    @Override
    synchronized Answer answer(String method, String path, Map<String, String> query, Map<String, String> headers, JsonNode body) {
        Matcher ticket = TICKET.matcher(path);
        Matcher commentsPath = COMMENTS.matcher(path);
        if (method.equals("GET") && path.equals("/api/v2/users/me.json")) {
            // Zendesk's answer to the API token's owner, as the start-up check asks
            return Answer.of(200, JSON.objectNode().set("user", JSON.objectNode().put("id", 361_000_001L)
                    .put("email", EMAIL).put("role", "agent")));
        }
        if (method.equals("POST") && path.equals("/api/v2/tickets.json")) {
            String key = headers.get("idempotency-key");
            if (key == null) {
                violations.add("create without Idempotency-Key");
            } else if (byIdempotencyKey.containsKey(key)) {
                Answer first = byIdempotencyKey.get(key);
                return new Answer(first.status(), first.body(), Map.of("x-idempotency-lookup", "hit"));
            }
            Answer created = create(body);
            if (key != null && created.status() == 201) {
                byIdempotencyKey.put(key, created);
            }
            return created;
        }
        if (method.equals("GET") && path.equals("/api/v2/tickets.json")) {
            String externalId = query.get("external_id");
            if (externalId == null) {
                violations.add("list tickets without external_id");
            }
            ArrayNode found = JSON.arrayNode();
            tickets.values().stream().filter(t -> t.path("external_id").asText().equals(externalId)).forEach(found::add);
            ObjectNode list = JSON.objectNode();
            list.set("tickets", found);
            list.putNull("next_page").putNull("previous_page").put("count", found.size());
            return Answer.of(200, list);
        }
        if (method.equals("PUT") && ticket.matches()) {
            return update(Long.parseLong(ticket.group(1)), body);
        }
        if (method.equals("GET") && ticket.matches()) {
            ObjectNode stored = tickets.get(Long.parseLong(ticket.group(1)));
            if (stored == null) {
                return notFound();
            }
            ObjectNode show = JSON.objectNode();
            show.set("ticket", stored);
            return Answer.of(200, show);
        }
        if (method.equals("GET") && commentsPath.matches()) {
            long id = Long.parseLong(commentsPath.group(1));
            return tickets.containsKey(id) ? page("comments", comments.get(id), COMMENTS_PER_PAGE, path, query) : notFound();
        }
        Matcher auditsPath = AUDITS.matcher(path);
        if (method.equals("GET") && auditsPath.matches()) {
            long id = Long.parseLong(auditsPath.group(1));
            return tickets.containsKey(id) ? page("audits", audits.get(id), AUDITS_PER_PAGE, path, query) : notFound();
        }
        Matcher redact = REDACT.matcher(path);
        if (method.equals("PUT") && redact.matches()) {
            return redact(Long.parseLong(redact.group(1)), Long.parseLong(redact.group(2)), body);
        }
        Matcher commentRedaction = COMMENT_REDACTION.matcher(path);
        if (method.equals("PUT") && commentRedaction.matches()) {
            return redactInAgentWorkspace(Long.parseLong(commentRedaction.group(1)), body);
        }
        violations.add("unexpected " + method + " " + path);
        return notFound();
    }

    /** One page of a list, as Zendesk's offset pagination gives it: {@code next_page} links the next one. */
    private Answer page(String name, List<ObjectNode> all, int perPage, String path, Map<String, String> query) {
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        int from = (page - 1) * perPage;
        int to = Math.min(all.size(), from + perPage);
        ObjectNode list = JSON.objectNode();
        list.putArray(name).addAll(all.subList(Math.min(from, to), to));
        if (to < all.size()) {
            list.put("next_page", url() + path + "?page=" + (page + 1));
        } else {
            list.putNull("next_page");
        }
        list.putNull("previous_page").put("count", all.size());
        return Answer.of(200, list);
    }

    /**
     * An agent sets ticket {@code id} to {@code status} in Zendesk (solves it, say): an audit by the agent with the
     * status's Change event, a minute after the last change.
     */
    synchronized void agentSets(long id, String status) {
        ObjectNode ticket = tickets.get(id);
        ObjectNode audit = audit(id, AGENT, "web");
        audit.withArray("events").add(statusChange(ticket, status));
        ticket.put("status", status).put("updated_at", audit.get("created_at").asText());
    }

    /** A new audit of ticket {@code id} by {@code author}, without events yet, kept as the ticket's latest. */
    private ObjectNode audit(long id, long author, String channel) {
        now = now.plusSeconds(60);
        ObjectNode audit = JSON.objectNode().put("id", ids.incrementAndGet()).put("ticket_id", id)
                .put("created_at", now.toString()).put("author_id", author);
        audit.putObject("metadata").putObject("system").put("client", channel.equals("api") ? "Earshot" : "Mozilla/5.0");
        ((ObjectNode) audit.get("metadata")).putObject("custom");
        ObjectNode via = audit.putObject("via").put("channel", channel);
        via.putObject("source").putObject("from");
        ((ObjectNode) via.get("source")).putObject("to").putNull("rel");
        audit.putArray("events");
        audits.computeIfAbsent(id, ignored -> new ArrayList<>()).add(audit);
        return audit;
    }

    private ObjectNode statusChange(ObjectNode ticket, String status) {
        return JSON.objectNode().put("id", ids.incrementAndGet()).put("type", "Change").put("value", status)
                .put("field_name", "status").put("previous_value", ticket.path("status").asText());
    }

    private Answer create(JsonNode body) {
        JsonNode fields = body == null ? null : body.get("ticket");
        List<String> invalid = new ArrayList<>();
        if (fields == null || !fields.isObject()) {
            return invalid(List.of("ticket: is missing"));
        }
        if (!isText(fields.get("subject"))) {
            invalid.add("subject: is blank");
        }
        if (!isText(fields.path("comment").get("body"))) {
            invalid.add("comment.body: is blank");
        }
        if (!fields.path("comment").path("public").isBoolean()) {
            invalid.add("comment.public: must be a boolean");
        }
        if (!isText(fields.get("external_id"))) {
            invalid.add("external_id: is blank");
        }
        if (!isText(fields.path("requester").get("name")) || !fields.path("requester").path("email").asText().contains("@")) {
            invalid.add("requester: needs a name and an email");
        }
        if (!PRIORITIES.contains(fields.path("priority").asText())) {
            invalid.add("priority: " + fields.path("priority") + " is not low, normal, high or urgent");
        }
        fields.path("tags").forEach(tag -> {
            if (!tag.isTextual() || tag.asText().contains(" ")) {
                invalid.add("tags: " + tag + " is not a tag");
            }
        });
        fields.path("custom_fields").forEach(field -> {
            if (!field.path("id").isIntegralNumber() || !field.has("value")) {
                invalid.add("custom_fields: " + field + " needs a numeric id and a value");
            }
        });
        if (!invalid.isEmpty()) {
            return invalid(invalid);
        }
        ObjectNode source = null;
        if (fields.has("via_followup_source_id")) {
            source = tickets.get(fields.get("via_followup_source_id").asLong());
            if (source == null) {
                return notFound();
            }
            if (!"closed".equals(source.path("status").asText())) {
                // Zendesk: "The parameter only works with closed tickets. It has no effect with other tickets."
                violations.add("a follow-up of ticket " + source.get("id") + ", which is " + source.path("status").asText()
                        + ", not closed: Zendesk would open an unlinked ticket");
                source = null;
            }
        }
        long id = ids.incrementAndGet();
        ObjectNode created = fixture("/helpdesk/zendesk/ticket_201.json");
        ObjectNode stored = (ObjectNode) created.get("ticket");
        stored.put("id", id).put("url", url() + "/api/v2/tickets/" + id + ".json");
        for (String field : List.of("external_id", "subject", "priority")) {
            stored.set(field, fields.get(field));
        }
        stored.put("raw_subject", fields.get("subject").asText()).put("description", fields.at("/comment/body").asText());
        stored.set("tags", fields.has("tags") || source == null ? fields.path("tags") : source.get("tags"));
        if (source != null) {
            ObjectNode from = JSON.objectNode().put("ticket_id", source.get("id").asLong()).put("subject", source.path("subject").asText());
            ObjectNode via = stored.putObject("via").put("channel", "api");
            ObjectNode viaSource = via.putObject("source");
            viaSource.set("from", from);
            viaSource.putObject("to");
            viaSource.put("rel", "follow_up");
            ((ArrayNode) source.withArray("followup_ids")).add(id);
        }
        if (fields.has("custom_fields")) {
            stored.set("custom_fields", fields.get("custom_fields"));
        }
        ObjectNode audit = audit(id, API_USER, "api");
        ObjectNode comment = comment(fields.get("comment"), audit);
        ArrayNode events = audit.withArray("events");
        created.get("audit").get("events").forEach(event -> events.add(event.path("type").asText().equals("Comment")
                ? commentEvent(comment) : ((ObjectNode) event.deepCopy()).put("id", ids.incrementAndGet())));
        created.set("audit", audit);
        stored.put("created_at", audit.get("created_at").asText()).put("updated_at", audit.get("created_at").asText());
        tickets.put(id, stored);
        comments.put(id, new ArrayList<>(List.of(comment)));
        return Answer.of(201, created);
    }

    private Answer update(long id, JsonNode body) {
        ObjectNode stored = tickets.get(id);
        if (stored == null) {
            return notFound();
        }
        JsonNode fields = body == null ? null : body.get("ticket");
        if (fields == null || fields.isEmpty()) {
            return invalid(List.of("ticket: nothing to update"));
        }
        if ("closed".equals(stored.path("status").asText())) {
            return closedPreventsUpdate();
        }
        if (fields.has("priority") && !PRIORITIES.contains(fields.get("priority").asText())) {
            return invalid(List.of("priority: " + fields.get("priority") + " is not low, normal, high or urgent"));
        }
        if (fields.has("status")) {
            String status = fields.get("status").asText();
            if (!SETTABLE_STATUSES.contains(status) && !(status.equals("new") && "new".equals(stored.path("status").asText()))) {
                violations.add("update sets status " + fields.get("status") + " on a " + stored.path("status").asText() + " ticket");
                return invalid(List.of("status: " + status + " is not a status this ticket can be set to"));
            }
        }
        if (fields.has("comment") && (!isText(fields.path("comment").get("body")) || !fields.path("comment").path("public").isBoolean())) {
            return invalid(List.of("comment: needs a body and public"));
        }
        ObjectNode audit = audit(id, API_USER, "api");
        ArrayNode events = audit.withArray("events");
        if (fields.has("comment")) {
            ObjectNode comment = comment(fields.get("comment"), audit);
            comments.get(id).add(comment);
            events.add(commentEvent(comment));
        }
        if (fields.has("priority") && !fields.get("priority").equals(stored.get("priority"))) {
            events.addObject().put("id", ids.incrementAndGet()).put("type", "Change").put("value", fields.get("priority").asText())
                    .put("field_name", "priority").put("previous_value", stored.path("priority").asText(null));
            stored.set("priority", fields.get("priority"));
        }
        if (fields.has("status") && !fields.get("status").asText().equals(stored.path("status").asText())) {
            events.add(statusChange(stored, fields.get("status").asText()));
            stored.set("status", fields.get("status"));
        }
        stored.put("updated_at", audit.get("created_at").asText());
        ObjectNode answer = JSON.objectNode();
        answer.set("ticket", stored);
        answer.set("audit", audit);
        return Answer.of(200, answer);
    }

    private Answer redact(long ticketId, long commentId, JsonNode body) {
        ObjectNode ticket = tickets.get(ticketId);
        ObjectNode comment = ticket == null ? null : comments.get(ticketId).stream()
                .filter(c -> c.get("id").asLong() == commentId).findFirst().orElse(null);
        if (comment == null) {
            return notFound();
        }
        if (body == null || body.size() != 1 || !isText(body.get("text"))) {
            violations.add("redact needs exactly {\"text\": \"...\"}, was " + body);
            return invalid(List.of("text: is blank"));
        }
        if ("closed".equals(ticket.path("status").asText())) {
            return invalid(List.of("status: a closed ticket's comments cannot be redacted"));
        }
        String text = body.get("text").asText();
        String current = comment.get("body").asText();
        if (!current.contains(text)) {
            violations.add("redact of a string comment " + commentId + " does not hold: " + text);
        }
        String redacted = current.replace(text, "\u2587".repeat(text.codePointCount(0, text.length())));
        comment.put("body", redacted).put("plain_body", redacted).put("html_body", html(redacted));
        ObjectNode answer = JSON.objectNode();
        answer.set("comment", comment);
        return Answer.of(200, answer);
    }

    /**
     * Checks that the html_body sent is the comment's own apart from redact tags and attributes (this endpoint cannot
     * rewrite a comment), then replaces each character inside {@code <redact>} by ▇ and drops each link marked
     * {@code redact}, keeping its (redacted) text.
     */
    private Answer redactInAgentWorkspace(long commentId, JsonNode body) {
        long ticketId = comments.entrySet().stream().filter(entry -> entry.getValue().stream()
                .anyMatch(c -> c.get("id").asLong() == commentId)).map(Map.Entry::getKey).findFirst().orElse(-1L);
        if (ticketId < 0) {
            return notFound();
        }
        if (!agentWorkspace) {
            return Answer.of(403, JSON.objectNode().put("error", "Forbidden")
                    .put("description", "You do not have access to this page. Please contact the account owner of this help desk for further help."));
        }
        if (body == null || !body.path("ticket_id").isIntegralNumber() || !isText(body.get("html_body"))) {
            violations.add("comment_redactions needs {\"ticket_id\": <number>, \"html_body\": \"...\"}, was " + body);
            return invalid(List.of("html_body: is blank"));
        }
        if (body.get("ticket_id").asLong() != ticketId) {
            violations.add("comment_redactions: comment " + commentId + " is on ticket " + ticketId + ", not " + body.get("ticket_id"));
            return notFound();
        }
        ObjectNode comment = comments.get(ticketId).stream().filter(c -> c.get("id").asLong() == commentId).findFirst().orElseThrow();
        String sent = body.get("html_body").asText();
        String unmarked = REDACT_ATTRIBUTE.matcher(REDACT_TAGS.matcher(sent).replaceAll("")).replaceAll("");
        if (!unmarked.equals(comment.get("html_body").asText())) {
            violations.add("comment_redactions: the html_body sent is not comment " + commentId + "'s own: " + sent);
            return invalid(List.of("html_body: does not match the comment"));
        }
        String unlinked = REDACTED_LINK.matcher(sent).replaceAll(link -> Matcher.quoteReplacement(link.group(1)));
        String redacted = REDACTED_TEXT.matcher(unlinked).replaceAll(marked -> {
            String text = text(marked.group(1));
            return "\u2587".repeat(text.codePointCount(0, text.length()));
        });
        String plain = text(redacted);
        comment.put("html_body", redacted).put("body", plain).put("plain_body", plain);
        ObjectNode answer = JSON.objectNode();
        answer.set("comment", comment);
        return Answer.of(200, answer);
    }

    /** The comment a request's {@code comment} makes, added by the API user in {@code audit}, at its time. */
    private ObjectNode comment(JsonNode comment, ObjectNode audit) {
        String body = comment.get("body").asText();
        if (!text(html(body)).equals(body)) {
            violations.add("the fake's html_body would not read as the body: " + body);
        }
        ObjectNode made = JSON.objectNode().put("id", ids.incrementAndGet()).put("type", "Comment").put("author_id", API_USER)
                .put("body", body).put("html_body", html(body)).put("plain_body", body)
                .put("public", comment.get("public").asBoolean()).put("audit_id", audit.get("id").asLong())
                .put("created_at", audit.get("created_at").asText());
        made.putArray("attachments");
        return made;
    }

    /** The Comment event of the audit that added {@code comment}. */
    private static ObjectNode commentEvent(ObjectNode comment) {
        ObjectNode event = comment.deepCopy();
        event.remove("created_at");
        return event;
    }

    /**
     * The html_body Zendesk makes of a plain body: a paragraph per blank-line-separated block, {@code <br>} for other
     * line breaks, text escaped, and URLs auto-linked.
     */
    static String html(String plain) {
        StringBuilder html = new StringBuilder("<div class=\"zd-comment\" dir=\"auto\">");
        for (String paragraph : plain.split("\n\n", -1)) {
            String escaped = paragraph.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
            String linked = URL.matcher(escaped).replaceAll(url -> Matcher.quoteReplacement(
                    "<a href=\"" + url.group() + "\" rel=\"noreferrer\">" + url.group() + "</a>"));
            html.append("<p dir=\"auto\">").append(linked.replace("\n", "<br>")).append("</p>");
        }
        return html.append("</div>").toString();
    }

    /** The plain text of an html_body {@link #html} made (or one redacted since): what a reader sees. */
    static String text(String html) {
        String inner = html.replaceFirst("^<div[^>]*>", "").replaceFirst("</div>$", "")
                .replaceFirst("^<p[^>]*>", "").replaceFirst("</p>$", "");
        return inner.replaceAll("</p><p[^>]*>", "\n\n").replace("<br>", "\n").replaceAll("<[^>]+>", "")
                .replace("&quot;", "\"").replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&");
    }

    private static Answer invalid(List<String> details) {
        ObjectNode error = JSON.objectNode().put("error", "RecordInvalid").put("description", "Record validation errors");
        ObjectNode byField = error.putObject("details");
        details.forEach(detail -> byField.putArray(detail.substring(0, detail.indexOf(':')))
                .addObject().put("description", detail));
        return Answer.of(422, error);
    }

    /** Zendesk's answer to any update of a closed ticket, as its API gives it. */
    private static Answer closedPreventsUpdate() {
        ObjectNode error = JSON.objectNode().put("error", "RecordInvalid").put("description", "Record validation errors");
        error.putObject("details").putArray("status").addObject().put("description", "Status: closed prevents ticket update");
        return Answer.of(422, error);
    }

    private static Answer notFound() {
        return Answer.of(404, JSON.objectNode().put("error", "RecordNotFound").put("description", "Not found"));
    }
}
