package dev.earshot.respond.helpdesk;

import java.io.Serializable;
import java.util.List;

/**
 * How Earshot's ticket fields land in a helpdesk's fields. Custom fields are optional because each helpdesk
 * account defines its own.
 *
 * @param topicField the custom field for the topics: a numeric field id in Zendesk, a field name such as
 *        {@code cf_topic} in Freshdesk; null to leave it out (the topics are tags either way)
 * @param locationField the custom field for the place ("Bengaluru, Karnataka, IN"), like {@code topicField}
 * @param placeholderDomain the domain of customers' placeholder e-mail addresses, see {@link Requester}
 * @param tags tags added to every ticket, besides {@code earshot}, the network, topics and place
 * @param freshdeskSource Freshdesk's {@code source} channel number for the tickets Earshot opens (2 = portal)
 */
public record HelpdeskMapping(String topicField, String locationField, String placeholderDomain, List<String> tags,
                              int freshdeskSource) implements Serializable {

    public HelpdeskMapping {
        placeholderDomain = placeholderDomain == null || placeholderDomain.isBlank()
                ? Requester.DEFAULT_DOMAIN : placeholderDomain;
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public static HelpdeskMapping defaults() {
        return new HelpdeskMapping(null, null, Requester.DEFAULT_DOMAIN, List.of(), 2);
    }
}
