package dev.earshot.enrich.topics;

import dev.earshot.model.Post;
import dev.earshot.text.AnalyzedText;
import dev.earshot.text.CoreNlpTextAnalyzer;
import dev.earshot.text.TextAnalyzer;
import dev.earshot.text.Token;
import edu.stanford.nlp.process.Morphology;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the topics of a {@link Taxonomy} in analyzed posts. Immutable and thread-safe; compile one per
 * taxonomy and swap the whole matcher when the taxonomy changes.
 *
 * <p>How a post matches a topic:
 * <ul>
 * <li>A phrase is analyzed once, at compile time, by the same analyzer as the posts. Each of its tokens agrees
 *     with a post token that has the same lemma or the same word (ignoring case), and a multi-word phrase needs
 *     its tokens consecutive within one sentence. Lemmas make "parked", "parks" and "parking" (verb) agree with
 *     "park"; the word as written covers the tagger labelling a word differently in a post than in the short
 *     phrase ("broken" is an adjective alone but a verb in "footpath is broken").
 * <li>A {@code lemmas} entry agrees with a post token whose lemma or word is that entry.
 * <li>A hashtag stands in its sentence as the words it is written from ("#WaterSupply" as water, supply,
 *     "#parking" as parking), so phrases match inside hashtags; those words are lemmatized without context.
 *     The whole hashtag also matches the topic's {@code hashtags}, and a phrase written without spaces
 *     ("water supply" matches #watersupply). Hashtags of {@link Post#hashtags()} that the text lacks count too.
 * <li>An {@code exclude} phrase cancels the topic's matches that overlap it (the "park" of "national park"), but
 *     the topic still matches if its phrases occur elsewhere in the post.
 * <li>A post matching a topic also matches its parent, its parent's parent, and so on.
 * </ul>
 * Phrases are indexed by the lemma and the word of their first token, so a post costs a few hash look-ups per
 * token whatever the size of the taxonomy.
 */
public final class TopicMatcher {

    /**
     * CoreNLP's {@code Morphology.lemmaStatic} holds one lock for the whole JVM; lemmatizing participles of every post
     * would make parallel enrich tasks queue on it, so each thread keeps a lemmatizer of its own.
     */
    private static final ThreadLocal<Morphology> MORPHOLOGY = ThreadLocal.withInitial(Morphology::new);

    private record Phrase(int topic, boolean exclude, String[] lemmas, String[] words) {

        int length() {
            return words.length;
        }
    }

    /** One position of a sentence: a token, or one word of a hashtag (which may have two lemmas). */
    private record Unit(String word, String[] lemmas) {

        boolean agrees(String phraseLemma, String phraseWord) {
            if (word.equals(phraseWord)) {
                return true;
            }
            for (String lemma : lemmas) {
                if (lemma.equals(phraseLemma)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A phrase, lemma, hashtag or exclusion found at units [start, end) of a sentence. */
    private record Hit(int topic, boolean exclude, int start, int end) {

        boolean overlaps(Hit other) {
            return start < other.end && other.start < end;
        }
    }

    private final Taxonomy taxonomy;
    private final List<String> ids;
    private final int[][] ancestors;
    private final Map<String, List<Phrase>> phrasesByFirstToken;
    private final Map<String, int[]> topicsByHashtag;

    private TopicMatcher(Taxonomy taxonomy, Map<String, List<Phrase>> phrasesByFirstToken,
            Map<String, int[]> topicsByHashtag) {
        this.taxonomy = taxonomy;
        this.ids = taxonomy.ids();
        this.ancestors = ancestors(taxonomy);
        this.phrasesByFirstToken = phrasesByFirstToken;
        this.topicsByHashtag = topicsByHashtag;
    }

    /** Compiles with {@link CoreNlpTextAnalyzer#shared()}, the analyzer the posts are analyzed with. */
    public static TopicMatcher compile(Taxonomy taxonomy) {
        return compile(taxonomy, CoreNlpTextAnalyzer.shared());
    }

    /** Compiles with {@code analyzer}, which must be the analyzer the posts are analyzed with. */
    public static TopicMatcher compile(Taxonomy taxonomy, TextAnalyzer analyzer) {
        Map<String, List<Phrase>> phrases = new HashMap<>();
        Map<String, Set<Integer>> hashtags = new HashMap<>();
        List<Topic> topics = taxonomy.topics();
        for (int topic = 0; topic < topics.size(); topic++) {
            for (String phrase : topics.get(topic).phrases()) {
                index(phrases, analyze(topic, false, phrase, analyzer));
                hashtags.computeIfAbsent(phrase.replaceAll("\\s+", "").toLowerCase(Locale.ROOT), tag -> new TreeSet<>())
                        .add(topic);
            }
            for (String lemma : topics.get(topic).lemmas()) {
                index(phrases, new Phrase(topic, false, new String[] {lemma}, new String[] {lemma}));
            }
            for (String exclusion : topics.get(topic).exclude()) {
                index(phrases, analyze(topic, true, exclusion, analyzer));
            }
            for (String hashtag : topics.get(topic).hashtags()) {
                hashtags.computeIfAbsent(hashtag, tag -> new TreeSet<>()).add(topic);
            }
        }
        Map<String, List<Phrase>> frozenPhrases = new HashMap<>();
        phrases.forEach((token, list) -> frozenPhrases.put(token, List.copyOf(list)));
        Map<String, int[]> frozenHashtags = new HashMap<>();
        hashtags.forEach((tag, set) -> frozenHashtags.put(tag, set.stream().mapToInt(Integer::intValue).toArray()));
        return new TopicMatcher(taxonomy, Map.copyOf(frozenPhrases), Map.copyOf(frozenHashtags));
    }

    private static Phrase analyze(int topic, boolean exclude, String phrase, TextAnalyzer analyzer) {
        List<Token> tokens = analyzer.analyze(phrase).tokens();
        String[] lemmas = tokens.stream().map(Token::lemma).toArray(String[]::new);
        String[] words = tokens.stream().map(token -> token.word().toLowerCase(Locale.ROOT)).toArray(String[]::new);
        return new Phrase(topic, exclude, lemmas, words);
    }

    private static void index(Map<String, List<Phrase>> phrases, Phrase phrase) {
        phrases.computeIfAbsent(phrase.words()[0], token -> new ArrayList<>()).add(phrase);
        if (!phrase.lemmas()[0].equals(phrase.words()[0])) {
            phrases.computeIfAbsent(phrase.lemmas()[0], token -> new ArrayList<>()).add(phrase);
        }
    }

    private static int[][] ancestors(Taxonomy taxonomy) {
        List<String> ids = taxonomy.ids();
        int[][] ancestors = new int[ids.size()][];
        for (int topic = 0; topic < ids.size(); topic++) {
            List<Integer> chain = new ArrayList<>();
            // The taxonomy was validated to have no parent cycles, so this walk ends.
            String parent = taxonomy.topics().get(topic).parent();
            while (parent != null) {
                chain.add(ids.indexOf(parent));
                parent = taxonomy.topic(parent).orElseThrow().parent();
            }
            ancestors[topic] = chain.stream().mapToInt(Integer::intValue).toArray();
        }
        return ancestors;
    }

    public Taxonomy taxonomy() {
        return taxonomy;
    }

    /** The ids of the topics the text matches, in taxonomy order; empty when none. */
    public List<String> match(AnalyzedText text) {
        return ids(matches(text, List.of()));
    }

    /** Like {@link #match(AnalyzedText)}, also counting the post's hashtags that its text does not show. */
    public List<String> match(AnalyzedText text, Post post) {
        return ids(matches(text, post.hashtags()));
    }

    /**
     * The topics the text matches with the evidence for each, in taxonomy order; empty when none. For ranking
     * topics when a post may have only one ({@code dev.earshot.eval.BestTopic}).
     */
    public List<TopicMatch> matches(AnalyzedText text) {
        return matches(text, List.of());
    }

    private static List<String> ids(List<TopicMatch> matches) {
        return matches.stream().map(TopicMatch::topic).toList();
    }

    private List<TopicMatch> matches(AnalyzedText text, List<String> moreHashtags) {
        Evidence evidence = new Evidence(ids.size());
        Set<String> hashtagsSeen = new HashSet<>();
        for (List<Token> sentence : text.sentences()) {
            List<Unit> units = new ArrayList<>(sentence.size() + 4);
            List<Hit> hits = new ArrayList<>();
            for (Token token : sentence) {
                if (token.word().length() > 1 && token.word().charAt(0) == '#') {
                    String tag = token.word().substring(1);
                    hashtagsSeen.add(tag.toLowerCase(Locale.ROOT));
                    addHashtag(tag, units, hits);
                } else {
                    String word = token.word().toLowerCase(Locale.ROOT);
                    units.add(new Unit(word, lemmas(word, token)));
                }
            }
            findPhrases(units, hits);
            evidence.add(hits, units.size());
        }
        for (String hashtag : moreHashtags) {
            String tag = hashtag.startsWith("#") ? hashtag.substring(1) : hashtag;
            if (hashtagsSeen.add(tag.toLowerCase(Locale.ROOT))) {
                List<Unit> units = new ArrayList<>();
                List<Hit> hits = new ArrayList<>();
                addHashtag(tag, units, hits);
                findPhrases(units, hits);
                evidence.add(hits, units.size());
            }
        }
        return evidence.matches();
    }

    /** What the sentences of one post showed for each topic so far. */
    private final class Evidence {

        private final int[] mentions;
        private final int[] words;

        Evidence(int topics) {
            mentions = new int[topics];
            words = new int[topics];
        }

        /**
         * Adds one sentence's hits that no exclusion of their topic overlaps, to the topic and its ancestors. Hits
         * that overlap or touch are one mention ("customer service" is one, not also "customer" and "service").
         */
        void add(List<Hit> sentenceHits, int sentenceLength) {
            boolean[][] covered = new boolean[mentions.length][];
            for (Hit hit : sentenceHits) {
                if (hit.exclude() || sentenceHits.stream().anyMatch(
                        other -> other.exclude() && other.topic() == hit.topic() && other.overlaps(hit))) {
                    continue;
                }
                cover(hit, hit.topic(), covered, sentenceLength);
                for (int ancestor : ancestors[hit.topic()]) {
                    cover(hit, ancestor, covered, sentenceLength);
                }
            }
            for (int topic = 0; topic < covered.length; topic++) {
                for (int unit = 0; covered[topic] != null && unit < sentenceLength; unit++) {
                    if (covered[topic][unit]) {
                        words[topic]++;
                        if (unit == 0 || !covered[topic][unit - 1]) {
                            mentions[topic]++;
                        }
                    }
                }
            }
        }

        private static void cover(Hit hit, int topic, boolean[][] covered, int sentenceLength) {
            if (covered[topic] == null) {
                covered[topic] = new boolean[sentenceLength];
            }
            Arrays.fill(covered[topic], hit.start(), hit.end(), true);
        }

        List<TopicMatch> matches() {
            List<TopicMatch> matches = new ArrayList<>();
            for (int topic = 0; topic < mentions.length; topic++) {
                if (mentions[topic] > 0) {
                    matches.add(new TopicMatch(ids.get(topic), mentions[topic], words[topic]));
                }
            }
            return matches;
        }
    }

    private void addHashtag(String tag, List<Unit> units, List<Hit> hits) {
        List<String> words = HashtagWords.split(tag);
        if (words.isEmpty()) {
            return;
        }
        int start = units.size();
        for (String word : words) {
            units.add(new Unit(word, lemmasWithoutContext(word)));
        }
        for (int topic : topicsByHashtag.getOrDefault(tag.toLowerCase(Locale.ROOT), new int[0])) {
            hits.add(new Hit(topic, false, start, units.size()));
        }
    }

    /**
     * A token's lemma, and for a participle the tagger read as an adjective also its verb's lemma, so that "just got
     * disconnected" agrees with the phrase "disconnect". Not for nouns in -ing: "a parking spot" must not read as
     * "a park".
     */
    private static String[] lemmas(String word, Token token) {
        boolean participle = token.pos().startsWith("JJ") && (word.endsWith("ed") || word.endsWith("ing"));
        if (participle) {
            String verb = MORPHOLOGY.get().lemma(word, "VBD");
            if (!verb.equals(token.lemma())) {
                return new String[] {token.lemma(), verb};
            }
        }
        return new String[] {token.lemma()};
    }

    /**
     * A hashtag word has no sentence to tag it in, so it gets both its noun and its verb lemma ("parking" gives
     * parking and park, "potholes" gives pothole).
     */
    private static String[] lemmasWithoutContext(String word) {
        Morphology morphology = MORPHOLOGY.get();
        String noun = morphology.lemma(word, "NNS");
        String verb = morphology.lemma(word, "VBD");
        return noun.equals(verb) ? new String[] {noun} : new String[] {noun, verb};
    }

    private void findPhrases(List<Unit> units, List<Hit> hits) {
        for (int start = 0; start < units.size(); start++) {
            Unit unit = units.get(start);
            findPhrasesStartingWith(unit.word(), units, start, hits);
            for (String lemma : unit.lemmas()) {
                if (!lemma.equals(unit.word())) {
                    findPhrasesStartingWith(lemma, units, start, hits);
                }
            }
        }
    }

    private void findPhrasesStartingWith(String token, List<Unit> units, int start, List<Hit> hits) {
        for (Phrase phrase : phrasesByFirstToken.getOrDefault(token, List.of())) {
            if (start + phrase.length() <= units.size() && agreesAt(phrase, units, start)) {
                hits.add(new Hit(phrase.topic(), phrase.exclude(), start, start + phrase.length()));
            }
        }
    }

    private static boolean agreesAt(Phrase phrase, List<Unit> units, int start) {
        for (int i = 0; i < phrase.length(); i++) {
            if (!units.get(start + i).agrees(phrase.lemmas()[i], phrase.words()[i])) {
                return false;
            }
        }
        return true;
    }
}
