package dev.earshot.respond;

import static dev.earshot.respond.Fixtures.T0;
import static dev.earshot.respond.Fixtures.author;
import static dev.earshot.respond.Fixtures.ventingPost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConversationKeyTest {

    @Test
    void isSourceAccountInLowerCaseAndAuthorId() {
        assertThat(ConversationKey.of(ventingPost(author("u42"), "no parking", -0.5, T0), "CityCareDesk"))
                .isEqualTo("twitter|citycaredesk|u42");
    }

    @Test
    void aPostThatAddressesNoAccountHasNoKey() {
        assertThatThrownBy(() -> ConversationKey.of(ventingPost(author("u42"), "no parking", -0.5, T0), null))
                .hasMessageContaining("needs the account addressed");
    }
}
