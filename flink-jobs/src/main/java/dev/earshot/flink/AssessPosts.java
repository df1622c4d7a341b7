package dev.earshot.flink;

import dev.earshot.model.EnrichedPost;
import dev.earshot.respond.Assessment;
import dev.earshot.respond.ConversationKey;
import dev.earshot.respond.HandoffRules;
import dev.earshot.respond.VentingClassifier;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps the posts addressed to our accounts: only they can open or extend a support ticket. Edits and deletions
 * pass, for {@link TicketPostIndex} to find their conversation.
 */
final class AssessPosts extends RichFlatMapFunction<EnrichedEvent, ConversationEvent> {

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
    public void flatMap(EnrichedEvent event, Collector<ConversationEvent> out) {
        if (event.deletion() != null) {
            out.collect(ConversationEvent.deleted(event.deletion()));
            return;
        }
        if (event.edit()) {
            out.collect(ConversationEvent.edited(event.post()));
            return;
        }
        EnrichedPost post = event.post();
        Assessment assessment = classifier.assess(post);
        if (assessment.addressed()) {
            out.collect(ConversationEvent.of(new AddressedPost(ConversationKey.of(post, assessment.account()), post, assessment)));
        }
    }
}
