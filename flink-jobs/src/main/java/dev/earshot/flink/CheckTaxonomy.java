package dev.earshot.flink;

import dev.earshot.enrich.topics.Taxonomy;
import dev.earshot.enrich.topics.TaxonomyException;
import dev.earshot.model.DeadLetter;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a new version of the taxonomy file through only if it is valid. A rejected version leaves the running
 * taxonomy in force and is reported twice: a WARN in the log and a dead letter (stage {@code taxonomy}, the YAML
 * as raw, the problems as reason) where the user already looks for what the job could not use. It runs once,
 * before the broadcast, so one rejected version is one dead letter at any parallelism.
 */
final class CheckTaxonomy extends ProcessFunction<String, String> {

    static final OutputTag<DeadLetter> REJECTED = new OutputTag<>("taxonomy-rejected", Types.DEAD_LETTER);
    static final String STAGE = "taxonomy";

    private static final Logger LOG = LoggerFactory.getLogger(CheckTaxonomy.class);

    private final String file;
    private transient JobCounter deadLetters;

    CheckTaxonomy(String file) {
        this.file = file;
    }

    @Override
    public void open(OpenContext openContext) {
        deadLetters = JobCounter.register(getRuntimeContext(), Counters.DEAD_LETTERS);
    }

    @Override
    public void processElement(String yaml, Context ctx, Collector<String> out) {
        try {
            Taxonomy taxonomy = Taxonomy.parse(yaml);
            LOG.info("enrich.taxonomy {}: read a valid version with {} topics", file, taxonomy.topics().size());
            out.collect(yaml);
        } catch (TaxonomyException e) {
            LOG.warn("enrich.taxonomy {}: the edited file is not applied, the job keeps its current taxonomy: {}",
                    file, e.getMessage());
            deadLetters.increment();
            ctx.output(REJECTED, new DeadLetter(yaml, e.getMessage(), STAGE, file, Instant.now()));
        }
    }
}
