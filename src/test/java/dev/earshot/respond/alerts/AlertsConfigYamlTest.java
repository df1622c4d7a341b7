package dev.earshot.respond.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The respond.alerts section binds from YAML the way the config loader binds the other sections. */
class AlertsConfigYamlTest {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    @Test
    void channelsBindWithDefaultsForWhatTheyLeaveOut() throws Exception {
        AlertsConfig config = YAML.readValue("""
                channels:
                  - name: ops-slack
                    type: slack
                    urlEnv: EARSHOT_SLACK_WEBHOOK_URL
                    topics: [parking]
                    locations: [Bengaluru]
                    minSeverity: 4
                    rateLimit: { perMinute: 10 }
                  - name: incident-bus
                    type: WEBHOOK
                    urlEnv: EARSHOT_WEBHOOK_URL
                    secretEnv: EARSHOT_WEBHOOK_SECRET
                  - { name: care-slack, type: slack-api, tokenEnv: EARSHOT_SLACK_BOT_TOKEN, slackChannel: C0123456789 }
                """, AlertsConfig.class);

        assertThat(config.channels()).extracting(AlertChannel::type)
                .containsExactly(ChannelType.SLACK, ChannelType.WEBHOOK, ChannelType.SLACK_API);
        assertThat(YAML.writeValueAsString(config)).contains("type: \"slack-api\"");
        AlertChannel slack = config.channels().get(0);
        assertThat(slack.topics()).isEqualTo(List.of("parking"));
        assertThat(slack.minSeverity()).isEqualTo(4);
        assertThat(slack.rateLimit()).isEqualTo(new RateLimit(10.0, 5, Duration.ofMinutes(5)));
        assertThat(config.channels().get(1).maxPerIncident()).isEqualTo(3);
        assertThat(config.delivery()).isEqualTo(DeliveryPolicy.defaults());
        assertThat(YAML.readValue(YAML.writeValueAsString(config), AlertsConfig.class)).as("round trip").isEqualTo(config);
    }
}
