package dev.earshot.sample;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.util.Set;

/**
 * How a city's weekend differs from its weekdays in the sample world: people get up later, post more about leisure
 * (parking at the mall, noise from parties) and less about the commute. Saturday and Sunday, in the city's own time.
 *
 * @param morningShift hours by which the daily rhythm runs later on weekend days: 2, mornings start later and
 *     nights last longer
 * @param leisureFactor weekend volume of the leisure topics (parking, noise) against a weekday: 1.8
 * @param commuteFactor weekend volume of the commute topics (traffic, public transport) against a weekday: 0.6
 */
public record WeeklyPattern(int morningShift, double leisureFactor, double commuteFactor) implements Serializable {

    static final Set<String> LEISURE_TOPICS = Set.of("parking", "noise");
    static final Set<String> COMMUTE_TOPICS = Set.of("traffic", "public_transport");

    public WeeklyPattern {
        if (morningShift < 0 || morningShift > 6) {
            throw new IllegalArgumentException("morningShift must be between 0 and 6 hours, was " + morningShift
                    + "; e.g. 2");
        }
        if (!(leisureFactor > 0 && leisureFactor <= 5) || !(commuteFactor > 0 && commuteFactor <= 5)) {
            throw new IllegalArgumentException("leisureFactor and commuteFactor must be in (0, 5], were "
                    + leisureFactor + " and " + commuteFactor + "; e.g. 1.8 and 0.6");
        }
    }

    public static WeeklyPattern defaults() {
        return new WeeklyPattern(2, 1.8, 0.6);
    }

    static boolean isWeekend(DayOfWeek day) {
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }

    /** The weekend volume of a topic ({@code null} for chatter without one) against a weekday. */
    double weekendFactor(String topic) {
        if (topic != null && LEISURE_TOPICS.contains(topic)) {
            return leisureFactor;
        }
        return topic != null && COMMUTE_TOPICS.contains(topic) ? commuteFactor : 1;
    }
}
