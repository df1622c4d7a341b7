package dev.earshot.connectors.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earshot.json.Json;
import dev.earshot.model.Alert;
import dev.earshot.model.AlertStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Versions of the demo's parking alert in Bengaluru (test resource {@code alerts/parking-bengaluru.json}). */
final class SampleAlerts {

    private SampleAlerts() {
    }

    static Alert parking(String id, AlertStatus status, int severity) {
        try (InputStream in = SampleAlerts.class.getResourceAsStream("/alerts/parking-bengaluru.json")) {
            ObjectNode alert = (ObjectNode) Json.mapper().readTree(in);
            alert.put("id", id).put("status", status.name()).put("severity", severity);
            return Json.mapper().treeToValue(alert, Alert.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
