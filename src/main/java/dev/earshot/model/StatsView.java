package dev.earshot.model;

/** Which series of windows a {@link TopicLocationStats} belongs to. */
public enum StatsView {
    /** The sliding windows the detectors read (aggregate.windowSize sliding by aggregate.windowSlide). */
    SLIDING,
    /** One tumbling window per day (aggregate.dailyView), for dashboards and reports. */
    DAILY
}
