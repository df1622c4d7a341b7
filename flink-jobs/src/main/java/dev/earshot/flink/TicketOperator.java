package dev.earshot.flink;

import dev.earshot.connectors.serde.JsonTypeInfo;
import dev.earshot.model.Alert;
import dev.earshot.model.AlertStatus;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.TicketStatus;
import dev.earshot.respond.ConversationState;
import dev.earshot.respond.ConversationTracker;
import dev.earshot.respond.HandoffRules;
import dev.earshot.respond.IncidentVersions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per conversation: one ticket, whatever the parallelism, the arrival order or a replay. Posts wait in state until
 * the watermark passes them and are then handed to {@link ConversationTracker} in event-time order, so that the
 * first venting post (which names the ticket) is the same on every run. Alerts arrive broadcast, each version
 * before the watermark passes the event time it carries, but perhaps well before the posts of that time: a post is
 * linked to the incidents open at its event time as the versions known by then tell ({@link IncidentVersions}), which
 * makes the links independent of which input runs ahead.
 *
 * <p>Edits and deletions apply when they arrive, to the post still waiting for the watermark or to the ticket,
 * which is then said again without the deleted post, or with the edited version.
 */
final class TicketOperator extends KeyedBroadcastProcessFunction<String, ConversationEvent, Alert, HandoffTicket> {

    /** Posts of one conversation that share an event time. */
    record Pending(List<AddressedPost> posts) {
    }

    private final HandoffRules rules;
    private transient ConversationTracker tracker;
    private transient MapState<Long, Pending> pending;
    private transient ValueState<ConversationState> conversation;
    private transient JobCounter opened;
    private transient JobCounter updates;
    private transient JobCounter closed;
    private transient JobCounter postsEdited;
    private transient JobCounter postsRemoved;

    TicketOperator(HandoffRules rules) {
        this.rules = rules;
    }

