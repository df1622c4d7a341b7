package dev.earshot.text;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.CoreMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Stanford CoreNLP where it is fast: tokenizer, sentence splitter, part-of-speech tagger and lemmatizer. The
 * parser-based sentiment annotator is left out on purpose: it manages about 12 posts a second per core.
 *
 * <p>The pipeline loads a 6 MB tagger model, so one instance per JVM is shared ({@link #shared()}); CoreNLP
 * pipelines are thread-safe for {@code annotate}. {@link #tokenizer()} is the same tokenization and sentence
 * splitting without tags and lemmas, for a stage that reads words only (the sentiment scorer), at tens of
 * thousands of posts a second instead of hundreds.
 */
public final class CoreNlpTextAnalyzer implements TextAnalyzer {

    private static volatile CoreNlpTextAnalyzer shared;
    private static volatile CoreNlpTextAnalyzer tokenizer;

    private final StanfordCoreNLP pipeline;
    private final boolean tagged;

    private CoreNlpTextAnalyzer(boolean tagged) {
        this.tagged = tagged;
        Properties props = new Properties();
        props.setProperty("annotators", tagged ? "tokenize,ssplit,pos,lemma" : "tokenize,ssplit");
        // Social text: keep the characters as written (no PTB escaping of brackets and quotes), keep
        // hyphenated words whole, and treat each line break as a possible sentence end.
        props.setProperty("tokenize.options",
                "invertible=false,ptb3Escaping=false,splitHyphenated=false,untokenizable=noneDelete");
        props.setProperty("ssplit.newlineIsSentenceBreak", "two");
        props.setProperty("pos.model", "edu/stanford/nlp/models/pos-tagger/english-left3words-distsim.tagger");
        props.setProperty("threads", "1");
        this.pipeline = new StanfordCoreNLP(props);
    }

    /** The JVM-wide analyzer, created on first use. */
    public static CoreNlpTextAnalyzer shared() {
        CoreNlpTextAnalyzer instance = shared;
        if (instance == null) {
            synchronized (CoreNlpTextAnalyzer.class) {
                instance = shared;
                if (instance == null) {
                    instance = new CoreNlpTextAnalyzer(true);
                    shared = instance;
                }
            }
        }
        return instance;
    }

    /**
     * The JVM-wide tokenizer and sentence splitter, created on first use: the same tokens and sentences as
     * {@link #shared()}, but without tagging, so each token's lemma is its lower-cased word and its tag is empty.
     */
    public static CoreNlpTextAnalyzer tokenizer() {
        CoreNlpTextAnalyzer instance = tokenizer;
        if (instance == null) {
            synchronized (CoreNlpTextAnalyzer.class) {
                instance = tokenizer;
                if (instance == null) {
                    instance = new CoreNlpTextAnalyzer(false);
                    tokenizer = instance;
                }
            }
        }
        return instance;
    }

    @Override
    public AnalyzedText analyze(String text) {
        Annotation document = new Annotation(text);
        pipeline.annotate(document);
        List<List<Token>> sentences = new ArrayList<>();
        for (CoreMap sentence : document.get(CoreAnnotations.SentencesAnnotation.class)) {
            List<Token> tokens = new ArrayList<>();
            for (CoreLabel label : sentence.get(CoreAnnotations.TokensAnnotation.class)) {
                String lemma = label.lemma() == null ? label.word() : label.lemma();
                tokens.add(new Token(label.word(), lemma.toLowerCase(Locale.ROOT), tagged ? label.tag() : "",
                        label.beginPosition(), label.endPosition()));
            }
            sentences.add(tokens);
        }
        return new AnalyzedText(text, sentences);
    }
}
