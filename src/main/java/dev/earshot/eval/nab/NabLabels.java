package dev.earshot.eval.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.earshot.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** NAB's {@code labels/combined_windows*.json}: each file's anomaly windows as {@code [start, end]} timestamp pairs. */
public final class NabLabels {

    private NabLabels() {
    }

    /**
     * The windows of each file, keyed by its path relative to NAB's data folder (e.g.
     * {@code realTweets/Twitter_volume_AAPL.csv}), in the order the file lists them.
     *
     * @param source where the JSON came from, for messages
     */
    public static Map<String, List<NabWindow.TimeWindow>> readWindows(String source, String json) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + ": expected an object mapping each file to its windows");
        }
        Map<String, List<NabWindow.TimeWindow>> windows = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> files = root.fields(); files.hasNext(); ) {
            Map.Entry<String, JsonNode> file = files.next();
            List<NabWindow.TimeWindow> limits = new ArrayList<>();
            for (JsonNode pair : file.getValue()) {
                if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isTextual() || !pair.get(1).isTextual()) {
                    throw new IllegalArgumentException(source + ": " + file.getKey() + " has a window " + pair
                            + "; expected [\"start\", \"end\"]");
                }
                String where = source + ": " + file.getKey();
                limits.add(new NabWindow.TimeWindow(NabSeries.timestamp(where, pair.get(0).asText()),
                        NabSeries.timestamp(where, pair.get(1).asText())));
            }
            windows.put(file.getKey(), List.copyOf(limits));
        }
        return windows;
    }
}
