package dev.earshot.flink;

import dev.earshot.model.EnrichedPost;
import dev.earshot.respond.Assessment;
import dev.earshot.respond.ConversationKey;
import dev.earshot.respond.HandoffRules;
import dev.earshot.respond.VentingClassifier;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/** Keeps the posts addressed to our accounts: only they can open or extend a support ticket. */
final class AssessPosts extends RichFlatMapFunction<EnrichedPost, AddressedPost> {

    private final HandoffRules rules;
    private transient VentingClassifier classifier;

    AssessPosts(HandoffRules rules) {
        this.rules = rules;
    }

    @Override
    public void open(OpenContext openContext) {
        classifier = new VentingClassifier(rules);
    }

    @Override
    public void flatMap(EnrichedPost post, Collector<AddressedPost> out) {
        Assessment assessment = classifier.assess(post);
        if (assessment.addressed()) {
            out.collect(new AddressedPost(ConversationKey.of(post, assessment.account()), post, assessment));
        }
    }
}
