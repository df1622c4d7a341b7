package dev.earshot.connectors.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HelpdeskSettingsTest {

    @Test
    void anApiPathInTheAccountAddressIsRefusedBecauseEarshotAddsItsOwn() {
        assertThatThrownBy(() -> HelpdeskSettings.of(HelpdeskKind.FRESHDESK, "https://acme.freshdesk.com/api/v2/", null, "KEY"))
                .hasMessage("respond.helpdesk.url: must be the Freshdesk account's address without a path or query, e.g. "
                        + "https://acme.freshdesk.com (Earshot adds /api/v2/...), was https://acme.freshdesk.com/api/v2/");
        assertThat(HelpdeskSettings.of(HelpdeskKind.ZENDESK, "https://acme.zendesk.com/", "EMAIL", "TOKEN").url())
                .isEqualTo("https://acme.zendesk.com/");
    }

    @Test
    void credentialsOrAQueryInTheAddressAreRefusedWithoutBeingRepeated() {
        assertThatThrownBy(() -> HelpdeskSettings.of(HelpdeskKind.ZENDESK, "https://agent:s3cr3t@acme.zendesk.com", "EMAIL", "TOKEN"))
                .hasMessage("respond.helpdesk.url: must not hold credentials (user:password@): put them in the "
                        + "environment variables emailEnv and tokenEnv name; was https://acme.zendesk.com with them left out");
        assertThatThrownBy(() -> HelpdeskSettings.of(HelpdeskKind.FRESHDESK, "https://acme.freshdesk.com?key=s3cr3t", null, "KEY"))
                .hasMessageEndingWith("was https://acme.freshdesk.com with a query")
                .message().doesNotContain("s3cr3t");
    }

    @Test
    void plainHttpIsForAServerOnThisMachineOnly() {
        assertThatThrownBy(() -> HelpdeskSettings.of(HelpdeskKind.ZENDESK, "http://acme.zendesk.com", "EMAIL", "TOKEN"))
                .hasMessageStartingWith("respond.helpdesk.url: must use https, e.g. https://acme.zendesk.com: Zendesk "
                        + "answers its API over https only");
        assertThat(HelpdeskSettings.of(HelpdeskKind.ZENDESK, "http://127.0.0.1:18491", "EMAIL", "TOKEN").url())
                .isEqualTo("http://127.0.0.1:18491");
        assertThat(HelpdeskSettings.of(HelpdeskKind.FRESHDESK, "http://localhost:8080", null, "KEY").url())
                .isEqualTo("http://localhost:8080");
        // A webhook is the user's own service, wherever it runs, at its full endpoint.
        assertThat(HelpdeskSettings.of(HelpdeskKind.WEBHOOK, "http://tickets.internal:8080/hooks/earshot", null, null).url())
                .isEqualTo("http://tickets.internal:8080/hooks/earshot");
    }

    @Test
    void aValueWrittenInPlaceOfItsVariableIsNamedAsSuchAndNotRepeated() {
        assertThatThrownBy(() -> HelpdeskSettings.of(HelpdeskKind.ZENDESK, "https://acme.zendesk.com", "agent@example.com", "TOKEN"))
                .hasMessageStartingWith("respond.helpdesk.emailEnv: must name the environment variable holding the "
                        + "Zendesk agent e-mail, e.g. ZENDESK_EMAIL; what is there is not a variable name")
                .message().doesNotContain("agent@example.com");
        String pastedKey = "abcDEF123-not-a-name";
        assertThatThrownBy(() -> HelpdeskSettings.of(HelpdeskKind.FRESHDESK, "https://acme.freshdesk.com", null, pastedKey))
                .hasMessageContaining("respond.helpdesk.tokenEnv: must name the environment variable holding the Freshdesk API key")
                .message().doesNotContain(pastedKey);
        assertThatThrownBy(() -> HelpdeskSettings.of(HelpdeskKind.WEBHOOK, "https://tickets.example.com/hook", null, "Bearer x"))
                .hasMessageContaining("respond.helpdesk.tokenEnv: must name the environment variable holding the webhook's bearer token");
        assertThatThrownBy(() -> HelpdeskSettings.of(HelpdeskKind.ZENDESK, "https://acme.zendesk.com", null, "TOKEN"))
                .hasMessageEndingWith("e.g. ZENDESK_EMAIL; it is missing");
    }
}
