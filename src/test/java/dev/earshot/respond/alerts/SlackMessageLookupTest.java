package dev.earshot.respond.alerts;

import static dev.earshot.model.AlertStatus.OPEN;
import static dev.earshot.model.AlertStatus.RESOLVED;
import static dev.earshot.model.AlertStatus.UPDATED;
import static dev.earshot.respond.alerts.AlertFixtures.parking;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.json.Json;
import dev.earshot.respond.alerts.SlackMessageLookup.Outcome;
import dev.earshot.respond.alerts.SlackMessageLookup.Query;
import dev.earshot.respond.alerts.SlackPostMessage.Answer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Finding a message an earlier attempt may have posted, in Slack's answers as its method reference documents them. */
class SlackMessageLookupTest {

    private static final AlertChannel CARE = AlertChannel.slackApi("care-slack", "EARSHOT_SLACK_BOT_TOKEN", "C0123456789");
    private static final String THREAD = "1503435956.000247";
    private static final Instant OLDEST = Instant.parse("2026-03-01T10:15:30.123456789Z");
    private static final Query FIRST = Query.of(parking("a", OPEN, 5), ThreadPosition.FIRST, CARE, null, OLDEST);

    /** A page of conversations.history: a person's message, another incident's, and the ones given. */
    private static String history(boolean hasMore, String cursor, String... ours) {
        StringBuilder messages = new StringBuilder("""
                {"type":"message","user":"U012AB3CDE","text":"Is anyone looking at parking?","ts":"1772360200.000300"},
                {"type":"message","subtype":"bot_message","bot_id":"B19LU7CSY","app_id":"A0EARSHOT","text":"Parking · Pune",
                 "ts":"1772360190.000200","metadata":{"event_type":"earshot_alert","event_payload":{"key":"0123456789abcdef0123456789abcdef"}}}""");
        for (String message : ours) {
            messages.append(',').append(message);
        }
        return "{\"ok\":true,\"messages\":[" + messages + "],\"has_more\":" + hasMore + ",\"pin_count\":0"
                + (cursor == null ? "" : ",\"response_metadata\":{\"next_cursor\":\"" + cursor + "\"}") + "}";
    }

    private static String message(String ts, String eventType, String key) {
        return "{\"type\":\"message\",\"subtype\":\"bot_message\",\"bot_id\":\"B19LU7CSY\",\"text\":\"Parking · Bengaluru\",\"ts\":\""
                + ts + "\",\"metadata\":{\"event_type\":\"" + eventType + "\",\"event_payload\":{\"key\":\"" + key + "\"}}}";
    }

    @Test
    void everyMessageCarriesItsDeliverysIdempotencyKeyAsMetadata() throws Exception {
        JsonNode first = Json.mapper().readTree(SlackPostMessage.body(parking("a", OPEN, 5), ThreadPosition.FIRST, CARE, null));
        JsonNode update = Json.mapper().readTree(SlackPostMessage.body(parking("a", UPDATED, 7),
                new ThreadPosition(MessageKind.UPDATE, 5), CARE, THREAD));

        assertThat(first.get("metadata")).isEqualTo(Json.mapper().readTree("{\"event_type\":\"earshot_alert\",\"event_payload\":"
                + "{\"key\":\"" + IdempotencyKeys.of(parking("a", OPEN, 5), "care-slack") + "\"}}"));
        assertThat(update.at("/metadata/event_payload/key").asText()).isEqualTo(IdempotencyKeys.of(parking("a", UPDATED, 7), "care-slack"))
                .isNotEqualTo(first.at("/metadata/event_payload/key").asText());
        assertThat(FIRST.key()).isEqualTo(first.at("/metadata/event_payload/key").asText());
    }

    @Test
    void aTopLevelMessageIsLookedForInTheHistoryAndAReplyInItsThread() {
        assertThat(FIRST.url(null)).isEqualTo("https://slack.com/api/conversations.history?channel=C0123456789"
                + "&oldest=1772360130.123456&inclusive=true&limit=15&include_all_metadata=true");
        assertThat(Query.of(parking("a", OPEN, 5), ThreadPosition.FIRST, CARE, THREAD, OLDEST).threadTs())
                .as("a first message starts its thread, whatever is known").isNull();

        Query reply = Query.of(parking("a", RESOLVED, 7), new ThreadPosition(MessageKind.RESOLUTION, 7), CARE, THREAD, OLDEST);
        assertThat(reply.method()).isEqualTo("conversations.replies");
        assertThat(reply.url("dXNlcjpVMEc5V0ZYTlo=")).isEqualTo("https://slack.com/api/conversations.replies?channel=C0123456789"
                + "&ts=1503435956.000247&oldest=1772360130.123456&inclusive=true&limit=15&include_all_metadata=true"
                + "&cursor=dXNlcjpVMEc5V0ZYTlo%3D");

        Query unthreaded = Query.of(parking("a", UPDATED, 7), new ThreadPosition(MessageKind.UPDATE, 5), CARE, null, OLDEST);
        assertThat(unthreaded.method()).as("a follow-up whose thread is unknown is top-level").isEqualTo("conversations.history");
    }

    @Test
    void onlyAMessageWithOurEventTypeAndKeyIsAdopted() {
        String ours = message("1772360210.000400", "earshot_alert", FIRST.key());
        assertThat(FIRST.read(200, history(false, null, ours), 1)).isEqualTo(new Outcome.Found("1772360210.000400"));
        assertThat(FIRST.read(200, history(false, null, message("1772360210.000400", "other_app_event", FIRST.key())), 1))
                .isEqualTo(new Outcome.NotFound());
        assertThat(FIRST.read(200, history(false, null), 1)).isEqualTo(new Outcome.NotFound());
    }

