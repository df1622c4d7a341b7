package dev.earshot.detect;

import java.io.Serializable;
import java.time.Duration;

/**
 * Settings of the job's seasonal volume-surge test ({@link SeasonalVolumeSurge}), which scores each window with
 * {@link CountSurgeDetector}. The defaults are {@link CountSurgeParams#defaults()}, the settings scored on NAB, fixed
 * before the job was run with them; the two spans are not set here but are the job's window and slide, which with
 * the default 2 h / 30 min windows are again the NAB-scored 2 h and 30 min.
 *
 * @param enabled whether volume surges are judged against the same time of day on earlier days; false judges them
 *     against the last day of windows only, without regard to the time of day (see {@link OwnBaselineDetector}),
 *     which is also what a cell is judged by while its seasonal history is too short
 * @param history how far back the seasonal baseline looks: 7 days, so that every weekday is in it once
 * @param band the time-of-day neighbourhood on each earlier day: ±1 h, five slides of 30 min a day
 * @param minBaselineSamples baseline slides needed before the seasonal test replaces the non-seasonal one: 10, the
 *     least from which a median and MAD mean anything; at ±1 h of 30-minute slides, two earlier days
 * @param openZ robust z (the larger of the window's and its newest slide's) that opens a surge: 4
 * @param stayZ robust z that keeps a surge open: 2
 * @param weekly whether a surge must also stand out against the same time one week earlier, once the cell has a week
 *     of history, so that a weekend's own rhythm is not a surge: true (see {@link CountSurgeParams#weekly()})
 */
public record SeasonalSurgeParams(boolean enabled, Duration history, Duration band, int minBaselineSamples,
                                  double openZ, double stayZ, boolean weekly) implements Serializable {

    public SeasonalSurgeParams {
        CountSurgeParams d = CountSurgeParams.defaults();
        // The detector's own checks, with its defaults for the spans this record leaves to the window settings.
        new CountSurgeParams(d.sumOver(), d.shortSumOver(), history, band, minBaselineSamples, openZ, stayZ,
                d.quietToRearm(), weekly);
    }

    public static SeasonalSurgeParams defaults() {
        CountSurgeParams d = CountSurgeParams.defaults();
        return new SeasonalSurgeParams(true, d.history(), d.band(), d.minBaselineSamples(), d.openZ(), d.stayZ(),
                d.weekly());
    }

    /**
     * The detector's settings for windows of {@code windowSize} sliding by {@code windowSlide}: the window is the long
     * span and its newest slide the short one. No re-arm time: in the job, the alert lifecycle makes one incident of a
     * burst.
     *
     * @throws IllegalArgumentException if the window is longer than a day
     */
    public CountSurgeParams countSurgeParams(Duration windowSize, Duration windowSlide) {
        return new CountSurgeParams(windowSize, windowSlide, history, band, minBaselineSamples, openZ, stayZ,
                Duration.ZERO, weekly);
    }
}
