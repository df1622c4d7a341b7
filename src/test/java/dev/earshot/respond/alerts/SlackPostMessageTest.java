package dev.earshot.respond.alerts;

import static dev.earshot.model.AlertStatus.OPEN;
import static dev.earshot.model.AlertStatus.RESOLVED;
import static dev.earshot.model.AlertStatus.UPDATED;
import static dev.earshot.respond.alerts.AlertFixtures.parking;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.json.Json;
import dev.earshot.respond.alerts.SlackPostMessage.Answer;
import org.junit.jupiter.api.Test;

/** chat.postMessage bodies and Slack's answers, as Slack's method reference documents them. */
class SlackPostMessageTest {

    private static final AlertChannel CARE = AlertChannel.slackApi("care-slack", "EARSHOT_SLACK_BOT_TOKEN", "C0123456789");
    private static final String TS = "1503435956.000247";

    @Test
    void theFirstMessageIsTheBlockKitMessagePlusTheChannelAndStartsAThread() throws Exception {
        JsonNode body = Json.mapper().readTree(SlackPostMessage.body(parking("a", OPEN, 5), ThreadPosition.FIRST, CARE, null));
        JsonNode webhook = Json.mapper().readTree(SlackMessage.render(parking("a", OPEN, 5), ThreadPosition.FIRST, null));

        assertThat(body.get("channel").asText()).isEqualTo("C0123456789");
        assertThat(body.get("text")).isEqualTo(webhook.get("text"));
        assertThat(body.get("blocks")).isEqualTo(webhook.get("blocks"));
        assertThat(body.has("thread_ts")).isFalse();
        assertThat(body.has("reply_broadcast")).isFalse();
        assertThat(SlackPostMessage.url(CARE)).isEqualTo("https://slack.com/api/chat.postMessage");
    }

    @Test
    void followUpsReplyInTheFirstMessagesThreadAndOnlyTheResolutionIsBroadcast() throws Exception {
        JsonNode update = Json.mapper().readTree(SlackPostMessage.body(parking("a", UPDATED, 7),
                new ThreadPosition(MessageKind.UPDATE, 5), CARE, TS));
        JsonNode resolution = Json.mapper().readTree(SlackPostMessage.body(parking("a", RESOLVED, 7),
                new ThreadPosition(MessageKind.RESOLUTION, 7), CARE, TS));

        assertThat(update.get("thread_ts").asText()).isEqualTo(TS);
        assertThat(update.has("reply_broadcast")).isFalse();
        assertThat(resolution.get("thread_ts").asText()).isEqualTo(TS);
        assertThat(resolution.get("reply_broadcast").asBoolean()).isTrue();
        assertThat(resolution.at("/blocks/0/text/text").asText()).startsWith("Resolved: Parking");
    }

    @Test
    void aFollowUpWithoutAKnownThreadIsTopLevelAndNamesItsIncident() throws Exception {
        JsonNode body = Json.mapper().readTree(SlackPostMessage.body(parking("a", RESOLVED, 7),
                new ThreadPosition(MessageKind.RESOLUTION, 7), CARE, null));

        assertThat(body.has("thread_ts")).isFalse();
        assertThat(body.has("reply_broadcast")).as("broadcast only applies to replies").isFalse();
        assertThat(body.get("text").asText()).startsWith("Update to incident a: ");
    }

    @Test
    void okTrueIsPostedWithItsTs() {
        String answer = """
                {"ok":true,"channel":"C1H9RESGL","ts":"1503435956.000247","message":{"text":"Here's a message for you",
                 "username":"ecto1","bot_id":"B19LU7CSY","type":"message","subtype":"bot_message","ts":"1503435956.000247"}}""";
        assertThat(SlackPostMessage.read(200, answer)).isEqualTo(new Answer.Posted("C1H9RESGL", TS));
    }

    @Test
    void okFalseIsRefusedWithSlacksErrorCodeAndTheFixAndOnlyTransientErrorsAreRetried() {
        assertThat(SlackPostMessage.read(200, "{\"ok\":false,\"error\":\"channel_not_found\"}")).isEqualTo(new Answer.Refused(
                "Slack error channel_not_found: check slackChannel (the channel's ID); a private channel must invite the app first",
                false));
        for (String permanent : new String[] {"invalid_auth", "not_in_channel", "is_archived", "missing_scope", "invalid_blocks",
                "msg_too_long", "too_many_attachments"}) {
            assertThat(((Answer.Refused) SlackPostMessage.read(200, "{\"ok\":false,\"error\":\"" + permanent + "\"}")).retryable())
                    .as(permanent).isFalse();
        }
        for (String transientError : new String[] {"ratelimited", "rate_limited", "internal_error", "fatal_error",
                "service_unavailable", "request_timeout"}) {
            assertThat(((Answer.Refused) SlackPostMessage.read(200, "{\"ok\":false,\"error\":\"" + transientError + "\"}")).retryable())
                    .as(transientError).isTrue();
        }
        assertThat(SlackPostMessage.read(200, """
                {"ok":false,"error":"invalid_blocks","response_metadata":{"messages":["[ERROR] must be more than 0 characters [json-pointer:/blocks/0/text/text]"]}}"""))
                .isEqualTo(new Answer.Refused("Slack error invalid_blocks ([ERROR] must be more than 0 characters "
                        + "[json-pointer:/blocks/0/text/text])", false));
    }

    @Test
    void httpErrorsAreRetriedByTheirStatusAndKeepSlacksCode() {
        assertThat(SlackPostMessage.read(429, "{\"ok\":false,\"error\":\"ratelimited\"}"))
                .isEqualTo(new Answer.Refused("HTTP 429, Slack error ratelimited", true));
        assertThat(SlackPostMessage.read(503, "<html>Service Unavailable</html>"))
                .isEqualTo(new Answer.Refused("HTTP 503: <html>Service Unavailable</html>", true, true));
        assertThat(SlackPostMessage.read(404, "")).isEqualTo(new Answer.Refused("HTTP 404", false));
        assertThat(SlackPostMessage.read(200, "ok")).as("an incoming webhook's answer, not the Web API's")
                .isEqualTo(new Answer.Refused("HTTP 200 without Slack's JSON answer: ok", false));
    }
}
