package dev.earshot.enrich.topics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.text.CoreNlpTextAnalyzer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BrandCareTaxonomyTest {

    private static final TopicMatcher MATCHER = TopicMatcher.compile(Taxonomy.bundled("brand-care"));

    private static List<String> topicsOf(String text) {
        return MATCHER.match(CoreNlpTextAnalyzer.shared().analyze(text));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            billing        | I was charged twice for the same order
            billing        | My bill doubled this month
            delivery       | My parcel never arrived
            delivery       | The courier left it in the rain
            outage         | The app is down again
            outage         | Your website was down all morning
            account_access | I can't log in to my account
            account_access | Locked out after the update
            refund         | Where is my refund?
            product_defect | The blender stopped working after two days
            product_defect | The charger doesn't work
            staff          | The cashier was so rude
            waiting_time   | On hold for 45 minutes
            waiting_time   | I have waited three weeks for an answer
            """)
    void complaintsMatchTheirTopic(String topic, String text) {
        assertThat(topicsOf(text)).contains(topic);
    }

    @Test
    void excitementIsNotWaiting() {
        assertThat(topicsOf("Can't wait to try the new flavour!")).isEmpty();
        assertThat(topicsOf("Can't wait to get my refund")).containsExactly("refund");
    }
}
