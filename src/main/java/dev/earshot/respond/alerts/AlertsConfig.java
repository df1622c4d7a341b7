package dev.earshot.respond.alerts;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where alerts are delivered ({@code respond.alerts} in earshot.yaml). No channels, the default, delivers
 * nothing: alerts then only reach the job's alert output.
 */
public record AlertsConfig(List<AlertChannel> channels, DeliveryPolicy delivery) implements Serializable {

    public AlertsConfig {
        channels = channels == null ? List.of() : List.copyOf(channels);
        Set<String> names = new HashSet<>();
        for (AlertChannel channel : channels) {
            if (channel == null) {
                throw new IllegalArgumentException("channels must not contain empty entries");
            }
            if (!names.add(channel.name())) {
                throw new IllegalArgumentException("channel names must be unique: '" + channel.name()
                        + "' is used twice; rename one");
            }
        }
        if (delivery == null) {
            delivery = DeliveryPolicy.defaults();
        }
    }

    public static AlertsConfig defaults() {
        return new AlertsConfig(List.of(), DeliveryPolicy.defaults());
    }
}
