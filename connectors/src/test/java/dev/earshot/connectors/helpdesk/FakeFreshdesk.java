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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Freshdesk API v2 as far as Earshot uses it: create, search by tag, view, conversations, notes, ticket update
 * (priority, status, description) and note update ({@code PUT /api/v2/conversations/{id}}, body). Fields an endpoint
 * does not take are refused, as Freshdesk refuses them ("Unexpected/invalid field in request"). Statuses are kept
 * (2 open, 3 pending, 4 resolved, 5 closed, 6 and up custom ones); as in Freshdesk, a closed ticket still takes notes
 * and can be set back to open. Tickets and notes carry {@code created_at}; a ticket viewed with {@code include=stats}
 * carries its {@code stats}, whose times each status change sets as Freshdesk does ({@code pending_since},
 * {@code resolved_at}, {@code closed_at}, {@code reopened_at}, {@code status_updated_at}); {@link #agentSets} is an
 * agent's change in Freshdesk.
 */
public final class FakeFreshdesk extends FakeHelpdesk {

    public static final String API_KEY = "fd-key-Q7tLm2Vw";

    private static final Pattern TICKET = Pattern.compile("/api/v2/tickets/(\\d+)");
    private static final Pattern NOTES = Pattern.compile("/api/v2/tickets/(\\d+)/notes");
    private static final Pattern CONVERSATIONS = Pattern.compile("/api/v2/tickets/(\\d+)/conversations");
    private static final Pattern CONVERSATION = Pattern.compile("/api/v2/conversations/(\\d+)");
    private static final Pattern TAG_QUERY = Pattern.compile("\"tag:'([^']+)'\"");
    private static final List<String> REQUESTER_FIELDS = List.of("requester_id", "email", "phone", "twitter_id", "unique_external_id");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<String> INCLUDES = List.of("conversations", "requester", "company", "stats");
    private static final List<String> STATS = List.of("agent_responded_at", "requester_responded_at", "first_responded_at",
            "status_updated_at", "reopened_at", "resolved_at", "closed_at", "pending_since");

    public final Map<Long, ObjectNode> tickets = new ConcurrentHashMap<>();
    public final Map<Long, List<ObjectNode>> notes = new ConcurrentHashMap<>();
    /** Each ticket's stats, shown only with {@code include=stats}. */
    private final Map<Long, ObjectNode> stats = new ConcurrentHashMap<>();
    /** Freshdesk's clock: a minute passes between any two changes, so that each has its own time (whole seconds). */
    private Instant now = Instant.parse("2026-03-04T05:12:01Z");
    private final AtomicLong ids = new AtomicLong();
    /** When set, note edits are refused with 403, as for an API user who may not edit notes. */
    volatile boolean noteEditsForbidden;

    @Override
    boolean authorized(String authorization) {
        return ("Basic " + Base64.getEncoder().encodeToString((API_KEY + ":X").getBytes(StandardCharsets.UTF_8))).equals(authorization);
    }

    @Override
    Object unauthorizedBody() {
        return JSON.objectNode().put("code", "invalid_credentials").put("message", "You have to be logged in to perform this action.");
    }

    @Override
    synchronized Answer answer(String method, String path, Map<String, String> query, Map<String, String> headers, JsonNode body) {
        Matcher ticket = TICKET.matcher(path);
        Matcher notesPath = NOTES.matcher(path);
        Matcher conversations = CONVERSATIONS.matcher(path);
        if (method.equals("GET") && path.equals("/api/v2/agents/me")) {
            // Freshdesk's answer to the API key's owner, as the start-up check asks
            return Answer.of(200, JSON.objectNode().put("id", 43_000_001L).put("available", true)
                    .set("contact", JSON.objectNode().put("email", "agent@example.com")));
        }
        if (method.equals("POST") && path.equals("/api/v2/tickets")) {
            return create(body);
        }
        if (method.equals("GET") && path.equals("/api/v2/search/tickets")) {
            Matcher tag = TAG_QUERY.matcher(query.getOrDefault("query", ""));
            if (!tag.matches()) {
                return invalid("query", "must be a quoted query such as \"tag:'x'\", was " + query.get("query"));
            }
            ArrayNode results = JSON.arrayNode();
            tickets.values().stream().filter(t -> t.path("tags").toString().contains("\"" + tag.group(1) + "\"")).forEach(results::add);
            ObjectNode found = JSON.objectNode();
            found.set("results", results);
            return Answer.of(200, found.put("total", results.size()));
        }
        if (method.equals("POST") && notesPath.matches()) {
            long id = Long.parseLong(notesPath.group(1));
            if (!tickets.containsKey(id)) {
                return notFound();
            }
            if (body == null || !isText(body.get("body")) || !body.path("private").isBoolean()) {
                return invalid("body", "a note needs a body and private");
            }
            ObjectNode note = note(id, body.get("body").asText()).put("private", body.get("private").asBoolean());
            notes.get(id).add(note);
            return Answer.of(201, note);
        }
        if (method.equals("GET") && conversations.matches()) {
            long id = Long.parseLong(conversations.group(1));
            if (!tickets.containsKey(id)) {
                return notFound();
            }
            int page = Integer.parseInt(query.getOrDefault("page", "1"));
            int perPage = Integer.parseInt(query.getOrDefault("per_page", "30"));
            if (page < 1 || perPage < 1 || perPage > 100) {
                return invalid("per_page", "It should be a Positive Number less than or equal to 100");
            }
            List<ObjectNode> all = notes.get(id);
            int from = Math.min(all.size(), (page - 1) * perPage);
            return Answer.of(200, JSON.arrayNode().addAll(all.subList(from, Math.min(all.size(), from + perPage))));
        }
        if (ticket.matches()) {
            ObjectNode stored = tickets.get(Long.parseLong(ticket.group(1)));
            if (stored == null) {
                return notFound();
            }
            if (method.equals("GET")) {
                List<String> include = query.containsKey("include") ? List.of(query.get("include").split(",")) : List.of();
                if (!INCLUDES.containsAll(include)) {
                    return invalid("include", "It should be one of these values: 'conversations,requester,company,stats'");
                }
                return Answer.of(200, include.contains("stats") ? stored.deepCopy().set("stats", stats.get(stored.get("id").asLong()))
                        : stored);
            }
            if (method.equals("PUT")) {
                return update(stored, body);
            }
        }
        Matcher conversation = CONVERSATION.matcher(path);
        if (method.equals("PUT") && conversation.matches()) {
            return updateNote(Long.parseLong(conversation.group(1)), body);
        }
        violations.add("unexpected " + method + " " + path);
        return notFound();
    }

    /** Notes an agent wrote on ticket {@code id}, as many as {@code count}. */
    synchronized void addAgentNotes(long id, int count) {
        for (int i = 0; i < count; i++) {
            notes.get(id).add(note(id, "<div>Agent note " + i + "</div>").put("private", true));
        }
    }

    /** An agent sets ticket {@code id} to {@code status} in Freshdesk (resolves it, say), a minute after the last change. */
    synchronized void agentSets(long id, int status) {
        setStatus(tickets.get(id), status);
    }

    private ObjectNode note(long ticketId, String body) {
        String at = tick();
        return JSON.objectNode().put("id", ids.incrementAndGet()).put("ticket_id", ticketId).put("body", body)
                .put("incoming", false).put("source", 2).put("created_at", at).put("updated_at", at);
    }

    /** The ticket's new status, and the stats times Freshdesk sets with it. */
    private void setStatus(ObjectNode ticket, int status) {
        String at = tick();
        ObjectNode times = stats.get(ticket.get("id").asLong());
        int before = ticket.get("status").asInt();
        times.put("status_updated_at", at);
        switch (status) {
            case 3 -> times.put("pending_since", at);
            case 4 -> times.put("resolved_at", at);
            case 5 -> times.put("closed_at", at);
            default -> {
                if (before == 4 || before == 5) {
                    times.put("reopened_at", at);
                }
            }
        }
        ticket.put("status", status).put("updated_at", at);
    }

    private String tick() {
        now = now.plusSeconds(60);
        return now.toString();
    }

    private Answer create(JsonNode body) {
        if (body == null || !isText(body.get("subject")) || !isText(body.get("description"))) {
            return invalid("subject", "subject and description are required");
        }
        if (REQUESTER_FIELDS.stream().noneMatch(field -> isText(body.get(field)))) {
            return invalid("requester_id", "Please fill at least 1 of requester_id, email, phone, twitter_id, unique_external_id");
        }
        int priority = body.path("priority").asInt();
        int status = body.path("status").asInt();
        if (!body.path("priority").isInt() || priority < 1 || priority > 4) {
            return invalid("priority", "It should be one of these values: '1,2,3,4'");
        }
        if (!body.path("status").isInt() || status < 2 || status > 5) {
            return invalid("status", "It should be one of these values: '2,3,4,5'");
        }
        if (!body.path("source").isInt() || !body.path("tags").isArray()
                || (body.has("custom_fields") && !body.get("custom_fields").isObject())) {
            return invalid("source", "source must be a number, tags an array, custom_fields an object");
        }
        long id = ids.incrementAndGet();
        ObjectNode created = fixture("/helpdesk/freshdesk/ticket_201.json");
        created.put("id", id).put("priority", priority).put("status", status).put("source", body.get("source").asInt());
        created.set("subject", body.get("subject"));
        created.set("description", body.get("description"));
        created.set("tags", body.get("tags"));
        if (body.has("custom_fields")) {
            created.set("custom_fields", body.get("custom_fields"));
        }
        String at = tick();
        created.put("created_at", at).put("updated_at", at);
        ObjectNode times = JSON.objectNode();
        STATS.forEach(times::putNull);
        stats.put(id, times);
        tickets.put(id, created);
        notes.put(id, new ArrayList<>());
        return Answer.of(201, created);
    }

    private Answer update(ObjectNode stored, JsonNode body) {
        if (body == null || body.isEmpty()) {
            return invalid("priority", "nothing to update");
        }
        for (String field : (Iterable<String>) body::fieldNames) {
            if (!field.equals("priority") && !field.equals("description") && !field.equals("status")) {
                violations.add("ticket update with " + field);
                return invalid(field, "Unexpected/invalid field in request");
            }
        }
        if (body.has("priority")) {
            int priority = body.path("priority").asInt();
            if (!body.get("priority").isInt() || priority < 1 || priority > 4) {
                return invalid("priority", "It should be one of these values: '1,2,3,4'");
            }
            stored.put("priority", priority);
        }
        if (body.has("status")) {
            if (!body.get("status").isInt() || body.get("status").asInt() < 2) {
                return invalid("status", "It should be one of these values: '2,3,4,5'");
            }
            if (body.get("status").asInt() != stored.get("status").asInt()) {
                setStatus(stored, body.get("status").asInt());
            }
        }
        if (body.has("description")) {
            if (!isText(body.get("description"))) {
                return invalid("description", "It should be a/an String");
            }
            stored.set("description", body.get("description"));
        }
        return Answer.of(200, stored);
    }

    private Answer updateNote(long noteId, JsonNode body) {
        ObjectNode note = notes.values().stream().flatMap(List::stream)
                .filter(n -> n.get("id").asLong() == noteId).findFirst().orElse(null);
        if (note == null) {
            return notFound();
        }
        if (body == null || body.size() != 1 || !isText(body.get("body"))) {
            violations.add("note update needs exactly {\"body\": \"...\"}, was " + body);
            return invalid("body", "It should be a/an String");
        }
        if (noteEditsForbidden) {
            return Answer.of(403, JSON.objectNode().put("code", "access_denied")
                    .put("message", "You are not authorized to perform this action."));
        }
        note.set("body", body.get("body"));
        return Answer.of(200, note);
    }

    private static Answer invalid(String field, String message) {
        ObjectNode error = JSON.objectNode().put("description", "Validation failed");
        error.putArray("errors").addObject().put("field", field).put("message", message).put("code", "invalid_value");
        return Answer.of(400, error);
    }

    private static Answer notFound() {
        return Answer.of(404, null);
    }
}
