package dev.earshot.eventtime;

import java.util.Collection;
import java.util.OptionalLong;

/**
 * Where event time stands when a job resumes from saved state. Flink saves no watermark: a restored job starts at the
 * beginning of time, so a post older than where the stopped job was would land in windows that have already fired and
 * been purged, and make them fire again with only that post. Each parallel instance of a window operator therefore
 * saves the highest watermark it had, and every instance of the resumed job starts from the lowest of them all: at
 * another parallelism an instance takes over keys from any earlier one, and it must not judge a post later than the
 * instance that had them would have. A post the stopped job would have counted is still counted, and one it would
 * have found too late is found too late.
 */
public final class ResumedWatermark {

    /** Flink's "no event time yet", and what a watermark starts at. */
    public static final long NONE = Long.MIN_VALUE;
    /** The end of event time, which only an input that ended (or a stop that drains) sends. */
    private static final long END_OF_TIME = Long.MAX_VALUE;

    private ResumedWatermark() {
    }

    /**
     * What an instance saves after passing on {@code watermark}: the highest watermark so far, leaving out the end of
     * event time, from which no input is resumed (every later post would be too late).
     *
     * @param highestSoFar what it saves until now, {@link #NONE} at first
     */
    public static long highest(long highestSoFar, long watermark) {
        return watermark == END_OF_TIME ? highestSoFar : Math.max(highestSoFar, watermark);
    }

    /**
     * The watermark to start the resumed job at, or empty to start at the beginning of time (as without saved state).
     *
     * @param savedByInstance what every instance of the stopped job saved, one value each, in any order and at any
     *     parallelism: the resumed job may run with more or fewer instances
     */
    public static OptionalLong of(Collection<Long> savedByInstance) {
        long lowest = savedByInstance.stream().mapToLong(Long::longValue).min().orElse(NONE);
        // An instance that had passed on no event time held the stopped job's event time at the beginning.
        return lowest == NONE ? OptionalLong.empty() : OptionalLong.of(lowest);
    }
}
