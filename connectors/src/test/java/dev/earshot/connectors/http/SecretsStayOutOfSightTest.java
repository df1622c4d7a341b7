package dev.earshot.connectors.http;

import static dev.earshot.model.AlertStatus.OPEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.connectors.LoggedEvents;
import dev.earshot.connectors.http.AlertReceiver.Answer;
import dev.earshot.model.DeadLetter;
import dev.earshot.respond.alerts.AlertChannel;
import dev.earshot.respond.alerts.AlertsConfig;
import dev.earshot.respond.alerts.ChannelType;
import dev.earshot.respond.alerts.DeliveryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhook URLs, HMAC keys and Slack bot tokens never show in logs, dead letters or error messages, even when an endpoint echoes them. */
class SecretsStayOutOfSightTest {

    private static final String LOGGER = "dev.earshot.connectors.http";

    private AlertReceiver receiver;
    private LoggedEvents logged;

    @BeforeEach
    void start() throws Exception {
        receiver = new AlertReceiver();
        logged = new LoggedEvents(LOGGER, Level.DEBUG);
    }

    @AfterEach
    void stop() {
        logged.close();
        receiver.close();
    }

    @Test
    void anEndpointEchoingTheSecretsDoesNotGetThemIntoLogsOrDeadLetters() throws Exception {
        receiver.answer(attempt -> Answer.of(500, "bad request to " + receiver.slackUrl() + " path " + AlertReceiver.SLACK_PATH
                + " key " + AlertReceiver.WEBHOOK_KEY + " token " + AlertReceiver.SLACK_BOT_TOKEN));
        AlertsConfig config = new AlertsConfig(List.of(
                AlertChannel.of("ops-slack", ChannelType.SLACK, "EARSHOT_SLACK_URL", null),
                AlertChannel.of("pager", ChannelType.WEBHOOK, "EARSHOT_HOOK_URL", "EARSHOT_HOOK_KEY"),
                new AlertChannel("care-slack", ChannelType.SLACK_API, null, null, "EARSHOT_SLACK_BOT_TOKEN",
                        AlertReceiver.SLACK_CHANNEL, receiver.slackApiUrl(), null, null, null, null, null, null, null)),
                new DeliveryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(1),
                        Duration.ofSeconds(2), Duration.ofSeconds(1), 4));
        Map<String, String> environment = Map.of("EARSHOT_SLACK_URL", receiver.slackUrl(),
                "EARSHOT_HOOK_URL", receiver.webhookUrl() + "?token=hook-query-s3cr3t", "EARSHOT_HOOK_KEY", AlertReceiver.WEBHOOK_KEY,
                "EARSHOT_SLACK_BOT_TOKEN", AlertReceiver.SLACK_BOT_TOKEN);
        Map<String, ChannelEndpoint> endpoints = ChannelEndpoint.resolve(config.channels(), environment::get);
        CollectedDeadLetters deadLetters = new CollectedDeadLetters();

        try (AlertDeliveryWriter writer = new AlertDeliveryWriter(config, endpoints, deadLetters, Clock.systemUTC())) {
            writer.write(SampleAlerts.parking("a1", OPEN, 5), null);
            writer.flush(true);
        }

        assertThat(deadLetters.letters).hasSize(3);
        assertThat(logged.events()).as("the retries and dead letters were logged").hasSizeGreaterThanOrEqualTo(4);
        List<String> seen = new java.util.ArrayList<>();
        logged.events().forEach(event -> seen.add(event.getMessage().getFormattedMessage()
                + (event.getThrown() == null ? "" : " " + event.getThrown())));
        deadLetters.letters.forEach(letter -> seen.addAll(List.of(letter.reason(), letter.origin(), letter.raw())));
        seen.add(endpoints.toString());
        for (String text : seen) {
            assertThat(text).doesNotContain("slack-token-s3cr3t", "hook-query-s3cr3t", AlertReceiver.WEBHOOK_KEY, receiver.slackUrl(),
                    AlertReceiver.SLACK_BOT_TOKEN, "xoxb-1700000001");
        }
        assertThat(deadLetters.letters).extracting(DeadLetter::reason).anySatisfy(reason -> assertThat(reason)
                .contains("bad request to <EARSHOT_SLACK_URL> path <EARSHOT_SLACK_URL> key <EARSHOT_HOOK_KEY>"));
        assertThat(deadLetters.letters).extracting(DeadLetter::reason).anySatisfy(reason -> assertThat(reason)
                .startsWith("channel 'care-slack' (slack-api): gave up after 2 attempts, the last: HTTP 500: ")
                .contains("token <EARSHOT_SLACK_BOT_TOKEN>"));
    }

    @Test
    void aMissingOrMalformedSecretIsNamedByItsVariableNotItsValue() {
        List<AlertChannel> channels = List.of(AlertChannel.of("pager", ChannelType.WEBHOOK, "EARSHOT_HOOK_URL", "EARSHOT_HOOK_KEY"));

        assertThatThrownBy(() -> ChannelEndpoint.resolve(channels, Map.<String, String>of()::get))
                .hasMessage("respond.alerts.channels 'pager': the environment variable EARSHOT_HOOK_URL (urlEnv) is not set; "
                        + "set it to the webhook URL on every task manager");
        assertThatThrownBy(() -> ChannelEndpoint.resolve(channels, Map.of("EARSHOT_HOOK_URL", "hooks.example/s3cr3t-path")::get))
                .hasMessage("respond.alerts.channels 'pager': the environment variable EARSHOT_HOOK_URL (urlEnv) does not hold "
                        + "an http(s) URL; its value is not shown because it is a secret");
        assertThatThrownBy(() -> ChannelEndpoint.resolve(channels,
                Map.of("EARSHOT_HOOK_URL", "https://hooks.example/x", "EARSHOT_HOOK_KEY", "short-s3cr3t")::get))
                .hasMessageContaining("EARSHOT_HOOK_KEY (secretEnv) must hold the HMAC key, at least 16 characters")
                .message().doesNotContain("short-s3cr3t");
    }
}
