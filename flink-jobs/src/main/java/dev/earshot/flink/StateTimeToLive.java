package dev.earshot.flink;

import java.time.Duration;
import org.apache.flink.api.common.state.StateTtlConfig;

/** How the job's per-post state expires: a while after it was last written, and never read once expired. */
final class StateTimeToLive {

    private StateTimeToLive() {
    }

    static StateTtlConfig afterLastWrite(Duration ttl) {
        return StateTtlConfig.newBuilder(ttl)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build();
    }
}
