package dev.earshot.text;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.MorphaAnnotator;
import edu.stanford.nlp.pipeline.POSTaggerAnnotator;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.ArrayCoreMap;
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
 *
 * <p>The tagger is most of the cost, and it tags each sentence on its own: a sentence's tags and lemmas depend only on
 * its words. So the tokenizer and sentence splitter run first, and {@link #withSentenceCache(int)} tags only the
 * sentences it has not seen (a repost, a stock phrase) and lemmatizes only the words and tags it has not seen, with
 * CoreNLP's own tagger and lemmatizer, giving exactly the analysis of the whole pipeline.
 */
public final class CoreNlpTextAnalyzer implements TextAnalyzer {

    /** Sentences (and words with their tag) an enrich task remembers by default: about 10 MB per task when full. */
    public static final int SENTENCE_CACHE_CAPACITY = 10_000;

    private static volatile CoreNlpTextAnalyzer shared;
    private static volatile CoreNlpTextAnalyzer tokenizer;

    /** Tokenizer and sentence splitter. */
    private final StanfordCoreNLP splitter;
    /** Part-of-speech tagger, run on sentences the splitter made; null for the tokenizer alone. */
    private final POSTaggerAnnotator tagger;
    /** CoreNLP's lemmatizer, which lemmatizes each token from its word and tag alone. */
    private final MorphaAnnotator lemmatizer = new MorphaAnnotator(false);

    private CoreNlpTextAnalyzer(boolean tagged) {
        Properties props = new Properties();
        props.setProperty("annotators", "tokenize,ssplit");
        // Social text: keep the characters as written (no PTB escaping of brackets and quotes), keep
        // hyphenated words whole, and treat each line break as a possible sentence end.
        props.setProperty("tokenize.options",
                "invertible=false,ptb3Escaping=false,splitHyphenated=false,untokenizable=noneDelete");
        props.setProperty("ssplit.newlineIsSentenceBreak", "two");
        props.setProperty("pos.model", "edu/stanford/nlp/models/pos-tagger/english-left3words-distsim.tagger");
        props.setProperty("threads", "1");
        this.splitter = new StanfordCoreNLP(props);
        this.tagger = tagged ? new POSTaggerAnnotator("pos", props) : null;
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
        return analyze(text, null);
    }

    /**
     * This analyzer, remembering the tags and lemmas of the last {@code capacity} distinct sentences it tagged, and
     * the lemma of each word and tag it lemmatized (as many), so that a sentence seen again is not tagged again and a
     * word seen again with its tag is not lemmatized again; the analysis is the same. Not thread-safe: one per thread
     * (task).
     */
    public TextAnalyzer withSentenceCache(int capacity) {
        Caches caches = new Caches(new LruCache<>(capacity), new LruCache<>(capacity));
        return text -> analyze(text, caches);
    }

    /** A sentence's part-of-speech tags and lower-cased lemmas, token by token. */
    private record TaggedWords(String[] tags, String[] lemmas) {
    }

    /** Tags and lemmas by the sentence's words; CoreNLP's lemma by tag and word. */
    private record Caches(LruCache<List<String>, TaggedWords> sentences, LruCache<String, String> lemmas) {
    }

    private AnalyzedText analyze(String text, Caches caches) {
        Annotation document = new Annotation(text);
        splitter.annotate(document);
        List<CoreMap> sentences = document.get(CoreAnnotations.SentencesAnnotation.class);
        TaggedWords[] tagged = new TaggedWords[sentences.size()];
        if (tagger != null) {
            tag(text, sentences, tagged, caches);
        }
        List<List<Token>> result = new ArrayList<>(sentences.size());
        for (int s = 0; s < sentences.size(); s++) {
            List<CoreLabel> labels = sentences.get(s).get(CoreAnnotations.TokensAnnotation.class);
            List<Token> tokens = new ArrayList<>(labels.size());
            for (int t = 0; t < labels.size(); t++) {
                CoreLabel label = labels.get(t);
                tokens.add(tagged[s] == null
                        ? new Token(label.word(), label.word().toLowerCase(Locale.ROOT), "", label.beginPosition(),
                                label.endPosition())
                        : new Token(label.word(), tagged[s].lemmas()[t], tagged[s].tags()[t], label.beginPosition(),
                                label.endPosition()));
            }
            result.add(tokens);
        }
        return new AnalyzedText(text, result);
    }

    /** Fills {@code tagged} from the cache, tagging (in one call) the sentences it does not hold. */
    private void tag(String text, List<CoreMap> sentences, TaggedWords[] tagged, Caches caches) {
        List<CoreMap> untagged = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        List<List<String>> keys = new ArrayList<>();
        for (int s = 0; s < sentences.size(); s++) {
            List<String> words = sentences.get(s).get(CoreAnnotations.TokensAnnotation.class).stream()
                    .map(CoreLabel::word).toList();
            tagged[s] = caches == null ? null : caches.sentences().get(words);
            if (tagged[s] == null) {
                untagged.add(sentences.get(s));
                positions.add(s);
                keys.add(words);
            }
        }
        if (untagged.isEmpty()) {
            return;
        }
        Annotation batch = new Annotation(text);
        batch.set(CoreAnnotations.SentencesAnnotation.class, untagged);
        tagger.annotate(batch);
        lemmatize(untagged, caches);
        for (int i = 0; i < untagged.size(); i++) {
            List<CoreLabel> labels = untagged.get(i).get(CoreAnnotations.TokensAnnotation.class);
            String[] tags = new String[labels.size()];
            String[] lemmas = new String[labels.size()];
            for (int t = 0; t < labels.size(); t++) {
                CoreLabel label = labels.get(t);
                tags[t] = label.tag();
                lemmas[t] = (label.lemma() == null ? label.word() : label.lemma()).toLowerCase(Locale.ROOT);
            }
            TaggedWords words = new TaggedWords(tags, lemmas);
            tagged[positions.get(i)] = words;
            if (caches != null) {
                caches.sentences().put(keys.get(i), words);
            }
        }
    }

    /**
     * Sets each token's lemma: from the cache where it holds the token's tag and word, the others by CoreNLP's
     * lemmatizer in one call (it reads nothing but each token's word and tag, so a sentence of just those tokens gives
     * them their lemmas).
     */
    private void lemmatize(List<CoreMap> sentences, Caches caches) {
        if (caches == null) {
            Annotation all = new Annotation("");
            all.set(CoreAnnotations.SentencesAnnotation.class, sentences);
            lemmatizer.annotate(all);
            return;
        }
        List<CoreLabel> unknown = new ArrayList<>();
        for (CoreMap sentence : sentences) {
            for (CoreLabel label : sentence.get(CoreAnnotations.TokensAnnotation.class)) {
                String lemma = caches.lemmas().get(lemmaKey(label));
                if (lemma == null) {
                    unknown.add(label);
                } else {
                    label.setLemma(lemma);
                }
            }
        }
        if (unknown.isEmpty()) {
            return;
        }
        CoreMap unknownWords = new ArrayCoreMap();
        unknownWords.set(CoreAnnotations.TokensAnnotation.class, unknown);
        Annotation batch = new Annotation("");
        batch.set(CoreAnnotations.SentencesAnnotation.class, List.of(unknownWords));
        lemmatizer.annotate(batch);
        for (CoreLabel label : unknown) {
            if (label.lemma() != null) {
                caches.lemmas().put(lemmaKey(label), label.lemma());
            }
        }
    }

    /** A tag has no space, so the tag, a space and the word name the pair. */
    private static String lemmaKey(CoreLabel label) {
        return label.tag() + ' ' + label.word();
    }
}
