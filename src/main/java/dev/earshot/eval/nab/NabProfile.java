package dev.earshot.eval.nab;

import java.util.List;

/**
 * A NAB application profile: how much a true positive earns and a false positive or a missed window costs. The three
 * profiles and their weights are NAB's ({@code config/profiles.json}).
 */
public record NabProfile(String name, double tpWeight, double fpWeight, double fnWeight) {

    public static final NabProfile STANDARD = new NabProfile("standard", 1.0, 0.11, 1.0);
    public static final NabProfile REWARD_LOW_FP_RATE = new NabProfile("reward_low_FP_rate", 1.0, 0.22, 1.0);
    public static final NabProfile REWARD_LOW_FN_RATE = new NabProfile("reward_low_FN_rate", 1.0, 0.11, 2.0);

    public NabProfile {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a profile needs a name");
        }
        if (!(tpWeight > 0 && fpWeight >= 0 && fnWeight >= 0)) {
            throw new IllegalArgumentException("profile " + name + ": need tpWeight > 0 and fpWeight, fnWeight >= 0, was "
                    + tpWeight + ", " + fpWeight + ", " + fnWeight);
        }
    }

    /** NAB's three profiles, in the order NAB's scoreboard lists them. */
    public static List<NabProfile> all() {
        return List.of(STANDARD, REWARD_LOW_FP_RATE, REWARD_LOW_FN_RATE);
    }
}
