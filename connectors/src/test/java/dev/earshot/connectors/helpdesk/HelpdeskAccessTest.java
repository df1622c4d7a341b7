package dev.earshot.connectors.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.earshot.connectors.LocalPorts;
import dev.earshot.connectors.Secrets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The start-up check's one authenticated read, against the local Zendesk and Freshdesk (their real answers, a
 * closed port, an unknown host): what stops start-up names the key and the fix, and never the token.
 */
class HelpdeskAccessTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Secrets ZENDESK_SECRETS = Map.of("ZD_EMAIL", FakeZendesk.EMAIL, "ZD_TOKEN", FakeZendesk.TOKEN)::get;

    private static HelpdeskSettings zendesk(String url) {
        return HelpdeskSettings.of(HelpdeskKind.ZENDESK, url, "ZD_EMAIL", "ZD_TOKEN");
    }

    @Test
    void zendeskAndFreshdeskWithGoodCredentialsPassWithOneReadEach() {
        try (FakeZendesk zendesk = new FakeZendesk(); FakeFreshdesk freshdesk = new FakeFreshdesk()) {
            assertThat(HelpdeskAccess.check(zendesk(zendesk.url()), ZENDESK_SECRETS, TIMEOUT)).isEmpty();
            assertThat(HelpdeskAccess.check(HelpdeskSettings.of(HelpdeskKind.FRESHDESK, freshdesk.url(), null, "FD_KEY"),
                    Map.of("FD_KEY", FakeFreshdesk.API_KEY)::get, TIMEOUT)).isEmpty();

            assertThat(zendesk.requests).extracting(FakeHelpdesk.Request::method, FakeHelpdesk.Request::path)
                    .containsExactly(tuple("GET", "/api/v2/users/me.json"));
            assertThat(freshdesk.requests).extracting(FakeHelpdesk.Request::method, FakeHelpdesk.Request::path)
                    .containsExactly(tuple("GET", "/api/v2/agents/me"));
            assertThat(zendesk.violations).isEmpty();
            assertThat(freshdesk.violations).isEmpty();
        }
    }

    @Test
    void aRevokedTokenStopsStartUpNamingTheVariablesNotTheToken() {
        try (FakeZendesk zendesk = new FakeZendesk()) {
            Secrets revoked = Map.of("ZD_EMAIL", FakeZendesk.EMAIL, "ZD_TOKEN", "revoked-token-123")::get;

            assertThatThrownBy(() -> HelpdeskAccess.check(zendesk(zendesk.url()), revoked, TIMEOUT))
                    .hasMessage("zendesk at " + zendesk.url() + " refused the credentials (HTTP 401 to GET "
                            + "/api/v2/users/me.json: {\"error\":\"Couldn't authenticate you\"}): check that ZD_EMAIL "
                            + "(respond.helpdesk.emailEnv) holds the agent's e-mail and ZD_TOKEN (respond.helpdesk.tokenEnv) "
                            + "an active API token of that account")
                    .message().doesNotContain("revoked-token-123");
        }
    }

    @Test
    void aForbiddenUserAndAWrongPathAreToldApart() {
        try (FakeFreshdesk freshdesk = new FakeFreshdesk()) {
            HelpdeskSettings settings = HelpdeskSettings.of(HelpdeskKind.FRESHDESK, freshdesk.url(), null, "FD_KEY");
            Secrets key = Map.of("FD_KEY", FakeFreshdesk.API_KEY)::get;
            freshdesk.failNext(FakeHelpdesk.Fault.status(403, "{\"code\":\"access_denied\"}"));
            assertThatThrownBy(() -> HelpdeskAccess.check(settings, key, TIMEOUT))
                    .hasMessageStartingWith("freshdesk at " + freshdesk.url() + " refused the credentials (HTTP 403 to GET "
                            + "/api/v2/agents/me: {\"code\":\"access_denied\"}): check that FD_KEY (respond.helpdesk.tokenEnv)")
                    .hasMessageContaining("a 403 also means the user may not use the API");

            // A path in the url is refused with the configuration; a 404 is then another server at that address.
            freshdesk.failNext(FakeHelpdesk.Fault.status(404, "{\"code\":\"not_found\"}"));
            assertThatThrownBy(() -> HelpdeskAccess.check(settings, key, TIMEOUT))
                    .hasMessageStartingWith("no freshdesk API at " + freshdesk.url() + " (HTTP 404 to GET /api/v2/agents/me")
                    .hasMessageEndingWith("set respond.helpdesk.url to the account's address without a path, e.g. "
                            + "https://acme.freshdesk.com");
        }
    }

    @Test
    void aClosedPortOrAnUnknownHostStopsStartUpNamingTheUrlKey() {
        String closed = "http://127.0.0.1:" + LocalPorts.free();
        assertThatThrownBy(() -> HelpdeskAccess.check(zendesk(closed), ZENDESK_SECRETS, TIMEOUT))
                .hasMessage("cannot reach zendesk at " + closed + " (respond.helpdesk.url): connection refused by "
                        + closed.substring("http://".length()) + " (ConnectException, caused by ClosedChannelException); "
                        + "check the address, and that this machine can reach it");
        assertThatThrownBy(() -> HelpdeskAccess.check(zendesk("https://acme.zendesk.invalid"), ZENDESK_SECRETS, TIMEOUT))
                .hasMessageStartingWith("cannot reach zendesk at https://acme.zendesk.invalid (respond.helpdesk.url): "
                        + "unknown host acme.zendesk.invalid (");
    }

    @Test
    void aFailingHelpdeskIsANoteAndAWebhookIsNotAsked() {
        try (FakeZendesk zendesk = new FakeZendesk()) {
            zendesk.failNext(FakeHelpdesk.Fault.status(503, "{}"));
            assertThat(HelpdeskAccess.check(zendesk(zendesk.url()), ZENDESK_SECRETS, TIMEOUT)).hasValue("zendesk at "
                    + zendesk.url() + " answered HTTP 503 to GET /api/v2/users/me.json: {}: the run starts, and tickets it "
                    + "cannot deliver become dead letters (helpdesk-dead-letters)");
        }
        assertThat(HelpdeskAccess.check(HelpdeskSettings.of(HelpdeskKind.WEBHOOK, "http://127.0.0.1:1/tickets", null, null),
                name -> null, TIMEOUT)).hasValueSatisfying(note -> assertThat(note).contains("is not contacted at start"));
    }
}
