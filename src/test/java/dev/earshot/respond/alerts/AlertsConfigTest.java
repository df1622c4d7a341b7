package dev.earshot.respond.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertsConfigTest {

    @Test
    void aChannelNeedsOnlyNameTypeAndItsSecretsNamesTheRestDefaults() {
        AlertChannel slack = AlertChannel.of("ops-slack", ChannelType.SLACK, "EARSHOT_SLACK_WEBHOOK_URL", null);

        assertThat(slack.topics()).isEmpty();
        assertThat(slack.locations()).isEmpty();
        assertThat(slack.minSeverity()).isEqualTo(1);
        assertThat(slack.rateLimit()).isEqualTo(new RateLimit(20.0, 5, Duration.ofMinutes(5)));
        assertThat(slack.quietPeriod()).isEqualTo(Duration.ofHours(1));
        assertThat(slack.maxPerIncident()).isEqualTo(3);
        assertThat(AlertsConfig.defaults().channels()).isEmpty();
        assertThat(AlertsConfig.defaults().delivery()).isEqualTo(DeliveryPolicy.defaults());
    }

    @Test
    void aSlackApiChannelNamesItsTokenAndTheChannelIdAndPostsToSlackByDefault() {
        AlertChannel care = AlertChannel.slackApi("care-slack", "EARSHOT_SLACK_BOT_TOKEN", " C0123456789 ");

        assertThat(care.type()).isEqualTo(ChannelType.of("slack-api")).isEqualTo(ChannelType.of("SLACK_API"));
        assertThat(care.type().yamlName()).isEqualTo("slack-api");
        assertThat(care.slackChannel()).isEqualTo("C0123456789");
        assertThat(care.apiUrl()).isEqualTo("https://slack.com/api");
        assertThat(new AlertChannel("care", ChannelType.SLACK_API, null, null, "TOKEN", "G0123456789", "http://127.0.0.1:8080/api/",
                null, null, null, null, null, null, null).apiUrl()).isEqualTo("http://127.0.0.1:8080/api");
    }

    @Test
    void aBadSlackApiChannelIsRefusedWithTheKeyAndTheFix() {
        assertThatThrownBy(() -> AlertChannel.slackApi("care", null, "C0123456789"))
                .hasMessage("channel 'care': a slack-api channel needs tokenEnv: the environment variable that holds the Slack "
                        + "bot token (xoxb-...), e.g. EARSHOT_SLACK_BOT_TOKEN; it is missing");
        assertThatThrownBy(() -> AlertChannel.slackApi("care", "xoxb-123-456-abc", "C0123456789"))
                .hasMessageContaining("tokenEnv: the environment variable").hasMessageContaining("is not a variable name")
                .message().doesNotContain("xoxb-123-456-abc"); // a token pasted in place of its variable is not repeated
        assertThatThrownBy(() -> AlertChannel.slackApi("care", "TOKEN", "#care-alerts"))
                .hasMessage("channel 'care': slackChannel must be the Slack channel's ID, e.g. C0123456789 (in Slack, the "
                        + "channel's details show it at the bottom), not its name, which can change; was '#care-alerts'");
        assertThatThrownBy(() -> new AlertChannel("care", ChannelType.SLACK_API, "URL", null, "TOKEN", "C0123456789", null,
                null, null, null, null, null, null, null))
                .hasMessageContaining("channel 'care': urlEnv does not apply to a slack-api channel; remove it");
        assertThatThrownBy(() -> new AlertChannel("care", ChannelType.SLACK_API, null, null, "TOKEN", "C0123456789", "slack.com/api",
                null, null, null, null, null, null, null))
                .hasMessageContaining("channel 'care': apiUrl must be an http(s) URL");
        assertThatThrownBy(() -> new AlertChannel("ops", ChannelType.SLACK, "URL", null, "TOKEN", null, null,
                null, null, null, null, null, null, null))
                .hasMessage("channel 'ops': tokenEnv applies to slack-api channels only; remove it, or set type: slack-api to "
                        + "post with a bot token");
        assertThatThrownBy(() -> ChannelType.of("slack_bot")).hasMessage("type must be slack, slack-api or webhook, was 'slack_bot'");
    }

    @Test
    void badChannelsAreRefusedWithTheKeyAndTheFix() {
        assertThatThrownBy(() -> AlertChannel.of("ops", ChannelType.WEBHOOK, "HOOK_URL", null))
                .hasMessageContaining("channel 'ops': a webhook channel signs its requests: secretEnv must name the environment "
                        + "variable that holds the HMAC key, e.g. EARSHOT_WEBHOOK_SECRET");
        assertThatThrownBy(() -> AlertChannel.of("ops", ChannelType.SLACK, "https://hooks.slack.com/services/T/B/x", null))
                .hasMessageContaining("urlEnv must name the environment variable that holds the URL");
        assertThatThrownBy(() -> AlertChannel.of("ops", ChannelType.SLACK, "URL", "KEY"))
                .hasMessageContaining("secretEnv applies to webhook channels only");
        assertThatThrownBy(() -> new AlertChannel("ops", ChannelType.SLACK, "URL", null, null, null, null, null, null, 11, null, null, null, null))
                .hasMessage("channel 'ops': minSeverity must be in [1, 10], e.g. 4; was 11");
        assertThatThrownBy(() -> new AlertChannel("ops", ChannelType.SLACK, "URL", null, null, null, null, null, null, null, "kibana", null, null, null))
                .hasMessageContaining("channel 'ops': dashboardUrl must be an http(s) URL");
        assertThatThrownBy(() -> new AlertChannel("ops", ChannelType.SLACK, "URL", null, null, null, null, null, null, null, null, null, null, 1))
                .hasMessageContaining("maxPerIncident must be >= 2");
        assertThatThrownBy(() -> new RateLimit(0.0, null, null)).hasMessageContaining("rateLimit.perMinute must be in (0, 60000]");
        AlertChannel ops = AlertChannel.of("ops", ChannelType.SLACK, "URL", null);
        assertThatThrownBy(() -> new AlertsConfig(List.of(ops, ops), null))
                .hasMessage("channel names must be unique: 'ops' is used twice; rename one");
    }
}