    @Test
    void furtherPagesAreReadUpToALimit() {
        assertThat(FIRST.read(200, history(true, "bmV4dF90czoxNTEyMDg1ODYxMDAwNTQz"), 1))
                .isEqualTo(new Outcome.NextPage("bmV4dF90czoxNTEyMDg1ODYxMDAwNTQz"));
        assertThat(FIRST.read(200, history(true, "bmV4dF90czoxNTEyMDg1ODYxMDAwNTQz"), SlackMessageLookup.MAX_PAGES))
                .isEqualTo(new Outcome.NotFound());
        assertThat(FIRST.read(200, history(true, ""), 1)).as("has_more without a cursor").isEqualTo(new Outcome.NotFound());
    }

    @Test
    void aMissingScopeMakesTheChannelPostWithoutLookingAndNamesTheScopeToAdd() {
        Outcome outcome = FIRST.read(200, "{\"ok\":false,\"error\":\"missing_scope\",\"needed\":\"channels:history\","
                + "\"provided\":\"chat:write\"}", 1);
        assertThat(outcome).isEqualTo(new Outcome.Unavailable("channel 'care-slack' (slack-api): cannot look in Slack for a "
                + "message an earlier attempt or run may have posted (conversations.history: Slack error missing_scope; add the "
                + "bot scope channels:history under OAuth & Permissions and reinstall the app); posting without looking until "
                + "the job restarts, so a retry after a lost answer or a replay may post an alert twice", true));
        assertThat(((Outcome.Unavailable) FIRST.read(200, "{\"ok\":false,\"error\":\"missing_scope\"}", 1)).warning())
                .contains("add the bot scope channels:history (groups:history for a private channel)");
    }

    @Test
    void throttlingAndSlacksTroubleFailTheAttemptAndARefusalFallsBackToPosting() {
        assertThat(FIRST.read(429, "{\"ok\":false,\"error\":\"ratelimited\"}", 1))
                .isEqualTo(new Outcome.Failed("conversations.history: HTTP 429: Slack error ratelimited"));
        assertThat(FIRST.read(200, "{\"ok\":false,\"error\":\"internal_error\"}", 1))
                .isEqualTo(new Outcome.Failed("conversations.history: Slack error internal_error"));
        assertThat(FIRST.read(502, "<html>Bad Gateway</html>", 1))
                .isEqualTo(new Outcome.Failed("conversations.history: HTTP 502: <html>Bad Gateway</html>"));
        Outcome notInChannel = FIRST.read(200, "{\"ok\":false,\"error\":\"not_in_channel\"}", 1);
        assertThat(notInChannel).isInstanceOf(Outcome.Unavailable.class);
        assertThat(((Outcome.Unavailable) notInChannel).lasting()).as("the post will meet it and say so").isFalse();
    }

    @Test
    void aServerErrorMayHavePostedTheMessageButARefusalOrThrottlingDidNot() {
        assertThat(SlackPostMessage.read(500, "")).isEqualTo(new Answer.Refused("HTTP 500", true, true));
        assertThat(SlackPostMessage.read(200, "{\"ok\":false,\"error\":\"fatal_error\"}"))
                .isEqualTo(new Answer.Refused("Slack error fatal_error", true, true));
        assertThat(SlackPostMessage.read(429, "{\"ok\":false,\"error\":\"ratelimited\"}"))
                .isEqualTo(new Answer.Refused("HTTP 429, Slack error ratelimited", true, false));
        assertThat(SlackPostMessage.read(200, "{\"ok\":false,\"error\":\"channel_not_found\"}"))
                .extracting(answer -> ((Answer.Refused) answer).mayHavePosted()).isEqualTo(false);
    }

    @Test
    void aRetryLooksFromJustBeforeItsFirstAttemptAndAReplayFromJustBeforeItsCheckpoint() {
        Instant firstAttempt = Instant.parse("2026-03-01T10:15:30Z");
        assertThat(SlackMessageLookup.oldest(firstAttempt, false, null)).isEqualTo(firstAttempt.minus(SlackMessageLookup.CLOCK_MARGIN));
        Instant checkpoint = firstAttempt.minusSeconds(45);
        assertThat(SlackMessageLookup.oldest(firstAttempt, true, checkpoint)).isEqualTo(checkpoint.minus(SlackMessageLookup.CLOCK_MARGIN));
        assertThat(SlackMessageLookup.oldest(firstAttempt, true, firstAttempt.plusSeconds(5)))
                .as("a checkpoint clock ahead of ours").isEqualTo(firstAttempt.minus(SlackMessageLookup.CLOCK_MARGIN));
        assertThat(SlackMessageLookup.oldest(firstAttempt, true, null)).as("a checkpoint of an older version does not say when")
                .isEqualTo(firstAttempt.minus(SlackMessageLookup.UNKNOWN_CHECKPOINT_LOOK_BACK));
        assertThat(SlackMessageLookup.oldest(firstAttempt, false, checkpoint)).as("not replaying")
                .isEqualTo(firstAttempt.minus(SlackMessageLookup.CLOCK_MARGIN));
    }

    @Test
    void anInstantIsASlackTimestamp() {
        assertThat(SlackMessageLookup.ts(Instant.parse("2026-03-01T10:15:30Z"))).isEqualTo("1772360130.000000");
        assertThat(SlackMessageLookup.ts(Instant.parse("2026-03-01T10:15:30.000001999Z"))).isEqualTo("1772360130.000001");
    }
}
