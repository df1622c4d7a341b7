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
    void badChannelsAreRefusedWithTheKeyAndTheFix() {
        assertThatThrownBy(() -> AlertChannel.of("ops", ChannelType.WEBHOOK, "HOOK_URL", null))
                .hasMessageContaining("channel 'ops': a webhook channel signs its requests: secretEnv must name the environment "
                        + "variable that holds the HMAC key, e.g. EARSHOT_WEBHOOK_SECRET");
        assertThatThrownBy(() -> AlertChannel.of("ops", ChannelType.SLACK, "https://hooks.slack.com/services/T/B/x", null))
                .hasMessageContaining("urlEnv must name the environment variable that holds the URL");
        assertThatThrownBy(() -> AlertChannel.of("ops", ChannelType.SLACK, "URL", "KEY"))
                .hasMessageContaining("secretEnv applies to webhook channels only");
        assertThatThrownBy(() -> new AlertChannel("ops", ChannelType.SLACK, "URL", null, null, null, 11, null, null, null, null))
                .hasMessage("channel 'ops': minSeverity must be in [1, 10], e.g. 4; was 11");
        assertThatThrownBy(() -> new AlertChannel("ops", ChannelType.SLACK, "URL", null, null, null, null, "kibana", null, null, null))
                .hasMessageContaining("channel 'ops': dashboardUrl must be an http(s) URL");
        assertThatThrownBy(() -> new AlertChannel("ops", ChannelType.SLACK, "URL", null, null, null, null, null, null, null, 1))
                .hasMessageContaining("maxPerIncident must be >= 2");
        assertThatThrownBy(() -> new RateLimit(0.0, null, null)).hasMessageContaining("rateLimit.perMinute must be in (0, 60000]");
        AlertChannel ops = AlertChannel.of("ops", ChannelType.SLACK, "URL", null);
        assertThatThrownBy(() -> new AlertsConfig(List.of(ops, ops), null))
                .hasMessage("channel names must be unique: 'ops' is used twice; rename one");
    }
}
