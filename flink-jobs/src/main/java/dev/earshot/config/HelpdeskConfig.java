package dev.earshot.config;

import dev.earshot.connectors.helpdesk.HelpdeskKind;
import dev.earshot.connectors.helpdesk.HelpdeskSettings;
import dev.earshot.respond.helpdesk.HelpdeskMapping;
import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code respond.helpdesk} as a user writes it: the helpdesk, its URL and the environment variables holding its
 * credentials are required; every delivery setting is optional and falls back to {@link HelpdeskSettings#of}.
 * Building it validates everything, so a bad value stops start-up naming its key.
 *
 * <pre>{@code
 * respond:
 *   helpdesk: { kind: zendesk, url: https://acme.zendesk.com, emailEnv: ZENDESK_EMAIL, tokenEnv: ZENDESK_API_TOKEN }
 * }</pre>
 * {@code reopen} (default true) puts a finished ticket back to open when the customer writes again.
 */
public record HelpdeskConfig(
        String kind,
        String url,
        String emailEnv,
        String tokenEnv,
        String topicField,
        String locationField,
        String placeholderDomain,
        List<String> tags,
        Integer freshdeskSource,
        Integer maxInFlight,
        Duration requestTimeout,
        Integer maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration forgetAfter,
        Boolean reopen) implements Serializable {

    public HelpdeskConfig {
        // Fields are assigned only after a compact constructor's body: validate from the parameters.
        settings(kind, url, emailEnv, tokenEnv, topicField, locationField, placeholderDomain, tags, freshdeskSource,
                maxInFlight, requestTimeout, maxAttempts, initialBackoff, maxBackoff, forgetAfter, reopen);
    }

    public HelpdeskSettings toSettings() {
        return settings(kind, url, emailEnv, tokenEnv, topicField, locationField, placeholderDomain, tags,
                freshdeskSource, maxInFlight, requestTimeout, maxAttempts, initialBackoff, maxBackoff, forgetAfter, reopen);
    }

    private static HelpdeskSettings settings(String kind, String url, String emailEnv, String tokenEnv,
            String topicField, String locationField, String placeholderDomain, List<String> tags,
            Integer freshdeskSource, Integer maxInFlight, Duration requestTimeout, Integer maxAttempts,
            Duration initialBackoff, Duration maxBackoff, Duration forgetAfter, Boolean reopen) {
        HelpdeskSettings base = HelpdeskSettings.of(parseKind(kind), url, emailEnv, tokenEnv);
        HelpdeskMapping mapping = HelpdeskMapping.defaults();
        return new HelpdeskSettings(base.kind(), base.url(), base.emailEnv(), base.tokenEnv(),
                new HelpdeskMapping(or(topicField, mapping.topicField()), or(locationField, mapping.locationField()),
                        or(placeholderDomain, mapping.placeholderDomain()), or(tags, mapping.tags()),
                        or(freshdeskSource, mapping.freshdeskSource())),
                or(maxInFlight, base.maxInFlight()), or(requestTimeout, base.requestTimeout()),
                or(maxAttempts, base.maxAttempts()), or(initialBackoff, base.initialBackoff()),
                or(maxBackoff, base.maxBackoff()), or(forgetAfter, base.forgetAfter()), or(reopen, base.reopen()));
    }

    private static HelpdeskKind parseKind(String kind) {
        return Arrays.stream(HelpdeskKind.values())
                .filter(k -> k.name().toLowerCase(Locale.ROOT).equals(kind == null ? "" : kind.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "respond.helpdesk.kind must be one of zendesk, freshdesk, webhook, was " + kind));
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
