package dev.earshot.flink;

import dev.earshot.connectors.serde.JsonTypeInfo;
import dev.earshot.detect.Finding;
import dev.earshot.model.Alert;
import dev.earshot.model.DeadLetter;
import dev.earshot.model.EnrichedPost;
import dev.earshot.model.HandoffTicket;
import dev.earshot.model.PostChange;
import dev.earshot.model.PostDeletion;
import dev.earshot.model.RawRecord;
import dev.earshot.model.TopicLocationStats;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** The type information of every stream the job passes between operators: canonical JSON (see JsonTypeInfo). */
final class Types {

    static final TypeInformation<RawRecord> RAW_RECORD = JsonTypeInfo.of(RawRecord.class);
    static final TypeInformation<EnrichedPost> ENRICHED_POST = JsonTypeInfo.of(EnrichedPost.class);
    static final TypeInformation<PostChange> POST_CHANGE = JsonTypeInfo.of(PostChange.class);
    static final TypeInformation<PostDeletion> POST_DELETION = JsonTypeInfo.of(PostDeletion.class);
    static final TypeInformation<TopicLocationStats> STATS = JsonTypeInfo.of(TopicLocationStats.class);
    static final TypeInformation<Alert> ALERT = JsonTypeInfo.of(Alert.class);
    static final TypeInformation<HandoffTicket> TICKET = JsonTypeInfo.of(HandoffTicket.class);
    static final TypeInformation<Finding> FINDING = JsonTypeInfo.of(Finding.class);
    static final TypeInformation<DeadLetter> DEAD_LETTER = JsonTypeInfo.of(DeadLetter.class);

    private Types() {
    }
}
