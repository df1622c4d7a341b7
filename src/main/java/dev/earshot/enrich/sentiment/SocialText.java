package dev.earshot.enrich.sentiment;

import dev.earshot.enrich.sentiment.SentimentLexicon.Phrase;
import dev.earshot.enrich.sentiment.SentimentLexicon.Term;
import dev.earshot.text.AnalyzedText;
import dev.earshot.text.Token;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A post's tokens as the sentiment rules see them: mentions and URLs dropped (they name, they do not feel),
 * hashtags split into their words, emoticons that the tokenizer cut in pieces ("<" "3") joined again, elongated
 * words ("sooooo") reduced to the word they stretch, known phrases ("thanks for nothing") merged into one unit,
 * and every unit paired with its lexicon term. It reads CoreNLP's words only, never its tags or lemmas, so the
 * tokenizer alone ({@link dev.earshot.text.CoreNlpTextAnalyzer#tokenizer()}) is enough and gives the same result
 * as the full analysis: the preposition "like" is told from the verb, and the verbs that end a negation's reach
 * are found, by the words around them.
 *
 * @param units the words, emoji and emoticons in order, without punctuation (which only marks where clauses end)
 * @param exclamations how many '!' the post has, outside URLs
 * @param questions how many '?' the post has, outside URLs
 * @param capsDifferential whether some but not all words are in capitals, which makes the capitalised ones
 *     emphatic (a post in all capitals is just shouting throughout)
 */
record SocialText(List<Unit> units, int exclamations, int questions, boolean capsDifferential) {

    /**
     * One word, emoji, emoticon or phrase.
     *
     * @param key its lower-case, de-elongated form
     * @param term what it does to sentiment, {@link Term#NONE} when nothing
     * @param capitalised written in capitals ("NOT", "WORST"); never true for hashtag words
     * @param elongated written with a letter repeated for emphasis ("baaad")
     * @param endsNegationScope a verb of its own that a preceding negation is about, so the negation stops
     *     there: in "not collected again!" the "not" belongs to "collected", not to "again!"
     * @param sentence index of its sentence, so that negation and boosters stay within their sentence
     * @param clause index of its clause, counted across sentences: a clause ends at punctuation that ends one
     *     ({@code , ; : . ! ?}, a dash, an ellipsis), and "but" starts a new one. In "the bus never came,
     *     terrible" the "never" is about "came", not about "terrible"
     * @param inQuestion whether its sentence asks (has a '?'): "is the upgrade free?" does not say it is
     */
    record Unit(String key, Term term, boolean capitalised, boolean elongated, boolean endsNegationScope,
            int sentence, int clause, boolean inQuestion) {
    }

    private static final int LONGEST_SPLIT_EMOTICON = 3;
    // A token of these alone ends a clause: "," ";" ":" "." "!" "?", dashes ("-", "--", en and em dash), ellipses.
    private static final String CLAUSE_ENDING_PUNCTUATION = ",;:.!?\u2026-\u2013\u2014";
    // Verb forms that pass a negation on to what follows: "is not good", "haven't been great", "doesn't seem fair".
    private static final Set<String> NEGATION_BEARING_VERBS = Set.of("being", "having", "doing", "getting",
            "seemed", "seeming", "looked", "looking", "feeling", "sounded", "sounding", "becoming", "appeared",
            "thinking", "believed", "expected", "expecting", "needed");
    // "like" is the verb after a subject, a negation or an adverb ("I like", "don't like", "really like"); after
    // anything else it is the preposition ("looks like rain", "feel like a sardine").
    private static final Set<String> BEFORE_VERB_LIKE = Set.of("i", "we", "you", "they", "u", "ya", "n't", "not",
            "do", "did", "does", "dont", "didnt", "really", "also", "still", "just", "totally", "truly", "'d",
            "would", "to", "always", "kinda");
    private static final Pattern URL = Pattern.compile("(?i)(https?://|www\\.)\\S*|[a-z0-9-]+(\\.[a-z0-9-]+)*"
            + "\\.(com|org|net|co|ly|io|gl|me|in|us|uk)(/\\S*)?");
    // Shorter affixes find sentiment by accident: "#safety" is not "safe" + "ty", "#powercut" not "power" + "cut".
    private static final int MIN_SENTIMENT_AFFIX = 4;
    private static final int MIN_HASHTAG_REST = 3;

    /** Reads the analyzed post the social way described above. */
    static SocialText of(AnalyzedText text, SentimentLexicon lexicon) {
        return new Reader(lexicon, true).read(text);
    }

    /**
     * Reads the analyzed post as plain VADER reads its whitespace tokens, for the baseline: mentions and URLs
     * stay as words, a hashtag is its text without '#' (unsplit), nothing is de-elongated, "like" is always the
     * verb and every negation reaches its three words.
     */
    static SocialText plain(AnalyzedText text, SentimentLexicon lexicon) {
        return new Reader(lexicon, false).read(text);
    }

    /** A token on its way to becoming a unit; {@code punctuation} pieces only serve phrase matching ("again !"). */
    private record Piece(String key, boolean capitalised, boolean elongated, boolean punctuation, int sentence,
            int clause) {
    }

    private static final class Reader {

        private final SentimentLexicon lexicon;
        private final boolean social;
        private final List<Piece> pieces = new ArrayList<>();
        private final Set<Integer> questionSentences = new HashSet<>();
        private int clause = -1;
        private int exclamations;
        private int questions;
        private int wordCount;
        private int capitalisedCount;

        Reader(SentimentLexicon lexicon, boolean social) {
            this.lexicon = lexicon;
            this.social = social;
        }

        SocialText read(AnalyzedText text) {
            List<List<Token>> sentences = text.sentences();
            for (int sentence = 0; sentence < sentences.size(); sentence++) {
                readSentence(sentences.get(sentence), sentence);
            }
            return new SocialText(mergePhrases(), exclamations, questions,
                    capitalisedCount > 0 && capitalisedCount < wordCount);
        }

        private void readSentence(List<Token> tokens, int sentence) {
            clause++;
            for (int i = 0; i < tokens.size(); i++) {
                Token token = tokens.get(i);
                String word = token.word();
                if (social && (isMention(word) || isUrl(token))) {
                    continue;
                }
                if (!social && isHashtag(word)) {
                    addWord(word.substring(1), false, sentence);
                    continue;
                }
                if (isHashtag(word)) {
                    for (String part : hashtagWords(word.substring(1))) {
                        for (String partWord : splitAtSentimentWord(part.toLowerCase(Locale.ROOT))) {
                            addWord(partWord, true, sentence);
                        }
                    }
                    continue;
                }
                int joined = joinSplitEmoticon(tokens, i, sentence);
                if (joined > 0) {
                    i += joined - 1;
                    continue;
                }
                if (isExclamationsOrQuestions(word)) {
                    addPunctuation(word, sentence);
                } else if (hasLetterOrDigit(word)) {
                    addWord(word, false, sentence);
                } else {
                    String symbol = withoutEmojiModifiers(word.toLowerCase(Locale.ROOT));
                    if (lexicon.knows(symbol)) {
                        pieces.add(new Piece(symbol, false, false, false, sentence, clause));
                    } else if (endsClause(word)) {
                        clause++;
                    }
                }
            }
        }

        private void addWord(String word, boolean fromHashtag, int sentence) {
            String lower = word.toLowerCase(Locale.ROOT);
            String key = withoutElongation(lower);
            boolean capitalised = false;
            if (!fromHashtag && letterCount(word) >= 2) {
                wordCount++;
                capitalised = !lower.equals(word) && word.toUpperCase(Locale.ROOT).equals(word);
                if (capitalised) {
                    capitalisedCount++;
                }
            }
            if (key.equals("but")) {
                clause++;
            }
            pieces.add(new Piece(key, capitalised, !key.equals(lower), false, sentence, clause));
        }

        private void addPunctuation(String word, int sentence) {
            int bangs = (int) word.chars().filter(c -> c == '!').count();
            exclamations += bangs;
            questions += word.length() - bangs;
            if (bangs < word.length()) {
                questionSentences.add(sentence);
            }
            String key = bangs > 0 ? "!" : "?";
            pieces.add(new Piece(key, false, false, true, sentence, clause));
            clause++;
        }

        /** Joins "<" "3" or ":" "-" "/" back into the emoticon; returns how many tokens it used, 0 if none. */
        private int joinSplitEmoticon(List<Token> tokens, int start, int sentence) {
            String first = tokens.get(start).word();
            if (first.length() > 2 || hasLetterOrDigit(first)) {
                return 0;
            }
            int last = start;
            while (last + 1 < tokens.size() && last + 1 - start < LONGEST_SPLIT_EMOTICON
                    && tokens.get(last + 1).begin() == tokens.get(last).end()) {
                last++;
            }
            for (int end = last; end > start; end--) {
                StringBuilder joined = new StringBuilder();
                for (int i = start; i <= end; i++) {
                    joined.append(tokens.get(i).word());
                }
                String key = joined.toString().toLowerCase(Locale.ROOT);
                Term term = lexicon.term(key);
                if (term != null && term.hasValence()) {
                    pieces.add(new Piece(key, false, false, false, sentence, clause));
                    return end - start + 1;
                }
            }
            return 0;
        }

        private List<Unit> mergePhrases() {
            List<Unit> units = new ArrayList<>(pieces.size());
            int i = 0;
            while (i < pieces.size()) {
                Piece piece = pieces.get(i);
                Phrase phrase = phraseAt(i);
                if (phrase != null) {
                    int end = i + phrase.words().size();
                    List<Piece> words = pieces.subList(i, end);
                    units.add(new Unit(String.join(" ", phrase.words()), phrase.term(),
                            words.stream().allMatch(Piece::capitalised), words.stream().anyMatch(Piece::elongated),
                            false, piece.sentence(), piece.clause(), questionSentences.contains(piece.sentence())));
                    i = end;
                    continue;
                }
                Term term = termOf(i);
                // VADER ignores one-character tokens ("a", "I") so that they do not use up the negation window.
                if (!piece.punctuation() && (term != null || piece.key().length() > 1)) {
                    boolean ownVerb = social && term == null && isOwnVerb(piece.key());
                    units.add(new Unit(piece.key(), term == null ? Term.NONE : term, piece.capitalised(),
                            piece.elongated(), ownVerb, piece.sentence(), piece.clause(),
                            questionSentences.contains(piece.sentence())));
                }
                i++;
            }
            return units;
        }

        private Phrase phraseAt(int start) {
            for (Phrase phrase : lexicon.phrasesStartingWith(pieces.get(start).key())) {
                List<String> words = phrase.words();
                if (start + words.size() > pieces.size()) {
                    continue;
                }
                boolean matches = true;
                for (int j = 1; j < words.size() && matches; j++) {
                    Piece next = pieces.get(start + j);
                    matches = next.sentence() == pieces.get(start).sentence() && next.key().equals(words.get(j));
                }
                if (matches) {
                    return phrase;
                }
            }
            return null;
        }

        private Term termOf(int i) {
            Piece piece = pieces.get(i);
            if (social && piece.key().equals("like") && !(i > 0 && pieces.get(i - 1).sentence() == piece.sentence()
                    && BEFORE_VERB_LIKE.contains(pieces.get(i - 1).key()))) {
                return null; // "looks like rain": the preposition, not the verb of liking
            }
            return lexicon.term(piece.key());
        }

        /**
         * A run-together hashtag word that is not itself known ("jetbluefail", "worstservice") split where a
         * sentiment word of at least four letters starts or ends it, the longest such word winning.
         */
        private List<String> splitAtSentimentWord(String word) {
            if (word.length() < MIN_SENTIMENT_AFFIX + MIN_HASHTAG_REST || lexicon.knows(word)) {
                return List.of(word);
            }
            for (int length = word.length() - MIN_HASHTAG_REST; length >= MIN_SENTIMENT_AFFIX; length--) {
                String prefix = word.substring(0, length);
                if (hasValence(prefix)) {
                    return List.of(prefix, word.substring(length));
                }
                String suffix = word.substring(word.length() - length);
                if (hasValence(suffix)) {
                    return List.of(word.substring(0, word.length() - length), suffix);
                }
            }
            return List.of(word);
        }

        private boolean hasValence(String key) {
            Term term = lexicon.term(key);
            return term != null && term.hasValence();
        }

        /** "sooooo" becomes "so" and "gooood" "good": a run of three or more letters shrinks to two, else one. */
        private String withoutElongation(String lower) {
            if (!social || lexicon.knows(lower) || !hasRunOfThree(lower)) {
                return lower;
            }
            String two = squeezeRuns(lower, 2);
            return lexicon.knows(two) ? two : squeezeRuns(lower, 1);
        }
    }

    /**
     * A past or present participle of its own ("collected", "arriving"), told by its ending since the scorer reads
     * no tags: a negation before it is about it, not about the words after it.
     */
    private static boolean isOwnVerb(String key) {
        return key.length() > 4 && (key.endsWith("ed") || key.endsWith("ing")) && !NEGATION_BEARING_VERBS.contains(key);
    }

    private static boolean isMention(String word) {
        return word.length() > 1 && word.charAt(0) == '@';
    }

    private static boolean isUrl(Token token) {
        String word = token.word();
        // Every URL form has a dot or "://", which most words do not: the check spares them the pattern.
        return (word.indexOf('.') > 0 || word.contains("://")) && URL.matcher(word).matches();
    }

    private static boolean isHashtag(String word) {
        return word.length() > 1 && word.charAt(0) == '#' && Character.isLetterOrDigit(word.codePointAt(1));
    }

    /** "WorstServiceEver" gives worst, service, ever; "WTFCityCare" WTF, city, care; "fail" just fail. */
    static List<String> hashtagWords(String tag) {
        List<String> words = new ArrayList<>(4);
        int start = 0;
        for (int i = 1; i <= tag.length(); i++) {
            if (i == tag.length() || startsNewWord(tag, i)) {
                String word = tag.substring(start, i).replace("_", "");
                if (!word.isEmpty()) {
                    words.add(word);
                }
                start = i;
            }
        }
        return words;
    }

    private static boolean startsNewWord(String tag, int i) {
        char previous = tag.charAt(i - 1);
        char current = tag.charAt(i);
        boolean nextIsLower = i + 1 < tag.length() && Character.isLowerCase(tag.charAt(i + 1));
        return current == '_'
                || Character.isLowerCase(previous) && Character.isUpperCase(current)
                || Character.isUpperCase(previous) && Character.isUpperCase(current) && nextIsLower
                || Character.isDigit(previous) != Character.isDigit(current);
    }

    private static boolean endsClause(String word) {
        return word.chars().allMatch(c -> CLAUSE_ENDING_PUNCTUATION.indexOf(c) >= 0);
    }

    private static boolean isExclamationsOrQuestions(String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c != '!' && c != '?') {
                return false;
            }
        }
        return true;
    }

    private static boolean hasLetterOrDigit(String word) {
        return word.codePoints().anyMatch(Character::isLetterOrDigit);
    }

    private static int letterCount(String word) {
        return (int) word.chars().filter(Character::isLetter).count();
    }

    private static boolean hasRunOfThree(String word) {
        for (int i = 2; i < word.length(); i++) {
            char c = word.charAt(i);
            if (Character.isLetter(c) && c == word.charAt(i - 1) && c == word.charAt(i - 2)) {
                return true;
            }
        }
        return false;
    }

    private static String squeezeRuns(String word, int maxRun) {
        StringBuilder squeezed = new StringBuilder(word.length());
        int run = 0;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            run = i > 0 && c == word.charAt(i - 1) ? run + 1 : 1;
            if (run <= maxRun || !Character.isLetter(c)) {
                squeezed.append(c);
            }
        }
        return squeezed.toString();
    }

    /**
     * "👏🏽" becomes "👏" and "❤️" "❤": skin tones and presentation selectors do not change the feeling, and
     * of a zero-width-joined sequence ("🤦‍♂️") the first emoji carries it.
     */
    static String withoutEmojiModifiers(String symbol) {
        StringBuilder base = new StringBuilder(symbol.length());
        for (int i = 0; i < symbol.length(); ) {
            int codePoint = symbol.codePointAt(i);
            if (codePoint == 0x200D) {
                break;
            }
            boolean modifier = codePoint == 0xFE0F || codePoint == 0xFE0E || (codePoint >= 0x1F3FB
                    && codePoint <= 0x1F3FF);
            if (!modifier) {
                base.appendCodePoint(codePoint);
            }
            i += Character.charCount(codePoint);
        }
        return base.toString();
    }
}
