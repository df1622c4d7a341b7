package dev.earshot.respond;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TicketIdsTest {

    @Test
    void isTwentyHexCharactersThatDependOnlyOnKeyAndFirstPost() {
        String id = TicketIds.of("twitter|citycaredesk|u42", "twitter:1");

        // pinned: ids already stored in Elasticsearch must survive an upgrade (computed independently with Python hashlib)
        assertThat(id).isEqualTo("b62b130138fd05ed0b3c");
        assertThat(TicketIds.of("twitter|citycaredesk|u42", "twitter:1")).isEqualTo(id);
        assertThat(TicketIds.of("twitter|citycaredesk|u42", "twitter:2")).isNotEqualTo(id);
        assertThat(TicketIds.of("twitter|citycaredesk|u43", "twitter:1")).isNotEqualTo(id);
    }
}
