package dev.earshot.flink;

import dev.earshot.aggregate.StatsAccumulator;
import dev.earshot.aggregate.StatsPlace;
import dev.earshot.connectors.serde.JsonTypeInfo;
import dev.earshot.model.Location;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** A window's running statistics for one cell, with the cell's identity that the window result needs. */
public final class CellAccumulator {

    static final TypeInformation<CellAccumulator> TYPE = JsonTypeInfo.of(CellAccumulator.class);

    public String topic;
    public StatsPlace place;
    public StatsAccumulator stats = new StatsAccumulator();
    /** Posts and negative posts per slide of the window, by the slide's start in epoch millis. */
    public Map<Long, long[]> slides = new TreeMap<>();

    /** Reads window state written before roll-ups, when a cell was always a city. */
    public void setLocation(Location location) {
        place = StatsPlace.city(location);
    }
}
