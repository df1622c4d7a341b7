package dev.earshot.flink;

import dev.earshot.config.EarshotConfig;
import dev.earshot.enrich.sentiment.TrainedSentimentScorer;
import dev.earshot.enrich.topics.Taxonomy;
import java.io.ByteArrayInputStream;

/**
 * What the enrich step needs from files the configuration names, read and checked once per run: by the start-up
 * checks, which hand it to the job, so that a user's model file is read once and a bad one stops the run before any
 * service is contacted.
 *
 * @param taxonomy the taxonomy the job starts with
 * @param sentimentModel a trained model's file content, which travels with the job to the tasks, or null for the
 *     lexicon scorer
 */
public record EnrichResources(Taxonomy taxonomy, byte[] sentimentModel) {

    /** Reads and checks both; a bad file is a {@link dev.earshot.config.ConfigException} naming the key. */
    public static EnrichResources load(EarshotConfig.Enrich settings) {
        return new EnrichResources(settings.loadTaxonomy(), settings.loadSentimentModel());
    }

    /** The trained model's name (its format and a checksum of its weights), or null for the lexicon scorer. */
    public String sentimentModelName() {
        return sentimentModel == null ? null : TrainedSentimentScorer.load(new ByteArrayInputStream(sentimentModel)).model();
    }
}
