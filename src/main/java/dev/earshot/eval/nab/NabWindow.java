package dev.earshot.eval.nab;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A labelled anomaly window as row indices of its series, both inclusive. */
public record NabWindow(int first, int last) {

    public NabWindow {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("a window needs 0 <= first <= last, was [" + first + ", " + last + "]");
        }
    }

    public int width() {
        return last - first + 1;
    }

    /**
     * The windows of a series as row indices. NAB enters a window only at a row whose timestamp equals the window's
     * start, and leaves it at the row equal to its end, so both must be timestamps of the series.
     *
     * @param series the series' name, for messages
     */
    public static List<NabWindow> locate(String series, List<LocalDateTime> timestamps, List<TimeWindow> windows) {
        Map<LocalDateTime, Integer> rowOf = new HashMap<>();
        for (int row = timestamps.size() - 1; row >= 0; row--) {
            rowOf.put(timestamps.get(row), row);
        }
        List<NabWindow> located = new ArrayList<>();
        for (TimeWindow window : windows) {
            NabWindow next = new NabWindow(row(series, rowOf, window.start()), row(series, rowOf, window.end()));
            if (!located.isEmpty() && next.first() <= located.get(located.size() - 1).last()) {
                throw new IllegalArgumentException(series + ": window " + window + " overlaps or precedes the one before"
                        + " it; NAB's labels list windows in time order without overlaps");
            }
            located.add(next);
        }
        return located;
    }

    private static int row(String series, Map<LocalDateTime, Integer> rowOf, LocalDateTime timestamp) {
        Integer row = rowOf.get(timestamp);
        if (row == null) {
            throw new IllegalArgumentException(series + ": window limit " + timestamp
                    + " is not a timestamp of the series; NAB windows start and end on rows of their file");
        }
        return row;
    }

    /** A window as NAB's label files give it: start and end timestamps, both inclusive. */
    public record TimeWindow(LocalDateTime start, LocalDateTime end) {

        public TimeWindow {
            if (start == null || end == null || end.isBefore(start)) {
                throw new IllegalArgumentException("a window needs start <= end, was [" + start + ", " + end + "]");
            }
        }
    }
}
