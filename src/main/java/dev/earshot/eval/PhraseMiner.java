package dev.earshot.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.earshot.enrich.topics.Taxonomy;
import dev.earshot.enrich.topics.TopicMatch;
import dev.earshot.enrich.topics.TopicMatcher;
import dev.earshot.text.AnalyzedText;
import dev.earshot.text.TextAnalyzer;
import dev.earshot.text.Token;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A taxonomy author's aid: from posts labelled with what they are about, finds the words, phrases and hashtags that
 * are frequent and telling for a label but that the taxonomy does not yet match for it, for the author to review.
 *
 * <p>A label stands for the topic that, as a post's {@link BestTopic}, most often has that label ({@link #labels}).
 * Candidates are lemma n-grams of consecutive words in one sentence (not @mentions, links, numbers or punctuation;
 * neither starting nor ending with a stop word) and whole hashtags. A candidate is suggested for a label when at least
 * {@link Params#minSupport} posts of the label have it, at least {@link Params#minPrecision} of the posts having it
 * have the label, it does not already match the label's topic, and adding it to that topic alone would raise the
 * macro-F1 of the posts' best topics (one more mention of the topic, as {@link BestTopic} weighs it), so that every
 * label counts alike however few posts it has; suggestions are ranked by that gain.
 */
public final class PhraseMiner {

    /** Words too common to make a phrase alone, or to end one. */
    private static final Set<String> STOP_WORDS = Set.of("a", "an", "the", "and", "or", "but", "so", "to", "of", "in",
            "on", "at", "for", "with", "from", "by", "as", "about", "into", "i", "me", "my", "we", "our", "us", "you",
            "your", "he", "she", "him", "her", "his", "it", "its", "they", "them", "their", "this", "that", "these",
            "those", "be", "have", "do", "will", "would", "can", "could", "should", "not", "no", "n't", "just", "get",
            "what", "when", "who", "how", "why", "all", "any", "there", "here", "if", "than", "then", "now", "up",
            "out", "again", "still", "even", "very", "too", "also", "'s", "'m", "'re", "'ve", "'ll", "'d", "amp");

    /**
     * How candidates are chosen.
     *
     * @param maxWords the longest phrase, in words
     * @param minSupport the fewest posts of a label a candidate must be found in
     * @param minPrecision the least share of the posts having a candidate that must have the label
     * @param perLabel the most suggestions listed per label
     */
    public record Params(int maxWords, int minSupport, double minPrecision, int perLabel) {

        public Params {
            if (maxWords < 1 || maxWords > 5) {
                throw new IllegalArgumentException("maxWords must be 1 to 5, was " + maxWords);
            }
            if (minSupport < 1) {
                throw new IllegalArgumentException("minSupport must be at least 1 post, was " + minSupport);
            }
            if (!(minPrecision > 0 && minPrecision <= 1)) {
                throw new IllegalArgumentException("minPrecision must be in (0, 1], was " + minPrecision);
            }
            if (perLabel < 1) {
                throw new IllegalArgumentException("perLabel must be at least 1, was " + perLabel);
            }
        }

        public static Params defaults() {
            return new Params(3, 5, 0.6, 15);
        }
    }

    /** An analyzed post and the label a person gave it. */
    public record LabelledPost(AnalyzedText text, String label) {
    }

    /**
     * One phrase or hashtag to consider adding to a topic.
     *
     * @param label the label it is telling for
     * @param topic the topic standing for that label, which it would be added to
     * @param text the phrase in plain (lemma) form, or the hashtag with its #
     * @param support posts of the label that have it
     * @param posts all posts that have it
     * @param fixes posts it matches whose best topic would become right with it added to {@code topic}
     * @param breaks posts it matches whose best topic is right today and would not be
     * @param macroF1Gain how much it alone would raise the macro-F1 over the labels of these posts
     * @param matchesNow the other topics it already matches, which may then compete with {@code topic}
     */
    public record Suggestion(String label, String topic, String text, int support, int posts, int fixes, int breaks,
            double macroF1Gain, List<String> matchesNow) {

        public double precision() {
            return (double) support / posts;
        }

        public boolean hashtag() {
            return text.startsWith("#");
        }
    }

    /**
     * What the miner found.
     *
     * @param labelByTopic which label each topic stands for (topics that were nobody's best topic are absent)
     * @param unmatched the share of posts that match no topic at all
     * @param suggestions per label in the order of the labels' post counts, best first within a label
     */
    public record Report(Map<String, String> labelByTopic, double unmatched, List<Suggestion> suggestions) {
    }

    private static final YAMLMapper YAML_WRITER = new YAMLMapper();

    private PhraseMiner() {
    }

    /** Finds the phrases and hashtags worth adding to {@code matcher}'s taxonomy; see the class comment. */
    public static Report mine(List<LabelledPost> posts, TopicMatcher matcher, TextAnalyzer analyzer, Params params) {
        Taxonomy taxonomy = matcher.taxonomy();
        Map<String, String> labelByTopic = labels(posts, matcher);
        Map<String, String> topicByLabel = topicByLabel(posts, matcher, labelByTopic);
        List<List<TopicMatch>> matches = posts.stream().map(post -> matcher.matches(post.text())).toList();
        List<String> predicted = matches.stream()
                .map(matched -> predict(matched, taxonomy, labelByTopic).orElse(null)).toList();
        MacroF1 scores = new MacroF1(posts, predicted);
        Map<String, Integer> postsByCandidate = new HashMap<>();
        Map<String, Map<String, Integer>> supportByCandidate = new HashMap<>();
        Map<String, Integer> postsByLabel = new HashMap<>();
        for (LabelledPost post : posts) {
            postsByLabel.merge(post.label(), 1, Integer::sum);
            for (String candidate : candidates(post.text(), params.maxWords())) {
                postsByCandidate.merge(candidate, 1, Integer::sum);
                supportByCandidate.computeIfAbsent(candidate, c -> new HashMap<>()).merge(post.label(), 1, Integer::sum);
            }
        }
        // The lemma n-grams only shortlist: a phrase is counted again as the matcher will match it once added,
        // since its words may agree with more than the n-gram did ("flighted" alone is the verb "flight").
        List<String> shortlist = supportByCandidate.entrySet().stream()
                .filter(entry -> entry.getValue().entrySet().stream().anyMatch(support -> support.getValue()
                        >= params.minSupport() && topicByLabel.containsKey(support.getKey())
                        && (double) support.getValue() / postsByCandidate.get(entry.getKey()) >= params.minPrecision()))
                .map(Map.Entry::getKey).sorted().toList();
        Map<String, List<Integer>> postsMatched = matchAsPhrases(shortlist, posts, analyzer);
        List<Suggestion> suggestions = new ArrayList<>();
        postsMatched.forEach((candidate, matched) -> {
            Map<String, Integer> support = new TreeMap<>();
            matched.forEach(index -> support.merge(posts.get(index).label(), 1, Integer::sum));
            String label = support.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            String topic = topicByLabel.get(label);
            if (topic == null || support.get(label) < params.minSupport()
                    || (double) support.get(label) / matched.size() < params.minPrecision()) {
                return;
            }
            Map<Integer, String> changed = new HashMap<>();
            int fixes = 0;
            int breaks = 0;
            for (int index : matched) {
                String gold = posts.get(index).label();
                String after = predict(withMention(matches.get(index), topic, taxonomy), taxonomy, labelByTopic)
                        .orElse(null);
                if (!Objects.equals(after, predicted.get(index))) {
                    changed.put(index, after);
                    fixes += gold.equals(after) ? 1 : 0;
                    breaks += gold.equals(predicted.get(index)) ? 1 : 0;
                }
            }
            double gain = scores.macroF1With(changed) - scores.macroF1With(Map.of());
            if (gain > 0) {
                suggestions.add(new Suggestion(label, topic, candidate, support.get(label), matched.size(), fixes,
                        breaks, gain, List.of()));
            }
        });
        List<String> labelOrder = postsByLabel.keySet().stream()
                .sorted(Comparator.comparing((String label) -> postsByLabel.get(label)).reversed()
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
        List<Suggestion> ranked = suggestions.stream()
                .sorted(Comparator.comparingInt((Suggestion s) -> labelOrder.indexOf(s.label()))
                        .thenComparing(Comparator.comparingDouble(Suggestion::macroF1Gain).reversed())
                        .thenComparing(Comparator.comparingDouble(Suggestion::precision).reversed())
                        .thenComparing(Suggestion::text))
                .map(s -> withMatchesNow(s, matcher, analyzer))
                .filter(s -> !s.matchesNow().contains(s.topic()))
                .toList();
        List<Suggestion> kept = new ArrayList<>();
        Map<String, Integer> keptByLabel = new HashMap<>();
        for (Suggestion suggestion : ranked) {
            if (keptByLabel.merge(suggestion.label(), 1, Integer::sum) <= params.perLabel()) {
                kept.add(suggestion);
            }
        }
        long unmatched = matches.stream().filter(List::isEmpty).count();
        return new Report(labelByTopic, posts.isEmpty() ? 0 : (double) unmatched / posts.size(), kept);
    }

    /** Macro-F1 over the gold labels of predicted labels (null: none), and what it would be with some changed. */
    private static final class MacroF1 {

        private final List<String> gold;
        private final List<String> predicted;
        private final Map<String, int[]> counts = new TreeMap<>();

        MacroF1(List<LabelledPost> posts, List<String> predicted) {
            this.gold = posts.stream().map(LabelledPost::label).toList();
            this.predicted = predicted;
            gold.forEach(label -> counts.put(label, new int[3]));
            for (int i = 0; i < gold.size(); i++) {
                count(gold.get(i), predicted.get(i), 1, counts);
            }
        }

        /** Counts true positives, false positives and false negatives per label. */
        private static void count(String gold, String predicted, int sign, Map<String, int[]> counts) {
            if (gold.equals(predicted)) {
                counts.get(gold)[0] += sign;
                return;
            }
            counts.get(gold)[2] += sign;
            if (predicted != null && counts.containsKey(predicted)) {
                counts.get(predicted)[1] += sign;
            }
        }

        double macroF1With(Map<Integer, String> changed) {
            Map<String, int[]> now = new TreeMap<>();
            counts.forEach((label, count) -> now.put(label, count.clone()));
            changed.forEach((index, after) -> {
                count(gold.get(index), predicted.get(index), -1, now);
                count(gold.get(index), after, 1, now);
            });
            return now.values().stream()
                    .mapToDouble(count -> count[0] == 0 ? 0 : 2.0 * count[0] / (2 * count[0] + count[1] + count[2]))
                    .average().orElse(0);
        }
    }

    /** The matches as they would be with one more mention of {@code topic} (and so of its ancestors). */
    private static List<TopicMatch> withMention(List<TopicMatch> matches, String topic, Taxonomy taxonomy) {
        Map<String, TopicMatch> byTopic = new LinkedHashMap<>();
        matches.forEach(match -> byTopic.put(match.topic(), match));
        for (String id = topic; id != null; id = taxonomy.topic(id).orElseThrow().parent()) {
            TopicMatch now = byTopic.get(id);
            byTopic.put(id, now == null ? new TopicMatch(id, 1, 1) : new TopicMatch(id, now.mentions() + 1, now.words() + 1));
        }
        return List.copyOf(byTopic.values());
    }

    /**
     * The posts (by index) each candidate matches as a phrase (or hashtag) of a topic. All candidates are matched
     * in one pass, each as a topic of a probe taxonomy.
     */
    private static Map<String, List<Integer>> matchAsPhrases(List<String> candidates, List<LabelledPost> posts,
            TextAnalyzer analyzer) {
        Map<String, List<Integer>> matched = new TreeMap<>();
        if (candidates.isEmpty()) {
            return matched;
        }
        List<Map<String, Object>> probes = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            String candidate = candidates.get(i);
            boolean hashtag = candidate.startsWith("#");
            probes.add(Map.of("id", "candidate_" + i, "name", candidate, hashtag ? "hashtags" : "phrases",
                    List.of(hashtag ? candidate.substring(1) : candidate)));
        }
        TopicMatcher probe;
        try {
            probe = TopicMatcher.compile(Taxonomy.parse(YAML_WRITER.writeValueAsString(Map.of("topics", probes))),
                    analyzer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the probe taxonomy", e);
        }
        for (int index = 0; index < posts.size(); index++) {
            for (TopicMatch match : probe.matches(posts.get(index).text())) {
                String candidate = candidates.get(Integer.parseInt(match.topic().substring("candidate_".length())));
                matched.computeIfAbsent(candidate, c -> new ArrayList<>()).add(index);
            }
        }
        return matched;
    }

    private static Suggestion withMatchesNow(Suggestion suggestion, TopicMatcher matcher, TextAnalyzer analyzer) {
        List<String> now = matcher.match(analyzer.analyze(suggestion.text()));
        return new Suggestion(suggestion.label(), suggestion.topic(), suggestion.text(), suggestion.support(),
                suggestion.posts(), suggestion.fixes(), suggestion.breaks(), suggestion.macroF1Gain(), now);
    }

    /**
     * Which label each topic stands for: the label most of the posts whose best topic it is have (ties to the
     * label first in name order). A topic that is no post's best topic stands for nothing.
     */
    public static Map<String, String> labels(List<LabelledPost> posts, TopicMatcher matcher) {
        Map<String, Map<String, Integer>> labelCounts = new HashMap<>();
        for (LabelledPost post : posts) {
            BestTopic.of(matcher.matches(post.text()), matcher.taxonomy()).ifPresent(topic -> labelCounts
                    .computeIfAbsent(topic, t -> new TreeMap<>()).merge(post.label(), 1, Integer::sum));
        }
        Map<String, String> labelByTopic = new LinkedHashMap<>();
        for (String topic : matcher.taxonomy().ids()) {
            Map<String, Integer> counts = labelCounts.get(topic);
            if (counts != null) {
                labelByTopic.put(topic, counts.entrySet().stream()
                        .max(Map.Entry.<String, Integer>comparingByValue()
                                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                        .orElseThrow().getKey());
            }
        }
        return labelByTopic;
    }

    /** The topic a label's suggestions go to: of the topics standing for it, the one most often right for it. */
    private static Map<String, String> topicByLabel(List<LabelledPost> posts, TopicMatcher matcher,
            Map<String, String> labelByTopic) {
        Map<String, Map<String, Integer>> rightByLabel = new HashMap<>();
        for (LabelledPost post : posts) {
            BestTopic.of(matcher.matches(post.text()), matcher.taxonomy())
                    .filter(topic -> post.label().equals(labelByTopic.get(topic)))
                    .ifPresent(topic -> rightByLabel.computeIfAbsent(post.label(), l -> new TreeMap<>())
                            .merge(topic, 1, Integer::sum));
        }
        Map<String, String> topicByLabel = new HashMap<>();
        rightByLabel.forEach((label, counts) -> topicByLabel.put(label, counts.entrySet().stream()
                .max(Map.Entry.comparingByValue()).orElseThrow().getKey()));
        return topicByLabel;
    }

    /** The label of the post's best topic, empty when it matches none or its best topic stands for no label. */
    public static Optional<String> predict(List<TopicMatch> matches, Taxonomy taxonomy, Map<String, String> labelByTopic) {
        return BestTopic.of(matches, taxonomy).map(labelByTopic::get);
    }

    /** Macro-F1 over the posts' labels of predicting each post's label from its best topic. */
    public static double macroF1(List<LabelledPost> posts, TopicMatcher matcher, Map<String, String> labelByTopic) {
        Set<String> labels = new TreeSet<>();
        posts.forEach(post -> labels.add(post.label()));
        List<String> classes = new ArrayList<>(labels);
        String none = "(no label)";
        classes.add(none);
        ConfusionMatrix matrix = new ConfusionMatrix(classes);
        for (LabelledPost post : posts) {
            String predicted = predict(matcher.matches(post.text()), matcher.taxonomy(), labelByTopic)
                    .filter(labels::contains).orElse(none);
            matrix.add(post.label(), predicted);
        }
        return matrix.macroF1(labels);
    }

    /** The taxonomy with every suggestion added to its topic: phrases to {@code phrases}, hashtags to {@code hashtags}. */
    public static Taxonomy accept(Taxonomy taxonomy, List<Suggestion> suggestions) {
        Map<String, List<String>> phrases = new HashMap<>();
        Map<String, List<String>> hashtags = new HashMap<>();
        for (Suggestion suggestion : suggestions) {
            if (suggestion.hashtag()) {
                hashtags.computeIfAbsent(suggestion.topic(), t -> new ArrayList<>()).add(suggestion.text().substring(1));
            } else {
                phrases.computeIfAbsent(suggestion.topic(), t -> new ArrayList<>()).add(suggestion.text());
            }
        }
        return taxonomy.withMore(phrases, hashtags);
    }

    /** The distinct candidates of one post. */
    static Set<String> candidates(AnalyzedText text, int maxWords) {
        Set<String> candidates = new HashSet<>();
        for (List<Token> sentence : text.sentences()) {
            List<String> run = new ArrayList<>();
            for (Token token : sentence) {
                String word = token.word();
                if (word.length() > 1 && word.charAt(0) == '#') {
                    candidates.add(word.toLowerCase(Locale.ROOT));
                    addNgrams(run, maxWords, candidates);
                    run.clear();
                } else if (isWord(word)) {
                    run.add(token.lemma().toLowerCase(Locale.ROOT));
                } else {
                    addNgrams(run, maxWords, candidates);
                    run.clear();
                }
            }
            addNgrams(run, maxWords, candidates);
        }
        return candidates;
    }

    private static boolean isWord(String word) {
        return word.chars().anyMatch(Character::isLetter) && word.charAt(0) != '@' && word.charAt(0) != '&'
                && !word.contains("://")
                && !word.startsWith("www.");
    }

    private static void addNgrams(List<String> run, int maxWords, Set<String> candidates) {
        for (int start = 0; start < run.size(); start++) {
            for (int end = start + 1; end <= Math.min(run.size(), start + maxWords); end++) {
                List<String> words = run.subList(start, end);
                if (!STOP_WORDS.contains(words.get(0)) && !STOP_WORDS.contains(words.get(words.size() - 1))) {
                    candidates.add(String.join(" ", words));
                }
            }
        }
    }
}