    @Override
    public void open(OpenContext openContext) {
        tracker = new ConversationTracker(rules);
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending-posts", BasicTypeInfo.LONG_TYPE_INFO,
                JsonTypeInfo.of(Pending.class)));
        conversation = getRuntimeContext().getState(new ValueStateDescriptor<>("conversation",
                JsonTypeInfo.of(ConversationState.class)));
        opened = JobCounter.register(getRuntimeContext(), Counters.TICKETS_OPENED);
        updates = JobCounter.register(getRuntimeContext(), Counters.TICKET_UPDATES);
        closed = JobCounter.register(getRuntimeContext(), Counters.TICKETS_CLOSED);
        postsEdited = JobCounter.register(getRuntimeContext(), Counters.TICKET_POSTS_EDITED);
        postsRemoved = JobCounter.register(getRuntimeContext(), Counters.TICKET_POSTS_REMOVED);
    }

    @Override
    public void processElement(ConversationEvent event, ReadOnlyContext ctx, Collector<HandoffTicket> out) throws Exception {
        if (event.post() == null) {
            revise(event, out);
            return;
        }
        AddressedPost post = event.post();
        long time = post.post().post().createdAt().toEpochMilli();
        Pending waiting = pending.get(time);
        List<AddressedPost> posts = waiting == null ? new ArrayList<>() : new ArrayList<>(waiting.posts());
        posts.add(post);
        pending.put(time, new Pending(posts));
        // A post behind the watermark (late) gets a timer that fires at once: it is handled, only not in order.
        ctx.timerService().registerEventTimeTimer(time);
    }

    /** Applies an edit or a deletion to the waiting post it names, else to the ticket. */
    private void revise(ConversationEvent event, Collector<HandoffTicket> out) throws Exception {
        String postId = event.postId();
        for (Map.Entry<Long, Pending> entry : pending.entries()) {
            List<AddressedPost> posts = new ArrayList<>(entry.getValue().posts());
            for (int i = 0; i < posts.size(); i++) {
                AddressedPost waiting = posts.get(i);
                if (waiting.post().post().id().equals(postId)) {
                    if (event.deletion() != null) {
                        posts.remove(i);
                        postsRemoved.increment();
                    } else {
                        posts.set(i, new AddressedPost(waiting.conversationKey(), event.edit(), waiting.assessment()));
                        postsEdited.increment();
                    }
                    if (posts.isEmpty()) {
                        pending.remove(entry.getKey());
                    } else {
                        pending.put(entry.getKey(), new Pending(posts));
                    }
                    return;
                }
            }
        }
        ConversationState state = conversation.value();
        if (state == null) {
            return;
        }
        var ticket = event.deletion() != null ? tracker.onDeletion(state, postId) : tracker.onEdit(state, event.edit());
        if (ticket.isPresent()) {
            (event.deletion() != null ? postsRemoved : postsEdited).increment();
            // A version of the ticket like any other update: the summary's counts add up to the ticket lines.
            updates.increment();
            conversation.update(state);
            out.collect(ticket.get());
        }
    }

    @Override
    public void processBroadcastElement(Alert alert, Context ctx, Collector<HandoffTicket> out) throws Exception {
        BroadcastState<String, IncidentVersions> incidents = ctx.getBroadcastState(EarshotPipeline.INCIDENTS_BY_ID);
        BroadcastState<String, Alert> savedByEarlierRelease = ctx.getBroadcastState(EarshotPipeline.ALERTS_BY_ID);
        for (Map.Entry<String, Alert> entry : savedByEarlierRelease.entries()) {
            incidents.put(entry.getKey(), IncidentVersions.savedByEarlierRelease(entry.getValue()));
        }
        savedByEarlierRelease.clear();
        // Its timestamp is the event time the lifecycle raised it at.
        Instant knownAt = Instant.ofEpochMilli(ctx.timestamp());
        IncidentVersions known = incidents.get(alert.id());
        known = known == null ? IncidentVersions.of(alert, knownAt) : known.with(alert, knownAt);
        incidents.put(alert.id(), known.since(Instant.ofEpochMilli(ctx.currentWatermark())));
        // Resolved incidents older than the look-back cannot be linked any more.
        Instant horizon = alert.windowEnd().minus(rules.lookBack());
        List<String> expired = new ArrayList<>();
        for (Map.Entry<String, IncidentVersions> entry : incidents.entries()) {
            Alert latest = entry.getValue().latest();
            if (latest.status() == AlertStatus.RESOLVED && latest.windowEnd().isBefore(horizon)) {
                expired.add(entry.getKey());
            }
        }
        for (String id : expired) {
            incidents.remove(id);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<HandoffTicket> out) throws Exception {
        Pending due = pending.get(timestamp);
        ConversationState state = conversation.value();
        if (due != null) {
            pending.remove(timestamp);
            state = state == null ? new ConversationState() : state;
            List<Alert> openAlerts = openAt(ctx, Instant.ofEpochMilli(timestamp));
            List<AddressedPost> posts = new ArrayList<>(due.posts());
            posts.sort(Comparator.comparing(p -> p.post().post().id()));
            for (AddressedPost post : posts) {
                var ticket = tracker.onPost(state, post.post(), post.assessment(), openAlerts);
                if (ticket.isPresent()) {
                    (ticket.get().status() == TicketStatus.OPEN ? opened : updates).increment();
                    out.collect(ticket.get());
                }
            }
            conversation.update(state);
            if (state.ticket() != null) {
                // Just after the quiet period: the ticket closes then unless another post came.
                ctx.timerService().registerEventTimeTimer(
                        state.ticket().updatedAt().plus(rules.quietPeriod()).toEpochMilli() + 1);
            }
            tracker.forgetAt(state).ifPresent(at -> ctx.timerService().registerEventTimeTimer(at.toEpochMilli()));
            return;
        }
        if (state == null) {
            return;
        }
        // At the end of a bounded input the watermark jumps to the end of time: that is no quiet period.
        if (ctx.timerService().currentWatermark() != Long.MAX_VALUE) {
            var closing = tracker.close(state, Instant.ofEpochMilli(timestamp));
            if (closing.isPresent()) {
                closed.increment();
                out.collect(closing.get());
                conversation.update(state);
            }
        }
        Instant forgetAt = tracker.forgetAt(state).orElse(Instant.MIN);
        if (!forgetAt.isAfter(Instant.ofEpochMilli(timestamp)) && pending.isEmpty()) {
            conversation.clear();
        }
    }

    private static List<Alert> openAt(ReadOnlyContext ctx, Instant time) throws Exception {
        List<IncidentVersions> incidents = new ArrayList<>();
        for (Map.Entry<String, IncidentVersions> entry : ctx.getBroadcastState(EarshotPipeline.INCIDENTS_BY_ID).immutableEntries()) {
            incidents.add(entry.getValue());
        }
        // Until the first alert after a resume from an earlier release's savepoint moves them over.
        for (Map.Entry<String, Alert> entry : ctx.getBroadcastState(EarshotPipeline.ALERTS_BY_ID).immutableEntries()) {
            incidents.add(IncidentVersions.savedByEarlierRelease(entry.getValue()));
        }
        return IncidentVersions.openAt(incidents, time);
    }
}
