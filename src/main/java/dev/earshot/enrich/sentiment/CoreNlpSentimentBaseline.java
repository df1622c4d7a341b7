package dev.earshot.enrich.sentiment;

import dev.earshot.model.Sentiment;
import dev.earshot.model.SentimentLabel;
import dev.earshot.text.AnalyzedText;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.neural.rnn.RNNCoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.sentiment.SentimentCoreAnnotations;
import edu.stanford.nlp.trees.Tree;
import edu.stanford.nlp.util.CoreMap;
import java.util.Properties;

/**
 * Stanford CoreNLP's own sentiment pipeline as shipped ({@code tokenize,ssplit,parse,sentiment}, default
 * settings), the baseline the social scorer is measured against. Its recursive neural network gives each
 * sentence one of five classes; 0-1 count as negative, 2 as neutral, 3-4 as positive, and a post with several
 * sentences takes the class of its longest sentence (the most negative of the longest when they tie). It parses
 * every sentence, about 12 posts a second per core, so it is for the evaluation only.
 */
public final class CoreNlpSentimentBaseline implements SentimentScorer {

    public static final String MODEL = "corenlp-sentiment/4.5.10";

    private final StanfordCoreNLP pipeline;

    public CoreNlpSentimentBaseline() {
        Properties props = new Properties();
        props.setProperty("annotators", "tokenize,ssplit,parse,sentiment");
        props.setProperty("threads", "1");
        this.pipeline = new StanfordCoreNLP(props);
    }

    /** Scores the post's original text; the analysis is not used, the pipeline tokenises on its own. */
    @Override
    public Sentiment score(AnalyzedText text) {
        return score(text.text());
    }

    public Sentiment score(String text) {
        Annotation document = new Annotation(text);
        pipeline.annotate(document);
        int longest = -1;
        int sentimentClass = 2;
        for (CoreMap sentence : document.get(CoreAnnotations.SentencesAnnotation.class)) {
            Tree tree = sentence.get(SentimentCoreAnnotations.SentimentAnnotatedTree.class);
            int tokens = sentence.get(CoreAnnotations.TokensAnnotation.class).size();
            int predicted = RNNCoreAnnotations.getPredictedClass(tree);
            if (tokens > longest || tokens == longest && predicted < sentimentClass) {
                longest = tokens;
                sentimentClass = predicted;
            }
        }
        SentimentLabel label = sentimentClass <= 1 ? SentimentLabel.NEGATIVE
                : sentimentClass == 2 ? SentimentLabel.NEUTRAL : SentimentLabel.POSITIVE;
        return new Sentiment((sentimentClass - 2) / 2.0, label, 1, MODEL);
    }
}
