package dev.earshot.respond.alerts;

import static dev.earshot.model.AlertStatus.OPEN;
import static dev.earshot.model.AlertStatus.RESOLVED;
import static dev.earshot.model.AlertStatus.UPDATED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import dev.earshot.model.AlertKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlackMessageTest {

    private static final String ID = "84964567570871bdb472";

    @Test
    void theFirstMessageSaysWhatWhereHowMuchWorseWithEvidenceAndADashboardLink() throws IOException {
        JsonNode message = render(AlertFixtures.parking(ID, OPEN, 5), ThreadPosition.FIRST, "https://kibana.example.com/");

        assertThat(message.get("text").asText()).isEqualTo(AlertFixtures.parking(ID, OPEN, 5).summary());
        JsonNode blocks = message.get("blocks");
        assertThat(blocks.get(0).get("type").asText()).isEqualTo("header");
        assertThat(blocks.get(0).at("/text/text").asText()).isEqualTo("Parking · Bengaluru: worse than peers");
        assertThat(blocks.get(1).at("/text/text").asText())
                .isEqualTo("*Parking posts in Bengaluru are 3.1x more negative than in other cities (76% vs 24% negative, 37 posts, lower bound 1.6x)*");
        assertThat(fields(blocks.get(2))).containsExactly(
                "*How much worse*\n3.1x more negative than other cities",
                "*Interval*\nat least 1.6x (lower confidence bound)",
                "*Observed*\n76% negative of 37 posts",
                "*Expected*\n24% negative",
                "*Window*\n2026-03-04 04:00–06:00 UTC",
                "*Severity*\n5/10");
        assertThat(blocks.get(3).at("/text/text").asText()).isEqualTo(
                "*Evidence* (3 of 5 posts)\n• `bluesky:3mg7fwhwx52h3`\n• `bluesky:3mg7h7frqllf5`\n• `twitter:2029062712181878314`");
        JsonNode button = blocks.get(4).at("/elements/0");
        assertThat(button.get("type").asText()).isEqualTo("button");
        assertThat(button.get("url").asText()).isEqualTo("https://kibana.example.com/app/dashboards#/view/earshot-city-operations"
                + "?_g=(time:(from:'2026-03-03T04:00:00Z',to:'2026-03-04T08:00:00Z'))");
        assertThat(blocks.get(5).at("/elements/0/text").asText())
                .isEqualTo("Earshot · incident `" + ID + "` · OPEN · worse than peers");
    }

    @Test
    void followUpsNameTheIncidentTheyUpdate() throws IOException {
        Alert updated = AlertFixtures.parking(ID, UPDATED, 7);
        JsonNode update = render(updated, new ThreadPosition(MessageKind.UPDATE, 5), null);

        assertThat(update.get("text").asText()).isEqualTo("Update to incident " + ID + ": " + updated.summary());
        assertThat(update.at("/blocks/0/text/text").asText()).isEqualTo("Update: Parking · Bengaluru, severity 5 → 7");
        assertThat(update.at("/blocks/1/text/text").asText())
                .startsWith("_Update to incident `" + ID + "`, first detected 2026-03-04 06:00 UTC_\n*Parking posts");
        assertThat(fields(update.at("/blocks/2"))).contains("*Severity*\n7/10 (was 5)");
        assertThat(types(update)).as("no dashboard configured, no button").doesNotContain("actions");

        JsonNode resolved = render(AlertFixtures.parking(ID, RESOLVED, 7), new ThreadPosition(MessageKind.RESOLUTION, 7), null);
        assertThat(resolved.at("/blocks/0/text/text").asText()).isEqualTo("Resolved: Parking · Bengaluru");
        assertThat(resolved.get("text").asText()).startsWith("Update to incident " + ID + ": ");
    }

    @Test
    void theOnlyMessageOfAnIncidentNoneOfWhoseMessagesGotThroughSaysItOpenedAndIsResolved() throws IOException {
        Alert resolved = AlertFixtures.parking(ID, RESOLVED, 3);
        JsonNode message = render(resolved, ThreadPosition.OPENED_AND_RESOLVED, null);

        assertThat(message.get("text").asText())
                .isEqualTo("Incident " + ID + " opened 2026-03-04 06:00 UTC and is resolved: " + resolved.summary());
        assertThat(message.at("/blocks/0/text/text").asText()).isEqualTo("Opened and resolved: Parking · Bengaluru");
        assertThat(message.at("/blocks/1/text/text").asText())
                .startsWith("_Incident `" + ID + "` opened 2026-03-04 06:00 UTC and is resolved_\n*Parking posts");
        assertThat(fields(message.at("/blocks/2"))).contains("*Severity*\n3/10");
    }

    @Test
    void volumeSurgesCountPostsAndUserTextCannotInjectSlackMarkup() throws IOException {
        Alert surge = new Alert("s1", AlertKind.VOLUME_SURGE, OPEN, "public_transport", "geonames:1275339", "Mumbai <!channel>",
                AlertFixtures.WINDOW_END.minusSeconds(7200), AlertFixtures.WINDOW_END, AlertFixtures.WINDOW_END,
                120, 24, 5.0, 5.0, 7.1, 120, 6, List.of(), "Public transport posts in Mumbai <!channel> & co surged 5.0x");
        JsonNode message = render(surge, ThreadPosition.FIRST, null);

        assertThat(message.at("/blocks/0/text/text").asText()).isEqualTo("Public transport · Mumbai <!channel>: volume surge");
        assertThat(message.at("/blocks/1/text/text").asText()).isEqualTo("*Public transport posts in Mumbai &lt;!channel&gt; &amp; co surged 5.0x*");
        assertThat(fields(message.at("/blocks/2"))).containsExactly(
                "*How much worse*\n5.0x its normal volume", "*Test statistic*\nz = 7.1", "*Observed*\n120 posts",
                "*Expected*\n24 posts", "*Window*\n2026-03-04 04:00–06:00 UTC", "*Severity*\n6/10");
        assertThat(types(message)).containsExactly("header", "section", "section", "context");
    }

    private static JsonNode render(Alert alert, ThreadPosition position, String dashboardUrl) throws IOException {
        String dashboard = dashboardUrl == null ? null : dashboardUrl.replaceAll("/+$", "");
        return Json.mapper().readTree(SlackMessage.render(alert, position, dashboard));
    }

    private static List<String> fields(JsonNode section) {
        List<String> texts = new ArrayList<>();
        section.get("fields").forEach(field -> texts.add(field.get("text").asText()));
        return texts;
    }

    private static List<String> types(JsonNode message) {
        List<String> types = new ArrayList<>();
        message.get("blocks").forEach(block -> types.add(block.get("type").asText()));
        return types;
    }
}
