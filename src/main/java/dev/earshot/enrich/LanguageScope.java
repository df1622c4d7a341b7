package dev.earshot.enrich;

import dev.earshot.model.Post;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The languages Earshot understands posts in ({@code enrich.languages}). Its sentiment rules and models, CoreNLP's
 * tokenizer, tagger and lemmas, and the taxonomies are English: a post in another language reads as neutral, or a
 * word of it that looks like an English one counts as a sentiment or a topic, and either skews its cells.
 *
 * <p>Languages compare on the primary subtag, ignoring case: {@code en-GB} and {@code EN} are {@code en}. A
 * three-letter code that has a two-letter one ({@code eng}) is that code, since BCP 47 tags, which the networks
 * write, use the shorter one.
 *
 * <p>A post whose network did not say its language is in scope: a null or blank {@code lang}, or a code that names
 * no language ({@code und} undetermined, {@code mul} several, {@code zxx} no linguistic content, and the private-use
 * range {@code qaa}-{@code qtz}, where X writes {@code qme}, {@code qht} and {@code qam} for posts of media,
 * hashtags or mentions only). Earshot does not detect languages itself, so it cannot tell, and keeps the post.
 *
 * @param languages primary language codes of 2 or 3 letters, lower case, or {@link #EVERY} alone
 */
public record LanguageScope(List<String> languages) implements Serializable {

    /** Every language: no post is left out. */
    public static final String EVERY = "*";

    private static final Pattern CODE = Pattern.compile("[a-z]{2,3}");
    private static final Set<String> NO_LANGUAGE = Set.of("und", "mul", "zxx");
    private static final Map<String, String> TWO_LETTER_OF_THREE = twoLetterCodes();

    public LanguageScope {
        if (languages == null || languages.isEmpty()) {
            throw new IllegalArgumentException("enrich.languages must list at least one language, was "
                    + (languages == null ? "empty" : "[]") + "; e.g. [en], or [\"*\"] to read posts in every language");
        }
        for (String language : languages) {
            if (language == null || !(language.equals(EVERY) || CODE.matcher(language.toLowerCase(Locale.ROOT)).matches())) {
                throw new IllegalArgumentException("enrich.languages lists '" + language + "', which is not a language"
                        + " code: write codes of 2 or 3 letters such as en or pt (en also covers en-GB and en-US),"
                        + " or [\"*\"] for every language");
            }
        }
        if (languages.contains(EVERY) && languages.size() > 1) {
            throw new IllegalArgumentException("enrich.languages lists \"*\" (every language) with " + languages
                    + "; write [\"*\"] alone, or only the languages to keep");
        }
        languages = languages.stream().map(LanguageScope::primarySubtag).distinct().toList();
    }

    /** English only: the language of Earshot's rules, models and bundled taxonomies. */
    public static LanguageScope defaults() {
        return new LanguageScope(List.of("en"));
    }

    /**
     * @param lang a post's language as its network tagged it (BCP 47), or null when it did not say
     * @return whether the post is to be understood: its language is listed, or every language is, or it is unknown
     */
    public boolean includes(String lang) {
        if (languages.get(0).equals(EVERY) || lang == null || lang.isBlank()) {
            return true;
        }
        String primary = primarySubtag(lang.strip());
        return NO_LANGUAGE.contains(primary) || isPrivateUse(primary) || languages.contains(primary);
    }

    /**
     * @return whether a post is to be understood: one of the languages its network tagged it with is
     *     ({@link #includes(String)}), so that a Bluesky post tagged {@code ["ja", "en"]} is read by {@code [en]}
     */
    public boolean includesPost(Post post) {
        return includes(post.lang()) || (post.langs() != null && post.langs().stream().anyMatch(this::includes));
    }

    /** As the run summary shows it, e.g. {@code en, pt}. */
    @Override
    public String toString() {
        return String.join(", ", languages);
    }

    /** {@code en-GB} and {@code EN} are {@code en}; {@code eng} is {@code en}. */
    static String primarySubtag(String tag) {
        int dash = tag.indexOf('-');
        int underscore = tag.indexOf('_');
        int end = dash < 0 ? underscore : underscore < 0 ? dash : Math.min(dash, underscore);
        String primary = (end < 0 ? tag : tag.substring(0, end)).toLowerCase(Locale.ROOT);
        return TWO_LETTER_OF_THREE.getOrDefault(primary, primary);
    }

    private static boolean isPrivateUse(String primary) {
        return primary.length() == 3 && primary.charAt(0) == 'q' && primary.charAt(1) <= 't';
    }

    private static Map<String, String> twoLetterCodes() {
        Map<String, String> codes = new HashMap<>();
        for (String twoLetter : Locale.getISOLanguages()) {
            codes.put(Locale.forLanguageTag(twoLetter).getISO3Language(), twoLetter);
        }
        return Map.copyOf(codes);
    }
}
