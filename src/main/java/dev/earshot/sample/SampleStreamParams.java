package dev.earshot.sample;

/**
 * What the sample stream generator may vary. The demo world itself (cities, topics, period, incidents, venting
 * customers) is fixed: it is what the rest of Earshot's tests and docs describe.
 *
 * @param seed the only source of randomness; the same seed gives a byte-identical stream
 * @param baselinePosts the ordinary posts spread over cities, topics and the day, before the incidents' extra posts,
 *                      the venting customers and the distractors are added
 * @param malformedRecords the deliberately broken lines, spread over the kinds of {@link MalformedKind} in turn
 * @param duplicateLines exact copies of valid post lines, re-sent up to four minutes after the original
 */
public record SampleStreamParams(long seed, int baselinePosts, int malformedRecords, int duplicateLines) {

    /** The seed of the bundled {@code sample/posts.jsonl.gz}. */
    public static final long BUNDLED_SEED = 20260302L;

    public SampleStreamParams {
        if (baselinePosts < 2_000 || baselinePosts > 1_000_000) {
            throw new IllegalArgumentException("baselinePosts must be between 2000 and 1000000 (the incidents need a "
                    + "baseline to stand out from), was " + baselinePosts);
        }
        if (malformedRecords < 0 || malformedRecords > 10_000) {
            throw new IllegalArgumentException("malformedRecords must be between 0 and 10000, was " + malformedRecords);
        }
        if (duplicateLines < 0 || duplicateLines > baselinePosts / 10) {
            throw new IllegalArgumentException("duplicateLines must be between 0 and a tenth of baselinePosts ("
                    + baselinePosts / 10 + "), was " + duplicateLines);
        }
    }

    /** The parameters of the bundled stream: about 24,000 valid posts, 30 malformed lines, 60 duplicates. */
    public static SampleStreamParams defaults() {
        return new SampleStreamParams(BUNDLED_SEED, 23_800, 30, 60);
    }
}
